import { describe, expect, it } from "vitest";
import { quantile, ScreenDelay } from "./screenDelay";

describe("quantile", () => {
  it("takes the nearest rank", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(sorted, 0.5)).toBe(50);
    expect(quantile(sorted, 0.99)).toBe(99);
    expect(quantile(sorted, 1)).toBe(100);
    expect(quantile([7], 0.99)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe("ScreenDelay", () => {
  it("measures from the oldest unpainted event to the paint", () => {
    const delay = new ScreenDelay();
    delay.frameArrived(1_000, 10, 1_020);
    delay.frameArrived(1_050, 20, 1_070); // two frames before one paint: the older stamp counts
    delay.painted(1_090);
    delay.frameArrived(null, 20, 1_200); // an idle frame shows no new event
    delay.painted(1_210);
    expect(delay.delays()).toEqual([90]);
    expect(delay.firstLivePaintMs).toBe(1_090);
    expect(delay.summary()).toEqual({ count: 1, medianMs: 90, p99Ms: 90, maxMs: 90 });
  });

  it("keeps the newest delays and summarises them", () => {
    const delay = new ScreenDelay();
    for (let i = 0; i < 5_000; i++) {
      delay.frameArrived(i * 100, i, i * 100 + 1);
      delay.painted(i * 100 + (i % 100));
    }
    const kept = delay.delays();
    expect(kept).toHaveLength(4_096);
    expect(delay.measured).toBe(5_000);
    expect(kept[kept.length - 1]).toBe(4_999 % 100);
    const summary = delay.summary();
    expect(summary?.maxMs).toBe(99);
    expect(summary?.p99Ms).toBe(99);
    expect(summary?.medianMs).toBe(50);
  });

  it("computes the event rate over the last ten seconds", () => {
    const delay = new ScreenDelay();
    expect(delay.eventsPerSecond()).toBeNull();
    for (let s = 0; s <= 30; s++) delay.frameArrived(null, s * 200, s * 1_000);
    expect(delay.eventsPerSecond()).toBeCloseTo(200, 5);
  });
});
