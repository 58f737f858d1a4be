import { describe, expect, it } from "vitest";
import { FrameAssembler } from "./frameAssembly";
import type { FiguresDto, FrameDto, QueueFrameDto } from "./ipc";

function figures(waiting: number, longestWaitMs: number | null, ageMs: number | null): FiguresDto {
  return {
    offered: 10,
    answered: 9,
    abandoned: 1,
    shortAbandons: 0,
    callbacks: 0,
    escalations: 0,
    waiting,
    longestWaitMs,
    serviceLevelPct: 80,
    serviceLevels: { abandonsCountAgainst: 80, abandonsWithinThresholdMet: 81, abandonsIgnored: 82 },
    asaMs: 12_000,
    ahtMs: 240_000,
    abandonRatePct: 10,
    occupancyPct: null,
    agents: { available: 1, ringing: 0, onCall: 2, wrapUp: 0, onBreak: 0, offline: 0 },
    erlang: { required: 3, staffed: 3 },
    ageMs,
  };
}

function queue(id: number, f: FiguresDto): QueueFrameDto {
  return {
    id,
    name: `q${id}`,
    skill: "phones",
    tier2: false,
    slThresholdSecs: 20,
    slTargetPct: 80,
    slVariant: "abandonsCountAgainst",
    shortAbandonSecs: 5,
    figures: f,
  };
}

function frame(atMs: number, complete: boolean, sites: [number, QueueFrameDto[]][]): FrameDto {
  return {
    atMs,
    window: "rolling15",
    windowStartMs: atMs - 900_000,
    link: { platform: "test", state: "connected", lastEventAgeMs: 0, detail: null, eventsReceived: 1 },
    total: figures(0, null, 0),
    sites: sites.map(([id, queues]) => ({ id, name: `site${id}`, figures: figures(0, null, 0), queues })),
    anomalies: { duplicates: 0, gaps: 0, unknownCalls: 0, unknownAgents: 0 },
    firstNewEventReceivedMs: null,
    queuesComplete: complete,
  };
}

const ids = (f: FrameDto | null) => f?.sites.map((s) => s.queues.map((q) => q.id));
/** The figures of the `q`th queue of the `s`th site. */
const at = (f: FrameDto | null, s: number, q: number): FiguresDto => {
  const found = f?.sites[s]?.queues[q]?.figures;
  if (!found) throw new Error(`no queue ${s}/${q}`);
  return found;
};

describe("FrameAssembler", () => {
  it("passes a complete frame through and fills a partial one from it", () => {
    const assembler = new FrameAssembler();
    const first = frame(1_000, true, [
      [0, [queue(1, figures(2, 30_000, 500)), queue(2, figures(0, null, 4_000))]],
      [1, [queue(3, figures(1, 5_000, 100))]],
    ]);
    expect(assembler.assemble(first)).toBe(first);

    // 250 ms later only queue 3 changed.
    const partial = frame(1_250, false, [
      [0, []],
      [1, [queue(3, figures(0, null, 0))]],
    ]);
    const whole = assembler.assemble(partial);
    expect(whole?.queuesComplete).toBe(true);
    expect(ids(whole)).toEqual([[1, 2], [3]]);
    const q1 = at(whole, 0, 0);
    const q2 = at(whole, 0, 1);
    // Unchanged queues stand, their waits and ages older by the time between frames.
    expect([q1.waiting, q1.longestWaitMs, q1.ageMs]).toEqual([2, 30_250, 750]);
    expect([q2.longestWaitMs, q2.ageMs]).toEqual([null, 4_250]);
    expect(at(whole, 1, 0).waiting).toBe(0);

    // And again from there: the aging adds up, and the changed queue is remembered.
    const later = assembler.assemble(frame(2_000, false, [[0, []], [1, []]]));
    expect(at(later, 0, 0).longestWaitMs).toBe(31_000);
    expect(at(later, 1, 0)).toMatchObject({ waiting: 0, ageMs: 750 });
  });

  it("starts over on a complete frame and drops a partial one that has nothing to fill from", () => {
    const assembler = new FrameAssembler();
    expect(assembler.assemble(frame(1_000, false, [[0, [queue(1, figures(1, 1, 1))]]]))).toBeNull();
    assembler.assemble(frame(1_000, true, [[0, [queue(1, figures(1, 1_000, 0))]]]));
    const reconnected = frame(9_000, true, [[0, [queue(5, figures(0, null, 0))]]]);
    assembler.assemble(reconnected);
    expect(ids(assembler.assemble(frame(9_100, false, [[0, []]])))).toEqual([[5]]);
  });

  it("adds a queue a partial frame names for the first time at its site's end", () => {
    const assembler = new FrameAssembler();
    assembler.assemble(frame(1_000, true, [[0, [queue(1, figures(0, null, 0))]]]));
    const whole = assembler.assemble(frame(1_100, false, [[0, [queue(9, figures(0, null, 0))]]]));
    expect(ids(whole)).toEqual([[1, 9]]);
  });
});
