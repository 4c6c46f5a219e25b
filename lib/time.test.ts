import { describe, expect, it } from "vitest";
import { formatParisDateTime, parisLocalToInstant, parisOffsetMinutes, parisWallClock } from "./time";

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

  it("reads the wall clock in Paris, midnight as hour 0", () => {
    expect(parisWallClock(new Date("2020-12-31T23:30:05Z"))).toEqual({ year: 2021, month: 1, day: 1, hour: 0, minute: 30, second: 5 });
    expect(parisWallClock(new Date("2021-07-14T08:00:00Z"))).toEqual({ year: 2021, month: 7, day: 14, hour: 10, minute: 0, second: 0 });
  });

  it("formats in French, Paris time", () => {
    expect(formatParisDateTime(new Date("2020-12-31T22:59:00Z"))).toBe("31 décembre 2020 à 23:59");
  });

  it("refuses what is not a local date-time", () => {
    expect(() => parisLocalToInstant("31/12/2020")).toThrow(RangeError);
  });
});
