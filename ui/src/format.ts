// Pure formatting helpers: no DOM, no locale state. Every function maps `null`
// (the backend's "not computable / no data") to an em dash, never to zero.

export const DASH = "—";

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A duration as m:ss below one hour, h:mm:ss from one hour on. */
export function fmtDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return DASH;
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${m}:${pad2(s)}`;
}

/** A percentage with one decimal, e.g. "84.2%". */
export function fmtPct(pct: number | null): string {
  if (pct === null || !Number.isFinite(pct)) return DASH;
  return `${pct.toFixed(1)}%`;
}

/** A whole percentage for targets, e.g. "80%". */
export function fmtPctWhole(pct: number): string {
  return `${Number.isInteger(pct) ? pct : pct.toFixed(1)}%`;
}

/** A count as plain digits (no grouping: these values are read by tests and screen readers alike). */
export function fmtCount(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return DASH;
  return String(Math.round(n));
}

/** A ratio of two counts, e.g. "14 / 16". */
export function fmtPair(a: number | null, b: number | null): string {
  return `${fmtCount(a)} / ${fmtCount(b)}`;
}

/** Wall-clock time of an epoch-millisecond instant, HH:mm:ss in the local time zone. */
export function fmtClock(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/** Wall-clock time without seconds, HH:mm. */
export function fmtClockShort(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

export interface AgeUnits {
  /** Template for seconds, with `{n}`, e.g. "{n} s" or "{n} 秒". */
  s: string;
  min: string;
  h: string;
}

/** A compact data age, e.g. "<1 s", "42 s", "3 min", "2 h". */
export function fmtAge(ms: number | null, units: AgeUnits): string {
  if (ms === null || !Number.isFinite(ms)) return DASH;
  const secs = Math.max(0, ms) / 1000;
  if (secs < 1) return units.s.replace("{n}", "<1");
  if (secs < 120) return units.s.replace("{n}", String(Math.floor(secs)));
  const mins = secs / 60;
  if (mins < 120) return units.min.replace("{n}", String(Math.floor(mins)));
  return units.h.replace("{n}", String(Math.floor(mins / 60)));
}
