import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CallKind, CallPhase } from "@/lib/generated/prisma/enums";
import { parisLocalToInstant } from "@/lib/time";
import { checkTransition, findTransition, PHASES, TRANSITIONS, transitionsFrom, type TransitionContext } from "./phase";

const NOW = parisLocalToInstant("2026-12-01T10:00");
const ctx = (over: Partial<TransitionContext> = {}): TransitionContext => ({
  kind: "CALL",
  phase: "DRAFT",
  closesAt: parisLocalToInstant("2027-01-31T23:59"),
  missing: [],
  newClosesAt: null,
  now: NOW,
  ...over,
});

const kindArb = fc.constantFrom<CallKind>("CALL", "ROLLING");
const phaseArb = fc.constantFrom<CallPhase>(...PHASES);

describe("the phase table", () => {
  it("takes a call through every phase in order, one explicit move at a time", () => {
    const path: CallPhase[] = ["DRAFT"];
    for (;;) {
      const forward = transitionsFrom("CALL", path.at(-1)!).filter((t) => !t.backwards);
      if (forward.length === 0) break;
      expect(forward).toHaveLength(1);
      path.push(forward[0]!.to);
    }
    expect(path).toEqual(["DRAFT", "OPEN", "CLOSED", "PRESELECTION", "AUDITIONS", "DELIBERATION", "RESULTS_PUBLISHED", "ARCHIVED"]);
  });

  it("keeps a rolling window open: opening is its only move", () => {
    expect(transitionsFrom("ROLLING", "DRAFT").map((t) => t.to)).toEqual(["OPEN"]);
    expect(transitionsFrom("ROLLING", "OPEN")).toEqual([]);
    expect(checkTransition(ctx({ kind: "ROLLING", phase: "OPEN", closesAt: null }), "CLOSED", "g")).toMatchObject({ ok: false, message: expect.stringContaining("reste ouvert") });
  });

  it("never moves to the same phase, back to a draft, or out of an archive; the only step back is reopening (property)", () => {
    fc.assert(
      fc.property(kindArb, phaseArb, phaseArb, (kind, from, to) => {
        const t = findTransition(kind, from, to);
        if (from === to || to === "DRAFT" || from === "ARCHIVED") expect(t).toBeNull();
        if (t?.backwards) expect([t.from, t.to]).toEqual(["CLOSED", "OPEN"]);
        if (t) expect(PHASES.indexOf(t.to) > PHASES.indexOf(t.from) || t.backwards).toBe(true);
      }),
    );
  });

  it("refuses every move outside the table, with a French message (property)", () => {
    fc.assert(
      fc.property(kindArb, phaseArb, phaseArb, (kind, from, to) => {
        const r = checkTransition(ctx({ kind, phase: from, closesAt: null, newClosesAt: new Date(NOW.getTime() + 86_400_000) }), to, "appel");
        if (!findTransition(kind, from, to)) expect(r).toMatchObject({ ok: false, field: "to" });
        if (!r.ok) expect(r.message).toMatch(/[éèàù’«]/);
      }),
    );
  });

  it("leaves publishing to the publication screen and archiving to the retention screen", () => {
    const publish = checkTransition(ctx({ phase: "DELIBERATION" }), "RESULTS_PUBLISHED", "appel-2");
    expect(publish).toMatchObject({ ok: false, message: expect.stringContaining("/espace/appels/appel-2/publication") });
    expect(checkTransition(ctx({ phase: "RESULTS_PUBLISHED" }), "ARCHIVED", "appel-2")).toMatchObject({ ok: false, message: expect.stringContaining("Conservation des données") });
    expect(TRANSITIONS.filter((t) => t.performer !== "console").map((t) => t.to)).toEqual(["RESULTS_PUBLISHED", "ARCHIVED"]);
  });
});

describe("guards", () => {
  it("opens only a complete call whose deadline is ahead", () => {
    expect(checkTransition(ctx(), "OPEN", "a")).toMatchObject({ ok: true });
    expect(checkTransition(ctx({ missing: ["ajoutez une catégorie"] }), "OPEN", "a")).toEqual({ ok: false, field: "to", message: "L’appel ne peut pas ouvrir : ajoutez une catégorie." });
    const past = checkTransition(ctx({ closesAt: parisLocalToInstant("2026-11-30T23:59") }), "OPEN", "a");
    expect(past).toMatchObject({ ok: false, message: expect.stringContaining("déjà passée") });
  });

  it("closes only once the deadline minute is over", () => {
    const closesAt = parisLocalToInstant("2026-12-01T09:59");
    expect(checkTransition(ctx({ phase: "OPEN", closesAt, now: new Date(closesAt.getTime() + 30_000) }), "CLOSED", "a")).toMatchObject({ ok: false });
    expect(checkTransition(ctx({ phase: "OPEN", closesAt, now: new Date(closesAt.getTime() + 60_000) }), "CLOSED", "a")).toMatchObject({ ok: true });
  });

  it("reopens only with a new deadline in the future and later than the old one (property)", () => {
    const closesAt = parisLocalToInstant("2026-11-30T12:00");
    fc.assert(
      fc.property(fc.integer({ min: -30, max: 30 }), (days) => {
        const newClosesAt = new Date(NOW.getTime() + days * 86_400_000 + 1000);
        const r = checkTransition(ctx({ phase: "CLOSED", closesAt, newClosesAt }), "OPEN", "a");
        expect(r.ok).toBe(newClosesAt > NOW && newClosesAt > closesAt);
        if (!r.ok) expect(r.field).toBe("newClosesAt");
      }),
    );
    expect(checkTransition(ctx({ phase: "CLOSED", closesAt, newClosesAt: null }), "OPEN", "a")).toMatchObject({ ok: false, field: "newClosesAt" });
  });
});
