import { describe, expect, it } from "vitest";
import { DASH, dayStartIn, fmtAge, fmtCount, fmtDateIn, fmtDateTimeIn, fmtDuration, fmtGrouped, fmtPair, fmtPct, fmtPctWhole, nextDate } from "./format";

const units = { s: "{n} s", min: "{n} min", h: "{n} h" };

describe("formatting never turns missing data into zero", () => {
  it("shows a dash for null and non-finite values", () => {
    expect(fmtDuration(null)).toBe(DASH);
    expect(fmtPct(null)).toBe(DASH);
    expect(fmtPct(Number.NaN)).toBe(DASH);
    expect(fmtCount(null)).toBe(DASH);
    expect(fmtAge(null, units)).toBe(DASH);
    expect(fmtPair(null, 4)).toBe(`${DASH} / 4`);
  });
});

describe("durations, percentages and ages", () => {
  it("formats durations as m:ss, then h:mm:ss", () => {
    expect(fmtDuration(0)).toBe("0:00");
    expect(fmtDuration(65_400)).toBe("1:05");
    expect(fmtDuration(3_600_000 + 61_000)).toBe("1:01:01");
    expect(fmtDuration(-5_000)).toBe("0:00");
  });

  it("keeps one decimal for figures and whole targets", () => {
    expect(fmtPct(84.25)).toBe("84.3%");
    expect(fmtPctWhole(80)).toBe("80%");
    expect(fmtPctWhole(82.5)).toBe("82.5%");
  });

  it("gives data ages in the largest sensible unit", () => {
    expect(fmtAge(400, units)).toBe("<1 s");
    expect(fmtAge(42_000, units)).toBe("42 s");
    expect(fmtAge(180_000, units)).toBe("3 min");
    expect(fmtAge(3 * 3_600_000, units)).toBe("3 h");
  });
});

describe("dates in the centre's time zone", () => {
  const at = Date.UTC(2025, 2, 14, 16, 30, 0); // 00:30 on the 15th in Shanghai
  it("formats an instant in the zone asked for", () => {
    expect(fmtDateTimeIn(at, "Asia/Shanghai")).toBe("2025-03-15 00:30");
    expect(fmtDateIn(at, "Asia/Shanghai")).toBe("2025-03-15");
    expect(fmtDateIn(at, "Europe/London")).toBe("2025-03-14");
    expect(fmtDateTimeIn(null, "Asia/Shanghai")).toBe(DASH);
  });
  it("finds where a day begins in a zone, across a change of offset", () => {
    expect(dayStartIn("2025-03-15", "Asia/Shanghai")).toBe(Date.UTC(2025, 2, 14, 16, 0, 0));
    expect(dayStartIn("2025-03-30", "Europe/Berlin")).toBe(Date.UTC(2025, 2, 29, 23, 0, 0));
    expect(dayStartIn("2025-03-31", "Europe/Berlin")).toBe(Date.UTC(2025, 2, 30, 22, 0, 0));
    expect(dayStartIn("15/03/2025", "Asia/Shanghai")).toBeNull();
    expect(nextDate("2025-02-28")).toBe("2025-03-01");
    expect(nextDate("2024-12-31")).toBe("2025-01-01");
  });
  it("groups thousands for counts people read", () => {
    expect(fmtGrouped(10_000)).toBe("10,000");
    expect(fmtGrouped(999)).toBe("999");
  });
});
