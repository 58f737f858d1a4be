// Puts whole frames back together from the live stream. The backend sends every queue in a
// stream's first frame (and the first after a reconnect), then only the queues whose figures
// changed: a 500-queue centre's whole frame is half a megabyte, ten times a second. A queue
// left out stands as it was, its longest wait and data age older by the time between frames.

import type { FrameDto } from "./ipc/bindings/FrameDto";
import type { QueueFrameDto } from "./ipc/bindings/QueueFrameDto";

export class FrameAssembler {
  /** Each site's queue ids in the order the last complete frame listed them. */
  private readonly order = new Map<number, number[]>();
  private readonly queues = new Map<number, QueueFrameDto>();
  private atMs: number | null = null;

  /**
   * The whole frame `frame` stands for, every queue listed. Null for a partial frame before
   * any complete one (the backend never sends one; there is nothing to add it to).
   */
  assemble(frame: FrameDto): FrameDto | null {
    if (frame.queuesComplete) {
      this.order.clear();
      this.queues.clear();
      for (const site of frame.sites) {
        this.order.set(
          site.id,
          site.queues.map((queue) => queue.id),
        );
        for (const queue of site.queues) this.queues.set(queue.id, queue);
      }
      this.atMs = frame.atMs;
      return frame;
    }
    if (this.atMs === null) return null;
    const elapsedMs = frame.atMs - this.atMs;
    this.atMs = frame.atMs;
    const sites = frame.sites.map((site) => {
      const changed = new Map(site.queues.map((queue) => [queue.id, queue]));
      let order = this.order.get(site.id);
      if (!order) {
        order = [];
        this.order.set(site.id, order);
      }
      for (const id of changed.keys()) if (!order.includes(id)) order.push(id);
      const queues: QueueFrameDto[] = [];
      for (const id of order) {
        const before = this.queues.get(id);
        const now = changed.get(id) ?? (before ? aged(before, elapsedMs) : undefined);
        if (!now) continue;
        this.queues.set(id, now);
        queues.push(now);
      }
      return { ...site, queues };
    });
    return { ...frame, sites, queuesComplete: true };
  }
}

/** A queue nothing happened to, `elapsedMs` later: its oldest caller and its data older. */
function aged(queue: QueueFrameDto, elapsedMs: number): QueueFrameDto {
  const f = queue.figures;
  if (elapsedMs === 0 || (f.longestWaitMs === null && f.ageMs === null)) return queue;
  return {
    ...queue,
    figures: {
      ...f,
      longestWaitMs: f.longestWaitMs === null ? null : f.longestWaitMs + elapsedMs,
      ageMs: f.ageMs === null ? null : f.ageMs + elapsedMs,
    },
  };
}
