// Tooltip texts: each metric's definition from the product brief, filled in with the
// queue's own thresholds so nobody has to guess what a figure includes.

import { fmtPctWhole } from "../format";
import { t } from "../i18n";
import type { QueueFrameDto } from "../ipc";

export function slDefinition(queue: QueueFrameDto): string {
  const params = {
    t: queue.slThresholdSecs,
    sa: queue.shortAbandonSecs,
    target: fmtPctWhole(queue.slTargetPct),
  };
  switch (queue.slVariant) {
    case "abandonsCountAgainst":
      return t("def.sl.abandonsCountAgainst", params);
    case "abandonsWithinThresholdMet":
      return t("def.sl.abandonsWithinThresholdMet", params);
    case "abandonsIgnored":
      return t("def.sl.abandonsIgnored", params);
  }
}

export function slRollupDefinition(targetPct: number): string {
  return t("def.sl.total", { target: fmtPctWhole(targetPct) });
}

/**
 * The SL target used for a roll-up (site or total), which has no target of its own:
 * the most common target among its queues (the higher one on a tie), 80 % if none.
 */
export function rollupTarget(queues: readonly QueueFrameDto[]): number {
  const counts = new Map<number, number>();
  for (const q of queues) counts.set(q.slTargetPct, (counts.get(q.slTargetPct) ?? 0) + 1);
  let best = 80;
  let bestCount = 0;
  for (const [target, count] of counts) {
    if (count > bestCount || (count === bestCount && target > best)) {
      best = target;
      bestCount = count;
    }
  }
  return best;
}
