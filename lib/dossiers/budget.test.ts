import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUDGET_NATURES, budgetTotals, checkBudget, rateBps, type BudgetLine } from "./budget";

/** Intl puts narrow no-break spaces in figures. */
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");
const NO_RULES = { maxRequestedCents: null, minRequestedCents: null, maxRateBps: null };
const line = (amountCents: number, nature: BudgetLine["nature"] = "STAFF", year = 2026): BudgetLine => ({ nature, year, label: "x", amountCents });

const lineArb = fc.record({
  nature: fc.constantFrom(...BUDGET_NATURES),
  year: fc.integer({ min: 2020, max: 2035 }),
  label: fc.constant("ligne"),
  amountCents: fc.integer({ min: 0, max: 100_000_000_00 }),
});

describe("budget totals", () => {
  it("adds lines by nature and by year", () => {
    const t = budgetTotals([line(100_00, "STAFF", 2026), line(50_00, "SOFTWARE", 2027), line(25_00, "STAFF", 2027)]);
    expect(t.totalCents).toBe(175_00n);
    expect(t.byNature.STAFF).toBe(125_00n);
    expect(t.byNature.SOFTWARE).toBe(50_00n);
    expect(t.byYear).toEqual([
      { year: 2026, cents: 100_00n },
      { year: 2027, cents: 75_00n },
    ]);
  });

  it("total = sum by nature = sum by year, exactly (property)", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 40 }), (lines) => {
        const t = budgetTotals(lines);
        const sum = lines.reduce((s, l) => s + BigInt(l.amountCents), 0n);
        expect(t.totalCents).toBe(sum);
        expect(Object.values(t.byNature).reduce((a, b) => a + b, 0n)).toBe(sum);
        expect(t.byYear.reduce((a, b) => a + b.cents, 0n)).toBe(sum);
      }),
    );
  });
});

describe("co-financing rate", () => {
  it("is in basis points, rounded up", () => {
    expect(rateBps(50_00n, 100_00n)).toBe(5000);
    expect(rateBps(1n, 3n)).toBe(3334);
    expect(rateBps(1n, 0n)).toBeNull();
  });

  it("never understates the rate (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (req, total) => {
        const bps = BigInt(rateBps(req, total)!);
        expect(bps * total).toBeGreaterThanOrEqual(req * 10_000n);
        expect((bps - 1n) * total).toBeLessThan(req * 10_000n);
      }),
    );
  });
});

describe("call rules", () => {
  it("accepts a budget within the rules", () => {
    expect(checkBudget([line(200_000_00)], 100_000_00n, { maxRequestedCents: 100_000_00n, minRequestedCents: null, maxRateBps: 5000 })).toEqual([]);
  });

  it("refuses a request above the total, with the figures", () => {
    const issues = checkBudget([line(80_000_00)], 90_000_00n, NO_RULES);
    expect(issues.map((i) => ({ ...i, message: plain(i.message) }))).toEqual([
      { field: "budget.requestedCents", message: "Le cofinancement demandé (90 000 €) dépasse le coût total du projet (80 000 €)." },
    ]);
  });

  it("refuses a request above the ceiling of the rolling window", () => {
    const [issue] = checkBudget([line(300_000_00)], 100_000_01n, { ...NO_RULES, maxRequestedCents: 100_000_00n });
    expect(plain(issue!.message)).toBe("Le cofinancement demandé (100 000,01 €) dépasse le plafond de l’appel (100 000 €).");
  });

  it("refuses a rate above the call's maximum", () => {
    const [issue] = checkBudget([line(100_000_00)], 50_001_00n, { ...NO_RULES, maxRateBps: 5000 });
    expect(plain(issue!.message)).toBe("Le taux de cofinancement demandé (50,01 %) dépasse le taux maximal de l’appel (50 %).");
  });

  it("refuses an empty budget and a missing request", () => {
    expect(checkBudget([], 10n, NO_RULES)[0]!.field).toBe("budget.lines");
    expect(checkBudget([line(0)], 10n, NO_RULES)[0]!.field).toBe("budget.lines");
    expect(checkBudget([line(10_00)], 0n, NO_RULES)[0]!.field).toBe("budget.requestedCents");
  });

  it("accepts exactly when requested ≤ total and ≤ ceiling and rate ≤ max (property)", () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 10 }),
        fc.bigInt({ min: 1n, max: 10n ** 11n }),
        fc.bigInt({ min: 1n, max: 10n ** 11n }),
        fc.integer({ min: 1, max: 10_000 }),
        (lines, requested, ceiling, maxRate) => {
          const total = budgetTotals(lines).totalCents;
          fc.pre(total > 0n);
          const ok = requested <= total && requested <= ceiling && requested * 10_000n <= BigInt(maxRate) * total;
          const issues = checkBudget(lines, requested, { maxRequestedCents: ceiling, minRequestedCents: null, maxRateBps: maxRate });
          expect(issues.length === 0).toBe(ok);
        },
      ),
    );
  });
});
