import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DossierStatus } from "@/lib/generated/prisma/enums";
import { checkDecision, correctionDueAt, countDecisionChanges, DECIDABLE_STATUSES, parisToday, releasePlan } from "./preselection-rules";

const rolling = { phase: "OPEN" as const, kind: "ROLLING" as const };

describe("preselection decisions", () => {
  it("are taken on a rolling window while open, on a call once closed, never during deliberation", () => {
    expect(checkDecision(rolling, "SUBMITTED")).toBeNull();
    expect(checkDecision({ phase: "CLOSED", kind: "CALL" }, "UNDER_REVIEW")).toBeNull();
    expect(checkDecision({ phase: "OPEN", kind: "CALL" }, "SUBMITTED")?.code).toBe("CONFLICT");
    expect(checkDecision({ phase: "DELIBERATION", kind: "CALL" }, "SUBMITTED")?.message).toMatch(/phase/);
    expect(checkDecision(rolling, "CORRECTION_REQUESTED")?.message).toMatch(/correction est attendue/);
    for (const status of ["DRAFT", "WITHDRAWN", "LAUREATE", "AUDITIONED"] as const) expect(checkDecision(rolling, status)).not.toBeNull();
  });

  it("release only what the dossier can still take; nothing is lost or duplicated", () => {
    const statuses = Object.values(DossierStatus);
    fc.assert(
      fc.property(
        fc.array(fc.record({ dossierId: fc.uuid(), decision: fc.constantFrom("PRESELECTED" as const, "NOT_PRESELECTED" as const), dossierStatus: fc.constantFrom(...statuses) })),
        (pending) => {
          const { release, held } = releasePlan(pending);
          expect(release.length + held.length).toBe(pending.length);
          expect(release.every((p) => DECIDABLE_STATUSES.includes(p.dossierStatus))).toBe(true);
          expect(held.every((p) => !DECIDABLE_STATUSES.includes(p.dossierStatus))).toBe(true);
        },
      ),
      { seed: 6, numRuns: 200 },
    );
  });

  it("counts the dossiers a bulk decision changes", () => {
    const selected = [
      { dossierId: "a", current: null },
      { dossierId: "b", current: "PRESELECTED" as const },
      { dossierId: "c", current: "NOT_PRESELECTED" as const },
    ];
    expect(countDecisionChanges(selected, "PRESELECTED")).toBe(2);
    expect(countDecisionChanges(selected, "NOT_PRESELECTED")).toBe(2);
    expect(countDecisionChanges([], "PRESELECTED")).toBe(0);
  });
});

describe("correction due date", () => {
  const now = new Date("2026-11-30T22:30:00Z"); // 23:30 in Paris

  it("is a later day in Paris, until 23:59:59 that day", () => {
    expect(parisToday(now)).toBe("2026-11-30");
    expect(correctionDueAt("2026-11-30", now)).toEqual({ ok: false, message: expect.stringMatching(/postérieure/) });
    const due = correctionDueAt("2026-12-15", now);
    expect(due.ok && due.dueAt.toISOString()).toBe("2026-12-15T22:59:59.000Z");
    expect(correctionDueAt("2027-07-01", now)).toEqual({ ok: false, message: expect.stringMatching(/six mois/) });
  });

  it("uses the Paris day, not UTC's, just after midnight", () => {
    const justAfterMidnight = new Date("2026-11-30T23:30:00Z"); // 1 Dec, 00:30 in Paris
    expect(correctionDueAt("2026-12-01", justAfterMidnight).ok).toBe(false);
    expect(correctionDueAt("2026-12-02", justAfterMidnight).ok).toBe(true);
  });
});
