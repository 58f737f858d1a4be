// One site: a header with the site's roll-up, then a responsive grid of its queue tiles.

import { h, reconcileChildren, setText } from "../dom";
import { fmtCount, fmtDuration, fmtPct } from "../format";
import { siteName, t } from "../i18n";
import type { LinkDto, SiteFrameDto } from "../ipc";
import { freshness, slStatus } from "../status";
import { rollupTarget, slRollupDefinition } from "./definitions";
import { createQueueTile, slStatusText, type QueueTile } from "./queueTile";
import { createStaleBadge, createStat, renderFreshness, updateStat } from "./stat";

export interface SiteSection {
  root: HTMLElement;
  update(site: SiteFrameDto, link: LinkDto, sinceFrameMs: number): void;
}

export function createSiteSection(id: number): SiteSection {
  const name = h("h2", "site-name");
  const stale = createStaleBadge();
  const waiting = createStat({ size: "md" });
  const sl = createStat({ size: "md", chip: true });
  const asa = createStat({ size: "md" });
  const abandon = createStat({ size: "md" });
  const available = createStat({ size: "md" });
  const onCall = createStat({ size: "md" });
  const rollup = h(
    "div",
    "site-rollup",
    {},
    waiting.root,
    sl.root,
    asa.root,
    abandon.root,
    available.root,
    onCall.root,
  );
  const head = h("header", "site-head", {}, name, rollup, h("span", "spacer"), stale);
  const grid = h("div", "tile-grid-queues");
  const root = h("section", "site", { "data-testid": `site-${id}` }, head, grid);
  const tiles = new Map<number, QueueTile>();

  return {
    root,
    update(site, link, sinceFrameMs) {
      const f = site.figures;
      setText(name, siteName(site.name));
      const target = rollupTarget(site.queues);
      const slState = slStatus(f.serviceLevelPct, target);
      updateStat(waiting, { label: t("m.waiting"), title: t("def.waiting"), value: fmtCount(f.waiting) });
      updateStat(sl, {
        label: t("m.slShort"),
        title: slRollupDefinition(target),
        value: fmtPct(f.serviceLevelPct),
        status: slState,
        statusText: slStatusText(slState),
      });
      updateStat(asa, { label: t("m.asa"), title: t("def.asa"), value: fmtDuration(f.asaMs) });
      updateStat(abandon, { label: t("m.abandonRate"), title: t("def.abandonRate.total"), value: fmtPct(f.abandonRatePct) });
      updateStat(available, { label: t("m.available"), title: t("def.available"), value: fmtCount(f.agents.available) });
      updateStat(onCall, { label: t("m.onCall"), title: t("def.onCall"), value: fmtCount(f.agents.onCall) });
      renderFreshness(head, stale, freshness(f, link, sinceFrameMs));

      const seen = new Set<number>();
      const ordered: HTMLElement[] = [];
      for (const queue of site.queues) {
        let tile = tiles.get(queue.id);
        if (!tile) {
          tile = createQueueTile(queue.id);
          tiles.set(queue.id, tile);
        }
        tile.update(queue, link, sinceFrameMs);
        seen.add(queue.id);
        ordered.push(tile.root);
      }
      for (const key of tiles.keys()) if (!seen.has(key)) tiles.delete(key);
      reconcileChildren(grid, ordered);
    },
  };
}
