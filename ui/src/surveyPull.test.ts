import { afterEach, describe, expect, it } from "vitest";
import { setLocale } from "./i18n";
import type { PullReportDto } from "./ipc";
import { everyText, newestReport, pullCounts, pullHeadline, pullOutcome, pullStateText, pullWho } from "./surveyPull";

afterEach(() => setLocale("en"));

const report = (over: Partial<PullReportDto> = {}): PullReportDto => ({
  trigger: { kind: "scheduled" },
  startedAtMs: 1_741_960_000_000,
  finishedAtMs: 1_741_960_002_000,
  received: 1_204,
  stored: 1_201,
  duplicates: 3,
  pages: 13,
  retries: 1,
  error: null,
  problems: [],
  totalProblems: 0,
  cursorAdvanced: true,
  succeeded: true,
  ...over,
});

describe("survey pull", () => {
  it("says what a pull did: bad items hold back everything, an error after pages keeps what was stored", () => {
    expect(pullOutcome(report())).toBe("stored");
    expect(pullOutcome(report({ stored: 0, duplicates: 1_204 }))).toBe("nothingNew");
    expect(pullOutcome(report({ stored: 0, received: 0, duplicates: 0 }))).toBe("nothingNew");
    const bad = report({ stored: 0, totalProblems: 2, problems: [{ line: 7, reason: "CSAT 9 is outside 1–5" }], error: "held back", succeeded: false });
    expect(pullOutcome(bad)).toBe("heldBack");
    expect(pullOutcome(report({ stored: 0, error: "HTTP 503 after 4 retries", succeeded: false }))).toBe("failed");
    expect(pullOutcome(report({ stored: 100, error: "HTTP 503 after 4 retries", succeeded: false }))).toBe("stoppedEarly");

    expect(pullHeadline(report())).toBe("1,201 new surveys stored; 3 were already stored.");
    expect(pullHeadline(bad)).toBe("Nothing stored: 2 items cannot be read. The next pull asks for the same items again.");
    setLocale("zh-CN");
    expect(pullHeadline(report())).toBe("已存储 1,201 条新回访；3 条此前已存储。");
  });

  it("counts every figure, and names who asked", () => {
    expect(pullCounts(report())).toBe("Received 1,204 · Stored 1,201 · Already stored 3 · Pages 13 · Retries 1");
    expect(pullWho({ kind: "scheduled" })).toBe("scheduled");
    expect(pullWho({ kind: "user", name: "wang.fang", displayName: "Wang Fang" })).toBe("pulled by Wang Fang");
    expect(pullWho({ kind: "user", name: "wang.fang", displayName: "" })).toBe("pulled by wang.fang");
    setLocale("zh-CN");
    expect(pullWho({ kind: "user", name: "wang.fang", displayName: "王芳" })).toBe("由 王芳 手动拉取");
  });

  it("words the state and the schedule", () => {
    expect(pullStateText({ kind: "idle" })).toBe("Idle — waiting for the next pull");
    expect(pullStateText({ kind: "unavailable", reason: "no token" })).toBe("Unavailable: no token");
    expect(everyText(1)).toBe("every minute");
    expect(everyText(5)).toBe("every 5 minutes");
    setLocale("zh-CN");
    expect(pullStateText({ kind: "pulling" })).toBe("正在拉取…");
    expect(everyText(5)).toBe("每 5 分钟");
  });

  it("shows the newer of the status's report and the one just pulled", () => {
    const older = report();
    const newer = report({ finishedAtMs: older.finishedAtMs + 1, stored: 0 });
    expect(newestReport(null, null)).toBeNull();
    expect(newestReport(older, null)).toBe(older);
    expect(newestReport(null, newer)).toBe(newer);
    expect(newestReport(older, newer)).toBe(newer);
    expect(newestReport(newer, older)).toBe(newer);
  });
});
