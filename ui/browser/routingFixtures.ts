// The routing fixtures of the browser tests: the plan the backend starts with, and the
// impact preview it computes from the fixture frame.

import type { FrameDto, ImpactDto, ProjectionDto, RoutingDto, RoutingModeDto } from "../src/ipc";
import { NOW_MS } from "./fixtures";

// Disaster-mode routing: normal routing at first, no request waiting, and no second
// supervisor asked for (a test sets the policy it needs).

export const routingFixture: RoutingDto = {
  known: true,
  version: 0,
  active: [],
  pending: [],
  policy: { secondApproverForCentre: false, secondApproverForSites: false, approvalMinutes: 15 },
  platformProblem: null,
  storeProblem: null,
  nowMs: NOW_MS,
};

/** A preview as the backend computes it: the mode's queues send their calls to the same skill elsewhere. */
export function impactFor(mode: RoutingModeDto, live: FrameDto): ImpactDto {
  const projection = (staffed: number, sl: number | null, asa: number | null): ProjectionDto => ({
    arrivalsPerHour: 120,
    staffed,
    available: 2,
    ahtSecs: 240,
    outlook: sl === null ? "overloaded" : "stable",
    slPct: sl ?? 0,
    asaSecs: asa,
    agentsRequired: 10,
  });
  const sending =
    mode.kind === "siteFailover" ? live.sites.filter((s) => s.id === mode.site).flatMap((s) => s.queues) : live.sites[0]?.queues ?? [];
  const receiving = mode.kind === "siteFailover" ? live.sites.filter((s) => s.id !== mode.site).flatMap((s) => s.queues) : [];
  const closing = mode.kind === "emergencyClosure";
  return {
    mode,
    targetName: mode.kind === "siteFailover" ? (live.sites.find((s) => s.id === mode.site)?.name ?? "") : "",
    supersedes: [],
    callsWaitingAffected: sending.reduce((n, q) => n + q.figures.waiting, 0),
    agentsAffected: 17,
    destinations: sending.map((q) => ({
      from: q.name,
      to: closing ? [] : receiving.filter((r) => r.skill === q.skill).map((r) => ({ queue: r.name, pct: 50 })),
      callback: closing,
    })),
    queues: [
      ...sending.map((q) => ({ queue: q.name, role: "sends", before: projection(8, 81.5, 12), after: null })),
      ...receiving.map((q) => ({ queue: q.name, role: "receives", before: projection(9, 88.2, 8), after: projection(9, 64.0, 41) })),
    ],
    callbacksPerHour: closing ? 120 : 0,
    callbacksWaiting: 0,
    regionalSharePct: mode.kind === "regionalPriority" ? 12.5 : null,
    regionalWaiting: mode.kind === "regionalPriority" ? 3 : null,
    regionalQueues: [],
    interactions: [],
  };
}
