// The audit trail fixtures of the browser tests, newest first, and the audit search the
// simulated backend answers with (the reader's scope, the filters, keyset paging).

import type { AuditPageDto, AuditQueryDto, AuditRecordDto, ProfileDto } from "../src/ipc";
import { NOW_MS } from "./fixtures";

function record(
  id: number,
  minutesAgo: number,
  user: string,
  role: string,
  action: string,
  outcome: "allowed" | "denied" | "failed",
  more: Partial<Pick<AuditRecordDto, "reason" | "call" | "agent" | "queue" | "mode" | "detail">>,
): AuditRecordDto {
  return {
    id,
    atMs: NOW_MS - minutesAgo * 60_000,
    user,
    role,
    action,
    outcome,
    reason: more.reason ?? null,
    call: more.call ?? null,
    agent: more.agent ?? null,
    queue: more.queue ?? null,
    mode: more.mode ?? null,
    detail: more.detail ?? "",
  };
}

export const auditRecords: AuditRecordDto[] = [
  record(61, 2, "wang.fang", "night_shift_lead", "profile.endpoint", "allowed", { detail: "PJSIP/9001 → PJSIP/9002" }),
  record(60, 9, "wang.fang", "night_shift_lead", "monitor.stop", "allowed", { call: 9098, agent: "陈静", queue: "north.phones", mode: "whisper" }),
  record(59, 11, "wang.fang", "night_shift_lead", "monitor.mode", "allowed", { call: 9098, agent: "陈静", queue: "north.phones", mode: "whisper" }),
  record(58, 12, "wang.fang", "night_shift_lead", "monitor.start", "allowed", { call: 9098, agent: "陈静", queue: "north.phones", mode: "listen" }),
  record(57, 18, "li.wei", "floor_supervisor", "monitor.start", "denied", {
    reason: "call 9090 has a barging supervisor already",
    call: 9090,
    agent: "王磊",
    queue: "east.orders",
    mode: "listen",
  }),
  record(56, 25, "li.wei", "floor_supervisor", "monitor.end", "failed", {
    reason: "endpoint PJSIP/9001 did not answer",
    call: 9071,
    agent: "赵丽",
    queue: "south.repairs",
    mode: "listen",
  }),
  record(55, 40, "zhao.min", "quality_manager", "audit.export", "allowed", { detail: "user=li.wei" }),
  record(54, 47, "li.wei", "floor_supervisor", "monitor.start", "allowed", { call: 9052, agent: "张伟", queue: "east.complaints", mode: "listen" }),
];

export function auditPage(all: readonly AuditRecordDto[], query: AuditQueryDto, limit: number, reader: ProfileDto): AuditPageDto {
  const everyone = reader.permissions.includes("viewAudit");
  const matching = all
    .filter((r) => everyone || r.user === reader.user)
    .filter((r) => query.user === undefined || r.user === query.user)
    .filter((r) => query.actionPrefix === undefined || r.action.startsWith(query.actionPrefix))
    .filter((r) => query.outcome === undefined || r.outcome === query.outcome)
    .filter((r) => query.fromMs === undefined || r.atMs >= query.fromMs)
    .filter((r) => query.toMs === undefined || r.atMs <= query.toMs)
    .filter((r) => query.call === undefined || r.call === query.call)
    .filter((r) => query.beforeId === undefined || r.id < query.beforeId)
    .sort((a, b) => b.id - a.id);
  const records = matching.slice(0, limit);
  const last = records[records.length - 1];
  return { records, nextBeforeId: matching.length > limit && last ? last.id : null, everyone };
}
