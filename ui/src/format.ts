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

// ---------------------------------------------------------------------------------------
// Dates in the centre's time zone (the team setting, an IANA name); without one, or with one
// the browser does not know, in the local zone.

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat | null>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat | null {
  let format = zoneFormats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch {
      format = null;
    }
    zoneFormats.set(timeZone, format);
  }
  return format;
}

function wallTime(epochMs: number, timeZone?: string | null): WallTime {
  const format = timeZone ? zoneFormat(timeZone) : null;
  if (!format) {
    const d = new Date(epochMs);
    return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds() };
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(epochMs))) if (part.type !== "literal") parts[part.type] = Number(part.value);
  return {
    year: parts["year"] ?? 0,
    month: parts["month"] ?? 1,
    day: parts["day"] ?? 1,
    hour: (parts["hour"] ?? 0) % 24,
    minute: parts["minute"] ?? 0,
    second: parts["second"] ?? 0,
  };
}

/** A calendar date, YYYY-MM-DD, of an instant in `timeZone`. */
export function fmtDateIn(epochMs: number | null, timeZone?: string | null): string {
  if (epochMs === null || !Number.isFinite(epochMs)) return DASH;
  const w = wallTime(epochMs, timeZone);
  return `${w.year}-${pad2(w.month)}-${pad2(w.day)}`;
}

/** Date and time to the minute, YYYY-MM-DD HH:mm, of an instant in `timeZone`. */
export function fmtDateTimeIn(epochMs: number | null, timeZone?: string | null): string {
  if (epochMs === null || !Number.isFinite(epochMs)) return DASH;
  const w = wallTime(epochMs, timeZone);
  return `${w.year}-${pad2(w.month)}-${pad2(w.day)} ${pad2(w.hour)}:${pad2(w.minute)}`;
}

function parseDate(date: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return [y, mo, d];
}

/** The instant the calendar day `date` (YYYY-MM-DD) begins in `timeZone`; null when `date` is
 * not a date. */
export function dayStartIn(date: string, timeZone?: string | null): number | null {
  const parsed = parseDate(date);
  if (!parsed) return null;
  const [y, mo, d] = parsed;
  if (!timeZone || !zoneFormat(timeZone)) return new Date(y, mo - 1, d).getTime();
  const wall = Date.UTC(y, mo - 1, d);
  const offsetAt = (ms: number) => {
    const w = wallTime(ms, timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
  };
  // The zone's offset at the guess, then again at the answer (a change of offset that day).
  const first = wall - offsetAt(wall);
  return wall - offsetAt(first);
}

/** The calendar day after `date` (YYYY-MM-DD); `date` itself when it is not a date. */
export function nextDate(date: string): string {
  const parsed = parseDate(date);
  if (!parsed) return date;
  const next = new Date(Date.UTC(parsed[0], parsed[1] - 1, parsed[2] + 1));
  return `${next.getUTCFullYear()}-${pad2(next.getUTCMonth() + 1)}-${pad2(next.getUTCDate())}`;
}

/** Thousands grouped with commas, e.g. "10,000" (for counts read by people, not tests). */
export function fmtGrouped(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
