import { beforeEach, describe, expect, it } from "vitest";
import { NO_QUEUE_RULES, queueRulesFor, severity, sortActive, valueText, wholeNumber, withQueueRules } from "./alerts";
import { setLocale } from "./i18n";
import type { AlertDto, AlertRules } from "./ipc";

const alert = (over: Partial<AlertDto>): AlertDto => ({
  id: 1,
  kind: "serviceLevelLow",
  queue: 3,
  agent: null,
  subject: "north.phones",
  site: "north",
  raisedAtMs: 1000,
  raisedValue: 62.5,
  value: 62.5,
  threshold: 80,
  clearedAtMs: null,
  acknowledgedBy: null,
  acknowledgedAtMs: null,
  ...over,
});

const rules: AlertRules = {
  queuesDefault: {
    serviceLevel: { belowPct: 80, clearAtPct: 85, forSecs: 300, windowMinutes: 15, minCalls: 10 },
    longestWait: { aboveSecs: 120, clearBelowSecs: 90, forSecs: 30 },
    abandonRate: null,
    noAgent: { forSecs: 30 },
  },
  queues: {},
  agentState: null,
  linkLost: { forSecs: 15 },
};

describe("alerts", () => {
  beforeEach(() => setLocale("en"));

  it("reads each kind in its unit with its limit", () => {
    expect(valueText(alert({}))).toBe("62.5% (limit 80.0%)");
    expect(valueText(alert({ kind: "longestWaitHigh", value: 245, threshold: 120 }))).toBe("4:05 (limit 2:00)");
    expect(valueText(alert({ kind: "noAgentAvailable", value: 3, threshold: 0 }))).toBe("3 waiting");
    setLocale("zh-CN");
    expect(valueText(alert({ kind: "noAgentAvailable", value: 3, threshold: 0 }))).toBe("3 通等待");
  });

  it("puts unacknowledged and critical alerts first, then the oldest", () => {
    const sorted = sortActive([
      alert({ id: 1, raisedAtMs: 1, acknowledgedBy: "li" }),
      alert({ id: 2, raisedAtMs: 5 }),
      alert({ id: 3, raisedAtMs: 9, kind: "linkLost" }),
      alert({ id: 4, raisedAtMs: 2 }),
    ]);
    expect(sorted.map((a) => a.id)).toEqual([3, 4, 2, 1]);
    expect(severity("noAgentAvailable")).toBe("critical");
  });

  it("edits a queue's own rules and hands a queue back to the default", () => {
    expect(queueRulesFor(rules, "east.orders")).toBe(rules.queuesDefault);
    const own = withQueueRules(rules, "east.orders", NO_QUEUE_RULES);
    expect(queueRulesFor(own, "east.orders")).toEqual(NO_QUEUE_RULES);
    expect(own.queuesDefault).toBe(rules.queuesDefault);
    const back = withQueueRules(own, "east.orders", NO_QUEUE_RULES, false);
    expect(back.queues).toEqual({});
    expect(withQueueRules(rules, null, NO_QUEUE_RULES).queuesDefault).toEqual(NO_QUEUE_RULES);
  });

  it("checks whole numbers in range", () => {
    expect(wholeNumber(" 30 ", 0, 3600)).toBe(30);
    expect(wholeNumber("3.5", 0, 10)).toEqual({ problem: "rules.problem.whole" });
    expect(wholeNumber("", 0, 10)).toEqual({ problem: "rules.problem.whole" });
    expect(wholeNumber("11", 0, 10)).toEqual({ problem: "rules.problem.range" });
  });
});
