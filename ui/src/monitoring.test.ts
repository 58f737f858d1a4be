import { afterEach, describe, expect, it } from "vitest";
import { setLocale } from "./i18n";
import type { CallsDto, LiveCallDto } from "./ipc";
import {
  endedText,
  feesWaivedBadge,
  filterCalls,
  findEnd,
  findMySession,
  orderCalls,
  refusalText,
} from "./monitoring";

function call(id: number, over: Partial<LiveCallDto> = {}): LiveCallDto {
  return {
    id,
    phase: "talking",
    caller: "138****5678",
    region: "浙江",
    queueId: 1,
    queue: "east.repairs",
    site: "east",
    agentId: 7,
    agent: "林平",
    priority: 0,
    waitMs: null,
    talkMs: 60_000,
    feesWaived: false,
    monitors: [],
    ...over,
  };
}

const waitingLong = call(1, { phase: "queued", waitMs: 90_000, talkMs: null, agent: null, agentId: null });
const waitingShort = call(2, { phase: "ringing", waitMs: 5_000, talkMs: null });
const talkingLong = call(3, { talkMs: 600_000, queue: "north.orders", region: "广东" });
const talkingShort = call(4, { talkMs: 10_000 });
const held = call(5, { phase: "onHold", talkMs: 300_000 });
const all = [talkingShort, waitingShort, held, talkingLong, waitingLong];

describe("the live-calls list", () => {
  it("puts waiting calls first, longest wait first, then connected calls, longest first", () => {
    expect(orderCalls(all).map((c) => c.id)).toEqual([1, 2, 3, 5, 4]);
  });

  it("filters by phase: ringing an agent still counts as waiting, hold as connected", () => {
    expect(filterCalls(all, "waiting", "").map((c) => c.id).sort()).toEqual([1, 2]);
    expect(filterCalls(all, "connected", "").map((c) => c.id).sort()).toEqual([3, 4, 5]);
    expect(filterCalls(all, "all", "")).toHaveLength(5);
  });

  it("searches every word across queue, agent, region, site and call number", () => {
    expect(filterCalls(all, "all", "north").map((c) => c.id)).toEqual([3]);
    expect(filterCalls(all, "all", "广东 orders").map((c) => c.id)).toEqual([3]);
    expect(filterCalls(all, "all", "  ")).toHaveLength(5);
    expect(filterCalls(all, "all", "5").map((c) => c.id)).toEqual([5]);
    expect(filterCalls(all, "all", "nowhere")).toEqual([]);
  });
});

describe("the fee-waiver badge", () => {
  afterEach(() => setLocale("en"));

  it("marks only the calls whose fees a regional priority waived, in both languages", () => {
    expect(feesWaivedBadge(call(1))).toBeNull();
    setLocale("en");
    const en = feesWaivedBadge(call(2, { feesWaived: true }));
    expect(en?.text).toBe("Fees waived");
    expect(en?.title).toMatch(/waived/);
    setLocale("zh-CN");
    const zh = feesWaivedBadge(call(2, { feesWaived: true }));
    expect(zh?.text).toBe("免收费用");
    expect(zh?.title).toMatch(/费用全免/);
  });
});

describe("the user's own session", () => {
  it("is the platform's report of a monitor marked mine, and nothing else", () => {
    const theirs = { session: 9, supervisor: "Bob", mode: "barge" as const, mine: false, training: false };
    const mine = { session: 4, supervisor: "Alice", mode: "whisper" as const, mine: true, training: false };
    const calls: CallsDto = {
      atMs: 0,
      complete: true,
      calls: [call(10, { monitors: [theirs] }), call(11, { monitors: [theirs, mine] })],
      ended: [],
    };
    const found = findMySession(calls);
    expect(found?.call.id).toBe(11);
    expect(found?.monitor.mode).toBe("whisper");
    expect(findMySession({ atMs: 0, complete: true, calls: [call(10, { monitors: [theirs] })], ended: [] })).toBeNull();
    expect(findMySession(null)).toBeNull();
  });
});

describe("refusals in words", () => {
  afterEach(() => setLocale("en"));

  it("translates known codes and keeps the backend's words as detail", () => {
    setLocale("en");
    const text = refusalText({ code: "denied.barge_taken", message: "another supervisor is already barged into this call" });
    expect(text).toContain("Another supervisor is already barged into this call.");
    setLocale("zh-CN");
    expect(refusalText({ code: "denied.not_permitted", message: "the wallboard role may not listen to calls" })).toContain(
      "您的角色无权执行此操作",
    );
  });

  it("falls back to a plain refusal for codes it does not know", () => {
    setLocale("en");
    expect(refusalText({ code: "something.new", message: "why" })).toBe("Refused: Refused. (why)");
  });
});

describe("a session the platform ended", () => {
  afterEach(() => setLocale("en"));

  const calls: CallsDto = {
    atMs: 0,
    complete: true,
    calls: [],
    ended: [
      { session: 3, call: 41, reason: "callEnded", atMs: 0 },
      { session: 4, call: 42, reason: "endpointNoAnswer", atMs: 0 },
    ],
  };

  it("is found by its session only", () => {
    expect(findEnd(calls, 4)?.reason).toBe("endpointNoAnswer");
    expect(findEnd(calls, 5)).toBeNull();
  });

  it("is explained by the platform's reason, naming the phone that did not answer", () => {
    setLocale("en");
    const [ended, unanswered] = calls.ended;
    expect(endedText(ended!, "PJSIP/9001")).toBe("Call 41 ended, and your monitoring with it.");
    expect(endedText(unanswered!, "PJSIP/9001")).toContain("Your phone PJSIP/9001 did not answer");
    expect(endedText({ session: 1, call: 7, reason: "spyNeverStarted", atMs: 0 }, null)).toContain("no audio");
    setLocale("zh-CN");
    expect(endedText(unanswered!, "PJSIP/9001")).toContain("您的话机 PJSIP/9001 未接听");
  });
});
