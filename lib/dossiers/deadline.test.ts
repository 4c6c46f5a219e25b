import { describe, expect, it } from "vitest";
import { parisLocalToInstant } from "@/lib/time";
import { lateFrom, submissionWindow } from "./deadline";

const call = {
  kind: "CALL" as const,
  phase: "OPEN",
  opensAt: parisLocalToInstant("2020-11-02T09:00"),
  closesAt: parisLocalToInstant("2020-12-31T23:59"),
};

describe("submission window", () => {
  it("is open during the last minute, to the second", () => {
    expect(submissionWindow(call, parisLocalToInstant("2020-12-31T23:59"))).toEqual({ open: true });
    expect(submissionWindow(call, new Date(parisLocalToInstant("2020-12-31T23:59").getTime() + 59_999))).toEqual({ open: true });
  });

  it("refuses from the next minute, with the deadline in Paris time", () => {
    const state = submissionWindow(call, parisLocalToInstant("2021-01-01T00:00"));
    expect(state).toMatchObject({ open: false, reason: "DEADLINE_PASSED" });
    expect(!state.open && state.message).toContain("31 décembre 2020 à 23:59");
    expect(lateFrom(call.closesAt).toISOString()).toBe("2020-12-31T23:00:00.000Z");
  });

  it("refuses before opening and outside the open phase", () => {
    expect(submissionWindow(call, parisLocalToInstant("2020-11-02T08:59"))).toMatchObject({ open: false, reason: "NOT_OPEN_YET" });
    expect(submissionWindow({ ...call, phase: "CLOSED" }, parisLocalToInstant("2020-12-01T12:00"))).toMatchObject({ open: false, reason: "CLOSED" });
  });

  it("keeps a rolling window open without a deadline", () => {
    expect(submissionWindow({ ...call, kind: "ROLLING", closesAt: null }, new Date("2030-01-01T00:00:00Z"))).toEqual({ open: true });
  });
});
