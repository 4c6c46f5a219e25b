import { describe, expect, it } from "vitest";
import { formatParisDateTime, parisLocalToInstant, parisOffsetMinutes } from "./time";

describe("Europe/Paris dates", () => {
  it("reads winter and summer wall-clock times", () => {
    expect(parisLocalToInstant("2020-12-31T23:59").toISOString()).toBe("2020-12-31T22:59:00.000Z");
    expect(parisLocalToInstant("2021-07-14T10:00").toISOString()).toBe("2021-07-14T08:00:00.000Z");
  });

  it("handles the DST changes", () => {
    // 2021-03-28 02:30 does not exist in Paris: clocks jump to 03:30.
    expect(parisLocalToInstant("2021-03-28T02:30").toISOString()).toBe("2021-03-28T01:30:00.000Z");
    // 2021-10-31 02:30 happens twice: the first (summer time) is chosen.
    expect(parisLocalToInstant("2021-10-31T02:30").toISOString()).toBe("2021-10-31T00:30:00.000Z");
    expect(parisOffsetMinutes(new Date("2021-10-31T00:59:59Z"))).toBe(120);
    expect(parisOffsetMinutes(new Date("2021-10-31T01:00:00Z"))).toBe(60);
  });

  it("formats in French, Paris time", () => {
    expect(formatParisDateTime(new Date("2020-12-31T22:59:00Z"))).toBe("31 décembre 2020 à 23:59");
  });

  it("refuses what is not a local date-time", () => {
    expect(() => parisLocalToInstant("31/12/2020")).toThrow(RangeError);
  });
});
