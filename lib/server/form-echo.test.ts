import { describe, expect, it } from "vitest";
import { echoed, echoedChecked, echoOnFailure } from "./form-echo";
import { fail, ok } from "./result";

function form(entries: [string, string | Blob][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

describe("echoOnFailure", () => {
  it("leaves a success and an empty state as they are", () => {
    const success = ok({ id: "x" });
    expect(echoOnFailure(success, form([["name", "Dominique"]]))).toBe(success);
    expect(echoOnFailure(null, form([["name", "Dominique"]]))).toBeNull();
  });

  it("sends back what a refused form held: every text value, several for a checkbox group", () => {
    const refused = fail("INVALID_INPUT", "Adresse électronique : format attendu nom@domaine.fr.", { email: ["format"] });
    const echoed = echoOnFailure(
      refused,
      form([
        ["name", "Dominique <b>Experte</b>"],
        ["email", "pas-une-adresse"],
        ["userIds", "a"],
        ["userIds", "b"],
        ["$ACTION_ID_abc", ""],
        ["$ACTION_REF_1", ""],
      ]),
    );
    expect(echoed).toEqual({ ...refused, submitted: { name: ["Dominique <b>Experte</b>"], email: ["pas-une-adresse"], userIds: ["a", "b"] } });
    // The refusal itself is not changed.
    expect(refused).not.toHaveProperty("submitted");
  });

  it("never echoes a file, and bounds the number and length of values", () => {
    const refused = fail("INVALID_INPUT");
    const many: [string, string | Blob][] = [["file", new Blob(["%PDF-1.7"], { type: "application/pdf" })], ["long", "é".repeat(20_000)]];
    for (let i = 0; i < 100; i++) many.push([`f${i}`, String(i)]);
    const echoed = echoOnFailure(refused, form(many));
    if (echoed.ok) throw new Error("a refusal stays a refusal");
    const submitted = echoed.submitted!;
    expect(submitted.file).toBeUndefined();
    expect(submitted.long![0]).toHaveLength(10_000);
    expect(Object.keys(submitted)).toHaveLength(60);
  });

  it("leaves out the fields it is told to (a password never comes back)", () => {
    const echoed = echoOnFailure(fail("UNAUTHENTICATED"), form([["email", "a@b.fr"], ["password", "secret-typed"]]), { omit: ["password"] });
    expect(echoed).toMatchObject({ submitted: { email: ["a@b.fr"] } });
    expect(JSON.stringify(echoed)).not.toContain("secret-typed");
  });
});

describe("echoed, echoedChecked", () => {
  const refused = echoOnFailure(fail("INVALID_INPUT"), form([["title", "Nouveau titre"], ["kind", "ROLLING"], ["confirm", "on"]]));

  it("give a refused form's values as the fields' defaults", () => {
    expect(echoed(refused, "title", "Titre enregistré")).toBe("Nouveau titre");
    expect(echoedChecked(refused, "kind", "ROLLING", false)).toBe(true);
    expect(echoedChecked(refused, "kind", "CALL", true)).toBe(false);
    expect(echoedChecked(refused, "confirm")).toBe(true);
    // A field the form did not send: the browser omits an unticked box.
    expect(echoedChecked(refused, "forced")).toBe(false);
    expect(echoed(refused, "slug", "")).toBe("");
  });

  it("fall back to the caller's default before any submission and after a success", () => {
    expect(echoed(null, "title", "Titre enregistré")).toBe("Titre enregistré");
    expect(echoed(ok({}), "title", "Titre enregistré")).toBe("Titre enregistré");
    expect(echoedChecked(null, "kind", "CALL", true)).toBe(true);
    expect(echoedChecked(ok({}), "confirm")).toBeUndefined();
  });
});
