import { describe, expect, it } from "vitest";
import { passwordPolicyErrors } from "./password-policy";

describe("password policy", () => {
  it("refuses fewer than 12 characters", () => {
    expect(passwordPolicyErrors("Court-123")).toEqual(["Le mot de passe doit contenir au moins 12 caractères."]);
  });
  it("refuses common passwords whatever their case, and trivial repetitions", () => {
    expect(passwordPolicyErrors("MotDePasse123")[0]).toMatch(/trop courant/);
    expect(passwordPolicyErrors("azertyuiop123")[0]).toMatch(/trop courant/);
    expect(passwordPolicyErrors("abababababababab")[0]).toMatch(/trop courant/);
  });
  it("refuses a password containing the address", () => {
    expect(passwordPolicyErrors("camille.martin-2026!", "camille.martin@example.gouv.fr")).toEqual([
      "Le mot de passe ne doit pas contenir votre adresse électronique.",
    ]);
  });
  it("accepts a long passphrase", () => {
    expect(passwordPolicyErrors("cheval agrafe pile correcte", "camille@example.gouv.fr")).toEqual([]);
  });
});
