import { describe, expect, it } from "vitest";
import { DASH, fmtAge, fmtCount, fmtDuration, fmtPair, fmtPct, fmtPctWhole } from "./format";

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
