// How fresh the screen is: the delay from an event arriving from the platform to the frame
// that first shows it being painted, and the rate events arrive at. Both are shown in the
// connection view, and the scale benchmark reads them (see BENCHMARKS.md).

declare global {
  interface Window {
    /** The console's screen freshness, for the scale benchmark's harness. */
    floorwalkerScreen?: ScreenDelay;
  }
}

/** Delays kept for the summary: the last few minutes at ten frames a second. */
const KEPT = 4096;
/** The event rate is measured over this much time. */
const RATE_WINDOW_MS = 10_000;

/** The wall clock in Unix milliseconds, with sub-millisecond precision. */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}

export interface DelaySummary {
  count: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

/** The value at quantile `q` (0–1) of sorted values, by the nearest-rank method. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

export class ScreenDelay {
  private readonly samples: number[] = [];
  private next = 0;
  /** The oldest new event of the frames received but not yet painted. */
  private unpaintedSince: number | null = null;
  private readonly counts: { atMs: number; events: number }[] = [];
  /** Frames with new events painted since the page loaded (the newest KEPT are kept). */
  measured = 0;
  /** When the first frame with live figures was painted (wall clock), for cold-start timing. */
  firstLivePaintMs: number | null = null;

  /** A frame arrived; `firstNewEventReceivedMs` is its stamp (null: it shows no new event). */
  frameArrived(firstNewEventReceivedMs: number | null, eventsReceived: number, nowMs: number): void {
    if (firstNewEventReceivedMs !== null) {
      this.unpaintedSince =
        this.unpaintedSince === null ? firstNewEventReceivedMs : Math.min(this.unpaintedSince, firstNewEventReceivedMs);
    }
    this.counts.push({ atMs: nowMs, events: eventsReceived });
    while (this.counts.length > 2 && (this.counts[1]?.atMs ?? nowMs) <= nowMs - RATE_WINDOW_MS) this.counts.shift();
  }

  /** The frames received so far are on screen at `nowMs`. */
  painted(nowMs: number): void {
    this.firstLivePaintMs ??= nowMs;
    if (this.unpaintedSince === null) return;
    const delay = Math.max(0, nowMs - this.unpaintedSince);
    this.unpaintedSince = null;
    this.measured += 1;
    if (this.samples.length < KEPT) this.samples.push(delay);
    else this.samples[this.next] = delay;
    this.next = (this.next + 1) % KEPT;
  }

  /** Every delay kept, oldest first. */
  delays(): number[] {
    return this.samples.length < KEPT
      ? [...this.samples]
      : [...this.samples.slice(this.next), ...this.samples.slice(0, this.next)];
  }

  summary(): DelaySummary | null {
    if (this.samples.length === 0) return null;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return {
      count: sorted.length,
      medianMs: quantile(sorted, 0.5),
      p99Ms: quantile(sorted, 0.99),
      maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    };
  }

  /** Events received from the platform as of the newest frame. */
  eventsReceived(): number {
    return this.counts[this.counts.length - 1]?.events ?? 0;
  }

  /** Events a second over the last ten seconds of frames; null until two frames a second apart. */
  eventsPerSecond(): number | null {
    const first = this.counts[0];
    const last = this.counts[this.counts.length - 1];
    if (!first || !last || last.atMs - first.atMs < 1_000) return null;
    return ((last.events - first.events) * 1_000) / (last.atMs - first.atMs);
  }
}
