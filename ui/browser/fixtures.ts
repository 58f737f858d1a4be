// The browser tests' data: realistic fixtures typed by the DTOs generated from Rust
// (ui/src/ipc/bindings), and the pure query logic the simulated backend answers with. A Rust
// change that breaks the UI's DTOs breaks these fixtures at `tsc` too. The backend that
// serves them, one handler per command, is in backend.ts.

import type {
  AlertRules,
  AlertsDto,
  TeamSettingsDto,
  AgentPageDto,
  AgentQueryDto,
  AgentRowDto,
  AgentStateDto,
  CallsDto,
  FiguresDto,
  FilterOptionDto,
  FrameDto,
  LiveCallDto,
  PermissionDto,
  ProfileDto,
  QueueFrameDto,
  SiteFrameDto,
  StateFilterDto,
  WindowDto,
} from "../src/ipc";

// ---------------------------------------------------------------------------------------
// The live queues: three sites, seven queues; some on target, some warning, some critical.

/** 2025-03-14 22:30:00 in Shanghai (the tests run the browser in Asia/Shanghai). */
export const NOW_MS = Date.UTC(2025, 2, 14, 14, 30, 0);
export const WINDOW_MS: Record<WindowDto, number> = {
  rolling15: 15 * 60_000,
  rolling30: 30 * 60_000,
  rolling60: 60 * 60_000,
  shift: 6.5 * 3_600_000,
  day: 22.5 * 3_600_000,
};

interface QueueFigures {
  waiting: number;
  longestWaitS: number | null;
  slPct: number | null;
  offered: number;
  answered: number;
  abandoned: number;
  asaS: number | null;
  ahtS: number | null;
  available: number;
  onCall: number;
  wrapUp: number;
  onBreak: number;
  /** Erlang C agents required: whole agents, as fw-engine computes them. */
  required: number | null;
  staffed: number;
}

function figures(q: QueueFigures): FiguresDto {
  const abandonRatePct = q.offered === 0 ? null : Math.round((q.abandoned / q.offered) * 1000) / 10;
  return {
    offered: q.offered,
    answered: q.answered,
    abandoned: q.abandoned,
    shortAbandons: Math.floor(q.abandoned / 3),
    callbacks: 0,
    escalations: 0,
    waiting: q.waiting,
    longestWaitMs: q.longestWaitS === null ? null : q.longestWaitS * 1000,
    serviceLevelPct: q.slPct,
    serviceLevels: {
      abandonsCountAgainst: q.slPct,
      abandonsWithinThresholdMet: q.slPct === null ? null : Math.min(100, q.slPct + 1.5),
      abandonsIgnored: q.slPct === null ? null : Math.min(100, q.slPct + 3),
    },
    asaMs: q.asaS === null ? null : q.asaS * 1000,
    ahtMs: q.ahtS === null ? null : q.ahtS * 1000,
    abandonRatePct,
    occupancyPct: q.onCall + q.wrapUp + q.available === 0 ? null : Math.round(((q.onCall + q.wrapUp) / (q.onCall + q.wrapUp + q.available)) * 1000) / 10,
    agents: { available: q.available, ringing: 0, onCall: q.onCall, wrapUp: q.wrapUp, onBreak: q.onBreak, offline: 0 },
    erlang: { required: q.required, staffed: q.staffed },
    ageMs: 400,
  };
}

function queue(id: number, site: string, skill: string, slTargetPct: number, q: QueueFigures, tier2 = false): QueueFrameDto {
  return {
    id,
    name: `${site}.${skill}`,
    skill,
    tier2,
    slThresholdSecs: tier2 ? 30 : 20,
    slTargetPct,
    slVariant: "abandonsCountAgainst",
    shortAbandonSecs: 5,
    figures: figures(q),
  };
}

/** Sums counts, takes the worst wait and weights percentages by what was offered. */
function rollup(parts: readonly FiguresDto[]): FiguresDto {
  const sum = (pick: (f: FiguresDto) => number) => parts.reduce((n, f) => n + pick(f), 0);
  const weighted = (pick: (f: FiguresDto) => number | null) => {
    let total = 0;
    let weight = 0;
    for (const f of parts) {
      const v = pick(f);
      if (v !== null) {
        total += v * f.offered;
        weight += f.offered;
      }
    }
    return weight === 0 ? null : Math.round((total / weight) * 10) / 10;
  };
  const waits = parts.map((f) => f.longestWaitMs).filter((v): v is number => v !== null);
  const required = parts.map((f) => f.erlang.required).filter((v): v is number => v !== null);
  return {
    offered: sum((f) => f.offered),
    answered: sum((f) => f.answered),
    abandoned: sum((f) => f.abandoned),
    shortAbandons: sum((f) => f.shortAbandons),
    callbacks: sum((f) => f.callbacks),
    escalations: sum((f) => f.escalations),
    waiting: sum((f) => f.waiting),
    longestWaitMs: waits.length ? Math.max(...waits) : null,
    serviceLevelPct: weighted((f) => f.serviceLevelPct),
    serviceLevels: {
      abandonsCountAgainst: weighted((f) => f.serviceLevels.abandonsCountAgainst),
      abandonsWithinThresholdMet: weighted((f) => f.serviceLevels.abandonsWithinThresholdMet),
      abandonsIgnored: weighted((f) => f.serviceLevels.abandonsIgnored),
    },
    asaMs: weighted((f) => f.asaMs),
    ahtMs: weighted((f) => f.ahtMs),
    abandonRatePct: weighted((f) => f.abandonRatePct),
    occupancyPct: weighted((f) => f.occupancyPct),
    agents: {
      available: sum((f) => f.agents.available),
      ringing: sum((f) => f.agents.ringing),
      onCall: sum((f) => f.agents.onCall),
      wrapUp: sum((f) => f.agents.wrapUp),
      onBreak: sum((f) => f.agents.onBreak),
      offline: sum((f) => f.agents.offline),
    },
    erlang: {
      required: required.length ? required.reduce((a, b) => a + b, 0) : null,
      staffed: sum((f) => f.erlang.staffed),
    },
    ageMs: 400,
  };
}

function site(id: number, name: string, queues: QueueFrameDto[]): SiteFrameDto {
  return { id, name, figures: rollup(queues.map((q) => q.figures)), queues };
}

const SITES: SiteFrameDto[] = [
  site(1, "north", [
    // On target.
    queue(11, "north", "phones", 80, { waiting: 3, longestWaitS: 35, slPct: 86.4, offered: 142, answered: 136, abandoned: 6, asaS: 14, ahtS: 245, available: 4, onCall: 9, wrapUp: 2, onBreak: 1, required: 11, staffed: 12 }),
    // Below target: a warning.
    queue(12, "north", "smart_home", 80, { waiting: 2, longestWaitS: 48, slPct: 76.5, offered: 64, answered: 59, abandoned: 5, asaS: 22, ahtS: 312, available: 1, onCall: 5, wrapUp: 1, onBreak: 0, required: 7, staffed: 6 }),
    queue(13, "north", "tier2", 90, { waiting: 0, longestWaitS: null, slPct: 93.0, offered: 18, answered: 18, abandoned: 0, asaS: 9, ahtS: 488, available: 2, onCall: 3, wrapUp: 0, onBreak: 0, required: 3, staffed: 5 }, true),
  ]),
  site(2, "east", [
    // Far below target, a caller waiting over two minutes, short of agents: critical.
    queue(21, "east", "orders", 80, { waiting: 7, longestWaitS: 151, slPct: 58.2, offered: 118, answered: 97, abandoned: 21, asaS: 48, ahtS: 198, available: 0, onCall: 11, wrapUp: 0, onBreak: 2, required: 15, staffed: 11 }),
    // On target, but a caller has waited over a minute: a warning.
    queue(22, "east", "complaints", 80, { waiting: 1, longestWaitS: 75, slPct: 81.0, offered: 41, answered: 38, abandoned: 3, asaS: 19, ahtS: 402, available: 1, onCall: 4, wrapUp: 1, onBreak: 1, required: 5, staffed: 6 }),
  ]),
  site(3, "south", [
    queue(31, "south", "repairs", 80, { waiting: 1, longestWaitS: 12, slPct: 88.0, offered: 77, answered: 74, abandoned: 3, asaS: 11, ahtS: 276, available: 3, onCall: 6, wrapUp: 1, onBreak: 0, required: 8, staffed: 10 }),
    // SL fine, but fewer agents than Erlang C requires: a staffing warning.
    queue(32, "south", "claims", 80, { waiting: 2, longestWaitS: 41, slPct: 84.0, offered: 39, answered: 37, abandoned: 2, asaS: 16, ahtS: 355, available: 0, onCall: 5, wrapUp: 0, onBreak: 1, required: 7, staffed: 5 }),
  ]),
];

export const frame: FrameDto = {
  atMs: NOW_MS,
  window: "rolling15",
  windowStartMs: NOW_MS - WINDOW_MS.rolling15,
  link: {
    platform: "Asterisk 20 · AMI",
    state: "connected",
    lastEventAgeMs: 400,
    detail: "pbx1.example:5038",
    eventsReceived: 123_456,
  },
  total: rollup(SITES.map((s) => s.figures)),
  sites: SITES,
  anomalies: { duplicates: 0, gaps: 1, unknownCalls: 0, unknownAgents: 2 },
  firstNewEventReceivedMs: null,
  queuesComplete: true,
};

// ---------------------------------------------------------------------------------------
// Live calls: callers waiting, ringing, talking and on hold; one already monitored.

/** The agents by id, as the platform names them. */
const AGENT_NAMES: Record<number, string> = {
  1001: "陈静",
  1002: "刘洋",
  1003: "张伟",
  1004: "王磊",
  1005: "孙浩",
  1006: "周敏",
  1007: "赵丽",
  1008: "吴刚",
  1009: "郑爽",
  1010: "黄蕾",
  1011: "何军",
  1012: "马超",
  1013: "林峰",
  1014: "高远",
};

/** Caller numbers as the platform has them; the backend masks them for roles that may not
 * see them (see `maskNumber`). */
export const calls: CallsDto = {
  atMs: NOW_MS,
  complete: true,
  calls: [
    call(9101, "queued", "13812345678", "北京", 11, { waitMs: 42_000 }),
    call(9102, "queued", "13998765432", "上海", 21, { waitMs: 151_000, priority: 1 }),
    call(9103, "ivr", "", "广州", null, {}),
    call(9104, "talking", "13700001111", "杭州", 22, {
      agentId: 1003,
      talkMs: 185_000,
      waitMs: 19_000,
      monitors: [{ session: 77, supervisor: "李伟", mode: "listen", mine: false, training: false }],
    }),
    // A caller from a disaster-hit region under a regional priority that waives fees.
    call(9105, "talking", "02087654321", "广州", 31, { agentId: 1007, talkMs: 62_000, waitMs: 8_000, priority: 10, feesWaived: true }),
    call(9106, "onHold", "15011112222", "天津", 11, { agentId: 1001, talkMs: 240_000, waitMs: 25_000 }),
    call(9107, "ringing", "18600003333", "石家庄", 12, { agentId: 1005, waitMs: 12_000 }),
  ],
  ended: [],
};

function queueById(id: number): { queue: QueueFrameDto; site: SiteFrameDto } | null {
  for (const s of SITES) {
    const q = s.queues.find((x) => x.id === id);
    if (q) return { queue: q, site: s };
  }
  return null;
}

function call(
  id: number,
  phase: LiveCallDto["phase"],
  caller: string,
  region: string,
  queueId: number | null,
  more: Partial<Pick<LiveCallDto, "agentId" | "priority" | "waitMs" | "talkMs" | "feesWaived" | "monitors">>,
): LiveCallDto {
  const where = queueId === null ? null : queueById(queueId);
  const agentId = more.agentId ?? null;
  return {
    id,
    phase,
    caller,
    region,
    queueId,
    queue: where?.queue.name ?? null,
    site: where?.site.name ?? null,
    agentId,
    agent: agentId === null ? null : (AGENT_NAMES[agentId] ?? null),
    priority: more.priority ?? 0,
    waitMs: more.waitMs ?? null,
    talkMs: more.talkMs ?? null,
    feesWaived: more.feesWaived ?? false,
    monitors: more.monitors ?? [],
  };
}

/** Masks a caller's number as the backend does for roles without `seeCallerNumbers`
 * (fw-app's caller_mask.rs): `13812345678` → `138****5678`. */
export function maskNumber(number: string): string {
  const digits = number.replace(/\D/g, "");
  const n = digits.length;
  if (n === 0) return "";
  const [head, tail] = n >= 11 ? [3, 4] : n >= 7 ? [2, 3] : [0, Math.min(2, n)];
  return digits.slice(0, head) + "*".repeat(n - head - tail) + digits.slice(n - tail);
}

// ---------------------------------------------------------------------------------------
// The agents grid.


function agent(
  id: number,
  siteName: string,
  queues: string[],
  state: AgentStateDto,
  more: Partial<Pick<AgentRowDto, "breakReason" | "inStateMs" | "call" | "callMs" | "handledToday" | "ahtMsToday" | "monitors">>,
): AgentRowDto {
  return {
    id,
    name: AGENT_NAMES[id] ?? `agent ${id}`,
    site: siteName,
    queues,
    state,
    breakReason: more.breakReason ?? null,
    inStateMs: more.inStateMs === undefined ? 30_000 : more.inStateMs,
    call: more.call ?? null,
    callMs: more.callMs ?? null,
    handledToday: more.handledToday ?? 0,
    ahtMsToday: more.ahtMsToday === undefined ? null : more.ahtMsToday,
    monitors: more.monitors ?? [],
  };
}

export const agents: AgentRowDto[] = [
  agent(1001, "north", ["north.phones"], "onCall", { call: 9106, callMs: 240_000, inStateMs: 240_000, handledToday: 23, ahtMsToday: 245_000 }),
  agent(1002, "north", ["north.phones", "north.smart_home"], "available", { inStateMs: 15_000, handledToday: 19, ahtMsToday: 231_000 }),
  agent(1003, "east", ["east.complaints"], "onCall", {
    call: 9104,
    callMs: 185_000,
    inStateMs: 185_000,
    handledToday: 12,
    ahtMsToday: 402_000,
    monitors: [{ session: 77, supervisor: "李伟", mode: "listen", mine: false, training: false }],
  }),
  agent(1004, "east", ["east.orders"], "wrapUp", { inStateMs: 20_000, handledToday: 27, ahtMsToday: 198_000 }),
  agent(1005, "north", ["north.smart_home"], "ringing", { call: 9107, inStateMs: 12_000, handledToday: 14, ahtMsToday: 312_000 }),
  agent(1006, "south", ["south.claims"], "break", { breakReason: "lunch", inStateMs: 1_250_000, handledToday: 8, ahtMsToday: 355_000 }),
  agent(1007, "south", ["south.repairs"], "onCall", { call: 9105, callMs: 62_000, inStateMs: 62_000, handledToday: 21, ahtMsToday: 276_000 }),
  agent(1008, "east", ["east.orders"], "available", { inStateMs: 95_000, handledToday: 25, ahtMsToday: 201_000 }),
  agent(1009, "south", ["south.repairs", "south.claims"], "available", { inStateMs: 41_000, handledToday: 17, ahtMsToday: 290_000 }),
  agent(1010, "north", ["north.tier2"], "available", { inStateMs: 300_000, handledToday: 6, ahtMsToday: 488_000 }),
  agent(1011, "east", ["east.complaints"], "break", { breakReason: "training", inStateMs: 600_000, handledToday: 9, ahtMsToday: 410_000 }),
  agent(1012, "south", ["south.claims"], "offline", { inStateMs: null, handledToday: 0, ahtMsToday: null }),
  agent(1013, "north", ["north.tier2"], "offline", { inStateMs: 7_200_000, handledToday: 4, ahtMsToday: 520_000 }),
  agent(1014, "east", ["east.orders"], "wrapUp", { inStateMs: 8_000, handledToday: 30, ahtMsToday: 187_000 }),
];

const STATE_RANK: Record<AgentStateDto, number> = { ringing: 0, onCall: 1, wrapUp: 2, available: 3, break: 4, offline: 5 };

function stateMatches(filter: StateFilterDto, state: AgentStateDto): boolean {
  return filter === "loggedIn" ? state !== "offline" : filter === state;
}

/** Answers a grid query the way fw-app's agent_board.rs does: filter, search, sort, window. */
export function agentPage(all: readonly AgentRowDto[], query: AgentQueryDto, topology: FrameDto): AgentPageDto {
  const siteOptions: FilterOptionDto[] = topology.sites.map((s) => ({ id: s.id, name: s.name }));
  const queueOptions: FilterOptionDto[] = topology.sites.flatMap((s) => s.queues.map((q) => ({ id: q.id, name: q.name })));
  const siteName = query.site === null ? null : (siteOptions.find((s) => s.id === query.site)?.name ?? "?");
  const queueName = query.queue === null ? null : (queueOptions.find((q) => q.id === query.queue)?.name ?? "?");
  const words = query.search.toLowerCase().split(/\s+/).filter((w) => w !== "");
  const counts = { available: 0, ringing: 0, onCall: 0, wrapUp: 0, onBreak: 0, offline: 0 };
  for (const a of all) counts[a.state === "break" ? "onBreak" : a.state] += 1;
  const matched = all.filter((a) => {
    if (query.state !== null && !stateMatches(query.state, a.state)) return false;
    if (siteName !== null && a.site !== siteName) return false;
    if (queueName !== null && !a.queues.includes(queueName)) return false;
    const hay = [a.name, String(a.id), a.site ?? "", ...a.queues].join(" ").toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const key = (a: AgentRowDto): number | string => {
    switch (query.sort) {
      case "name":
        return a.name;
      case "state":
        return STATE_RANK[a.state];
      case "timeInState":
        return a.inStateMs ?? -1;
      case "callDuration":
        return a.callMs ?? -1;
      case "site":
        return a.site ?? "";
      case "handled":
        return a.handledToday;
      case "aht":
        return a.ahtMsToday ?? -1;
    }
  };
  const cmp = (x: number | string, y: number | string) => (x < y ? -1 : x > y ? 1 : 0);
  matched.sort((a, b) => {
    const primary = cmp(key(a), key(b)) * (query.descending ? -1 : 1);
    return primary || cmp(a.name, b.name) || a.id - b.id;
  });
  const offset = Math.min(query.offset, matched.length);
  return {
    atMs: NOW_MS,
    total: all.length,
    matched: matched.length,
    offset,
    rows: matched.slice(offset, offset + Math.min(query.limit, 500)),
    counts,
    sites: siteOptions,
    queues: queueOptions,
  };
}

// ---------------------------------------------------------------------------------------
// Who runs the console.

const NIGHT_SHIFT_LEAD: PermissionDto[] = ["seeCallerNumbers", "listen", "whisper", "barge", "toggleRoutingModes", "reviewSurveys", "viewAudit", "acknowledgeAlerts"];

export const profiles = {
  /** The default: may listen, whisper, barge, see numbers and read everyone's audit trail. */
  nightShiftLead: {
    user: "wang.fang",
    displayName: "王芳",
    role: "nightShiftLead",
    permissions: NIGHT_SHIFT_LEAD,
    endpoint: "PJSIP/9002",
    monitoringAvailable: true,
    simulator: false,
  },
  /** Listens but does not see caller numbers (they arrive masked). */
  qualityManager: {
    user: "zhao.min",
    displayName: "赵敏",
    role: "qualityManager",
    permissions: ["hearRecordings", "listen", "reviewSurveys", "scoreSurveys", "exportSurveys", "manageSurveys", "viewAudit", "acknowledgeAlerts"],
    endpoint: "PJSIP/9003",
    monitoringAvailable: true,
    simulator: false,
  },
  /** Reads only their own audit records. */
  floorSupervisor: {
    user: "li.wei",
    displayName: "李伟",
    role: "floorSupervisor",
    permissions: ["seeCallerNumbers", "listen", "whisper", "barge", "reviewSurveys", "acknowledgeAlerts"],
    endpoint: "PJSIP/9001",
    monitoringAvailable: true,
    simulator: false,
  },
  /** May do everything, including the team's settings. */
  admin: {
    user: "root",
    displayName: "管理员",
    role: "admin",
    permissions: [...NIGHT_SHIFT_LEAD, "hearRecordings", "scoreSurveys", "exportSurveys", "manageSurveys", "editSettings"],
    endpoint: "PJSIP/9000",
    monitoringAvailable: true,
    simulator: false,
  },
  /** A wall display's account: in the team, but its role may do nothing (no survey review). */
  wallboard: {
    user: "wall.east",
    displayName: "华东大屏",
    role: "wallboard",
    permissions: [],
    endpoint: null,
    monitoringAvailable: true,
    simulator: false,
  },
  /** Someone not in the team: sees the floor, may do nothing. */
  viewer: {
    user: "guest",
    displayName: "guest",
    role: null,
    permissions: [],
    endpoint: null,
    monitoringAvailable: true,
    simulator: false,
  },
} satisfies Record<string, ProfileDto>;

export type ProfileName = keyof typeof profiles;

// ---------------------------------------------------------------------------------------
// The alert centre and the team's settings.

export const alerts: AlertsDto = {
  active: [
    {
      id: 7,
      kind: "longestWaitHigh",
      queue: 11,
      agent: null,
      subject: "north.phones",
      site: "north",
      raisedAtMs: NOW_MS - 240_000,
      raisedValue: 150,
      value: 185,
      threshold: 120,
      clearedAtMs: null,
      acknowledgedBy: "li.wei",
      acknowledgedAtMs: NOW_MS - 200_000,
    },
    {
      id: 9,
      kind: "noAgentAvailable",
      queue: 21,
      agent: null,
      subject: "east.orders",
      site: "east",
      raisedAtMs: NOW_MS - 60_000,
      raisedValue: 3,
      value: 4,
      threshold: 0,
      clearedAtMs: null,
      acknowledgedBy: null,
      acknowledgedAtMs: null,
    },
  ],
  recent: [
    {
      id: 5,
      kind: "linkLost",
      queue: null,
      agent: null,
      subject: "",
      site: null,
      raisedAtMs: NOW_MS - 3_600_000,
      raisedValue: 16,
      value: 0,
      threshold: 15,
      clearedAtMs: NOW_MS - 3_540_000,
      acknowledgedBy: null,
      acknowledgedAtMs: null,
    },
  ],
  unacknowledged: 1,
};

/** The rules a new team starts with (the backend's `AlertRules::default()`). */
const DEFAULT_RULES: AlertRules = {
  queuesDefault: {
    serviceLevel: { belowPct: 80, clearAtPct: 85, forSecs: 300, windowMinutes: 15, minCalls: 10 },
    longestWait: { aboveSecs: 120, clearBelowSecs: 90, forSecs: 30 },
    abandonRate: { abovePct: 10, clearBelowPct: 7, forSecs: 300, windowMinutes: 15, minOffered: 10 },
    noAgent: { forSecs: 30 },
  },
  queues: {},
  agentState: { breakSecs: 1200, wrapUpSecs: 180, onCallSecs: 1800 },
  linkLost: { forSecs: 15 },
};

export const teamSettingsFixture: TeamSettingsDto = {
  timeZone: "Asia/Shanghai",
  shiftStarts: ["06:00", "14:00", "22:00"],
  rules: structuredClone(DEFAULT_RULES),
  defaults: DEFAULT_RULES,
  queues: ["north.phones", "east.orders"],
  editable: true,
};
