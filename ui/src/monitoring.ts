// Pure view logic for live calls and monitoring: filtering, ordering, finding the user's own
// session, and turning a refusal into words. No DOM here (unit-tested with vitest).

import { hasMessage, t } from "./i18n";
import type { CallsDto, IpcErrorDto, LiveCallDto, MonitorDto, MonitorEndDto } from "./ipc";

export type CallFilter = "all" | "waiting" | "connected";

export function isConnected(call: LiveCallDto): boolean {
  return call.phase === "talking" || call.phase === "onHold";
}

/** The badge a call whose fees a disaster-mode regional priority waived carries in the
 *  call list (text and explanation in the current locale); null for an ordinary call. */
export function feesWaivedBadge(call: LiveCallDto): { text: string; title: string } | null {
  return call.feesWaived ? { text: t("calls.feesWaived"), title: t("calls.feesWaivedTitle") } : null;
}

/** Waiting calls first, longest wait first; then connected calls, longest first. */
export function orderCalls(calls: readonly LiveCallDto[]): LiveCallDto[] {
  return [...calls].sort((a, b) => {
    const ca = isConnected(a);
    const cb = isConnected(b);
    if (ca !== cb) return ca ? 1 : -1;
    const ta = (ca ? a.talkMs : a.waitMs) ?? -1;
    const tb = (cb ? b.talkMs : b.waitMs) ?? -1;
    return tb - ta || a.id - b.id;
  });
}

/** The calls matching the phase filter and the search words (queue, agent, region, site, id). */
export function filterCalls(calls: readonly LiveCallDto[], filter: CallFilter, search: string): LiveCallDto[] {
  const words = search.trim().toLowerCase().split(/\s+/).filter((w) => w !== "");
  return calls.filter((call) => {
    if (filter === "waiting" && isConnected(call)) return false;
    if (filter === "connected" && !isConnected(call)) return false;
    if (words.length === 0) return true;
    const hay = [call.queue, call.agent, call.region, call.site, String(call.id)]
      .filter((v): v is string => typeof v === "string")
      .join(" ")
      .toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export interface MySession {
  call: LiveCallDto;
  monitor: MonitorDto;
}

/** The user's own session as the platform reports it, if any. */
export function findMySession(calls: CallsDto | null): MySession | null {
  if (!calls) return null;
  for (const call of calls.calls) {
    const monitor = call.monitors.find((m) => m.mine);
    if (monitor) return { call, monitor };
  }
  return null;
}

/** A refusal in the user's language; the backend's own words follow as detail. */
export function refusalText(error: IpcErrorDto): string {
  const key = `err.${error.code}`;
  const reason = hasMessage(key) ? t(key) : t("err.other");
  return t("err.refused", { reason: `${reason} (${error.message})` });
}

/** The platform's report that it ended `session`, if the stream carries one. */
export function findEnd(calls: CallsDto, session: number): MonitorEndDto | null {
  return calls.ended.find((e) => e.session === session) ?? null;
}

/** Why a session ended, in words a supervisor can act on. */
export function endedText(end: MonitorEndDto, endpoint: string | null): string {
  const call = end.call ?? "—";
  switch (end.reason) {
    case "callEnded":
      return t("mon.end.callEnded", { call });
    case "endpointNoAnswer":
      return t("mon.end.endpointNoAnswer", { endpoint: endpoint ?? "—" });
    case "spyNeverStarted":
      return t("mon.end.spyNeverStarted", { call });
    case "refused":
      return t("mon.end.refused", { call });
    case "stopped":
      return t("mon.end.stopped", { call });
  }
}
