import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidSiret, luhnValid, normaliseSiret } from "./siret";

describe("SIRET", () => {
  it("accepts real SIRET numbers", () => {
    // DINUM and INSEE head offices.
    expect(isValidSiret("13002526500013")).toBe(true);
    expect(isValidSiret("12002701600563")).toBe(true);
  });

  it("refuses a wrong length, letters or a bad checksum", () => {
    expect(isValidSiret("1300252650001")).toBe(false);
    expect(isValidSiret("130025265000130")).toBe(false);
    expect(isValidSiret("1300252650001A")).toBe(false);
    expect(isValidSiret("13002526500014")).toBe(false);
    expect(isValidSiret("")).toBe(false);
  });

  it("uses the digit-sum rule for La Poste's establishments", () => {
    expect(isValidSiret("35600000000048")).toBe(true);
    expect(isValidSiret("35600000049837")).toBe(true);
    expect(isValidSiret("35600000049838")).toBe(false);
  });

  it("normalises spaces typed by people", () => {
    expect(normaliseSiret(" 130 025 265 00013 ")).toBe("13002526500013");
  });

  it("detects every single-digit error (property)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{13}$/), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 9 }), (body, pos, delta) => {
        // Complete the body with the digit that makes it valid.
        const check = [...Array(10).keys()].find((d) => luhnValid(body + d))!;
        const valid = body + check;
        expect(luhnValid(valid)).toBe(true);
        const changed = valid.slice(0, pos) + ((Number(valid[pos]) + delta) % 10) + valid.slice(pos + 1);
        expect(luhnValid(changed)).toBe(false);
      }),
    );
  });
});
