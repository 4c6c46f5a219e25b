import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CallPhase, DossierStatus } from "@/lib/generated/prisma/enums";
import { addParisMonths, archiveBlocker, dossierFate, isArchiveDue, isTiedOnlyToCall, planDigest, retentionDueAt, type UserLinks } from "./retention";

const paris = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
const parts = (d: Date) => Object.fromEntries(paris.formatToParts(d).map((p) => [p.type, Number(p.value)]));
const instant = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true });

describe("retention period", () => {
  it("adds calendar months in Paris, clamping to the end of a shorter month", () => {
    expect(addParisMonths(new Date("2021-02-26T17:00:00Z"), 24).toISOString()).toBe("2023-02-26T17:00:00.000Z");
    // 31 August 2021 10:00 (summer) + 1 → 30 September 10:00; + 3 → 30 November 10:00 (winter).
    expect(addParisMonths(new Date("2021-08-31T08:00:00Z"), 1).toISOString()).toBe("2021-09-30T08:00:00.000Z");
    expect(addParisMonths(new Date("2021-08-31T08:00:00Z"), 3).toISOString()).toBe("2021-11-30T09:00:00.000Z");
    expect(retentionDueAt({ resultsPublishedAt: null, retentionMonths: 24 })).toBeNull();
  });

  it("keeps the Paris wall-clock time and moves the month by exactly N", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 120 }), (from, months) => {
        const a = parts(from);
        const b = parts(addParisMonths(from, months));
        expect((b.year! - a.year!) * 12 + (b.month! - a.month!)).toBe(months);
        expect(b.day).toBeLessThanOrEqual(a.day!);
        if (a.day! <= 28) expect(b.day).toBe(a.day);
        // Same wall-clock time unless it falls in the spring-forward gap.
        if (a.hour !== 2) expect([b.hour, b.minute]).toEqual([a.hour, a.minute]);
      }),
    );
  });

  it("is monotonic in the number of months", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 119 }), (from, months) => {
        expect(addParisMonths(from, months + 1).getTime()).toBeGreaterThan(addParisMonths(from, months).getTime());
        expect(addParisMonths(from, months).getTime()).toBeGreaterThan(from.getTime());
      }),
    );
  });
});

describe("archive step", () => {
  const published = { phase: "RESULTS_PUBLISHED" as CallPhase, resultsPublishedAt: new Date("2021-02-26T17:00:00Z"), retentionMonths: 24 };

  it("archives a published call once its period has passed, or before when forced", () => {
    expect(archiveBlocker(published, new Date("2023-02-26T16:59:59Z"), false)).toBe(
      "La durée de conservation court jusqu’au 26 février 2023 : pour archiver avant cette date, cochez « Archiver avant l’échéance ».",
    );
    expect(archiveBlocker(published, new Date("2023-02-26T16:59:59Z"), true)).toBeNull();
    expect(archiveBlocker(published, new Date("2023-02-26T17:00:00Z"), false)).toBeNull();
    expect(isArchiveDue(published, new Date("2023-02-26T17:00:00Z"))).toBe(true);
  });

  it("never archives an unpublished or archived call, forced or not", () => {
    const phases: CallPhase[] = ["DRAFT", "OPEN", "CLOSED", "PRESELECTION", "AUDITIONS", "DELIBERATION", "ARCHIVED"];
    fc.assert(
      fc.property(fc.constantFrom(...phases), instant, fc.boolean(), (phase, now, forced) => {
        expect(archiveBlocker({ ...published, phase }, now, forced)).not.toBeNull();
        expect(isArchiveDue({ ...published, phase }, now)).toBe(false);
      }),
    );
    expect(archiveBlocker({ ...published, resultsPublishedAt: null }, new Date("2040-01-01"), true)).toMatch(/résultats sont publiés/);
  });
});

describe("what happens to each dossier", () => {
  it("keeps laureates public, anonymises other submitted dossiers, deletes drafts and withdrawn ones off the jury's agenda", () => {
    const all: DossierStatus[] = ["DRAFT", "SUBMITTED", "UNDER_REVIEW", "CORRECTION_REQUESTED", "PRESELECTED", "NOT_PRESELECTED", "AUDITIONED", "LAUREATE", "NOT_RETAINED", "WITHDRAWN"];
    const fates = Object.fromEntries(all.map((s) => [s, dossierFate({ status: s, onJuryAgenda: false })]));
    expect(fates).toEqual({
      DRAFT: "DELETE",
      SUBMITTED: "ANONYMISE",
      UNDER_REVIEW: "ANONYMISE",
      CORRECTION_REQUESTED: "ANONYMISE",
      PRESELECTED: "ANONYMISE",
      NOT_PRESELECTED: "ANONYMISE",
      AUDITIONED: "ANONYMISE",
      LAUREATE: "ANONYMISE_LAUREATE",
      NOT_RETAINED: "ANONYMISE",
      WITHDRAWN: "DELETE",
    });
    // The sealed jury record names it: the row stays, anonymised.
    expect(dossierFate({ status: "WITHDRAWN", onJuryAgenda: true })).toBe("ANONYMISE");
  });
});

describe("people tied only to the call", () => {
  const links = (over: Partial<UserLinks> = {}): UserLinks => ({ hasGlobalRole: false, grantCallIds: [], juryCallIds: [], administrationCallIds: [], expertCallIds: [], alreadyAnonymised: false, ...over });

  it("an applicant, juror or staff member of this call only is tied to it", () => {
    expect(isTiedOnlyToCall(links({ administrationCallIds: ["c"] }), "c")).toBe(true);
    expect(isTiedOnlyToCall(links({ juryCallIds: ["c"], grantCallIds: ["c"] }), "c")).toBe(true);
    expect(isTiedOnlyToCall(links({ expertCallIds: ["c", "c"] }), "c")).toBe(true);
  });

  it("anyone with a global role or a link to another call is not", () => {
    fc.assert(
      fc.property(fc.constantFrom("grantCallIds", "juryCallIds", "administrationCallIds", "expertCallIds"), (key) => {
        expect(isTiedOnlyToCall(links({ [key]: ["c", "other"] }), "c")).toBe(false);
      }),
    );
    expect(isTiedOnlyToCall(links({ hasGlobalRole: true, juryCallIds: ["c"] }), "c")).toBe(false);
    expect(isTiedOnlyToCall(links({ alreadyAnonymised: true, juryCallIds: ["c"] }), "c")).toBe(false);
  });
});

describe("plan digest", () => {
  it("depends on the rows listed, not on their order", () => {
    const line = (ids: string[]) => [{ table: "dossier", action: "DELETE" as const, description: "", rows: ids.map((id) => ({ id, label: id })) }];
    expect(planDigest(line(["a", "b"]))).toBe(planDigest(line(["b", "a"])));
    expect(planDigest(line(["a", "b"]))).not.toBe(planDigest(line(["a"])));
  });
});
