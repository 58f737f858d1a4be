// Thresholds and status rules: the single place that decides what is ok, warning or
// critical, and what counts as stale. Colours live in styles.css; shapes and labels here.

import type { FiguresDto, LinkDto } from "./ipc";

export type Status = "ok" | "warn" | "crit";

/** Figures whose newest input is older than this are stale. */
export const STALE_AFTER_MS = 15_000;
/** With no frame at all for this long, the link pill says so. */
export const NO_FRAMES_AFTER_MS = 3_000;
export const LONGEST_WAIT_WARN_MS = 60_000;
export const LONGEST_WAIT_CRIT_MS = 120_000;
/** SL more than this many points below target is critical. */
export const SL_CRIT_MARGIN_PCT = 10;

/** Shape for each status, so status never relies on colour alone. */
export const STATUS_ICON: Record<Status, string> = { ok: "✓", warn: "▲", crit: "✖" };

export function slStatus(pct: number | null, targetPct: number): Status | null {
  if (pct === null) return null;
  if (pct < targetPct - SL_CRIT_MARGIN_PCT) return "crit";
  if (pct < targetPct) return "warn";
  return "ok";
}

/** Longest wait is only flagged when it is long; otherwise it has no status. */
export function longestWaitStatus(ms: number | null): Status | null {
  if (ms === null) return null;
  if (ms > LONGEST_WAIT_CRIT_MS) return "crit";
  if (ms > LONGEST_WAIT_WARN_MS) return "warn";
  return null;
}

export function staffingStatus(required: number | null, staffed: number): Status | null {
  if (required === null) return null;
  return required > staffed ? "warn" : "ok";
}

export function worst(...statuses: (Status | null)[]): Status | null {
  if (statuses.includes("crit")) return "crit";
  if (statuses.includes("warn")) return "warn";
  if (statuses.includes("ok")) return "ok";
  return null;
}

export interface Freshness {
  stale: boolean;
  /** How old the newest input is now, or null when there never was any. */
  ageMs: number | null;
}

/**
 * Whether figures are stale. The link is the authority: while it is connected the hub
 * publishes at least once a second, and a connector that hears nothing (a dead TCP link)
 * reports it as reconnecting. A quiet feed is not stale: a night lull can pass many
 * seconds without an event and the figures are still current. So figures are stale when
 * the link is not connected, or when frames themselves stop arriving for STALE_AFTER_MS
 * (`sinceFrameMs`: how long ago, locally, the last frame arrived).
 */
export function freshness(figures: FiguresDto, link: LinkDto, sinceFrameMs: number): Freshness {
  const ageMs = figures.ageMs === null ? null : figures.ageMs + sinceFrameMs;
  const framesStalled = sinceFrameMs > STALE_AFTER_MS;
  const stale = link.state !== "connected" || framesStalled;
  return { stale, ageMs: link.state === "connected" && framesStalled ? sinceFrameMs : ageMs };
}
