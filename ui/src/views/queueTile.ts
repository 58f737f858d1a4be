// One queue tile in a site's grid. Built once per queue id, then updated in place.

import { h, setAttr, setHidden, setText } from "../dom";
import { fmtCount, fmtDuration, fmtPair, fmtPct, fmtPctWhole } from "../format";
import { skillName, t } from "../i18n";
import type { LinkDto, QueueFrameDto } from "../ipc";
import { freshness, longestWaitStatus, slStatus, staffingStatus, worst } from "../status";
import { slDefinition } from "./definitions";
import { createStaleBadge, createStat, renderFreshness, updateStat, updateWaitStats } from "./stat";

export interface QueueTile {
  root: HTMLElement;
  update(queue: QueueFrameDto, link: LinkDto, sinceFrameMs: number): void;
}

/**
 * Tiles on screen (or within a short scroll of it) follow every frame; the others refresh at
 * most this often. A centre with 500 queues has most tiles off screen, and rewriting all of
 * them ten times a second costs the webview more than everything else it does.
 */
const OFF_SCREEN_REFRESH_MS = 2_000;

type VisibilityListener = (onScreen: boolean) => void;
const listeners = new WeakMap<Element, VisibilityListener>();
let observer: IntersectionObserver | null | undefined;

/** Calls `listener` whenever `element` comes on or goes off screen; false where unsupported. */
function watchVisibility(element: Element, listener: VisibilityListener): boolean {
  if (observer === undefined) {
    observer =
      typeof IntersectionObserver === "undefined"
        ? null
        : new IntersectionObserver(
            (entries) => {
              for (const entry of entries) listeners.get(entry.target)?.(entry.isIntersecting);
            },
            { rootMargin: "300px 0px" },
          );
  }
  if (observer === null) return false;
  listeners.set(element, listener);
  observer.observe(element);
  return true;
}

export function createQueueTile(id: number): QueueTile {
  const name = h("h3", "tile-name");
  const tier2 = h("span", "badge badge-tier2");
  const stale = createStaleBadge();
  const head = h("header", "tile-head", {}, name, tier2);

  const waiting = createStat({ size: "xl", testid: "queue-waiting", className: "tile-waiting" });
  const longest = createStat({ size: "lg", chip: true, className: "tile-longest" });
  const sl = createStat({ size: "lg", testid: "queue-sl", chip: true, sub: true, className: "tile-sl" });
  const asa = createStat({ size: "row" });
  const aht = createStat({ size: "row" });
  const abandon = createStat({ size: "row" });
  const available = createStat({ size: "row" });
  const onCall = createStat({ size: "row" });
  const erlang = createStat({ size: "row", chip: true, className: "tile-erlang" });

  const body = h(
    "div",
    "tile-body",
    {},
    h("div", "tile-hero", {}, waiting.root, longest.root),
    sl.root,
    h("div", "tile-list", {}, asa.root, aht.root, abandon.root, available.root, onCall.root, erlang.root),
  );
  // The stale badge sits at the tile's foot so heads and numbers stay aligned across a row.
  const root = h("article", "tile", { "data-testid": `queue-tile-${id}` }, head, body, stale);

  // Until the observer first reports, a tile counts as on screen, so it is never left blank.
  let onScreen = true;
  let drawnAt = Number.NEGATIVE_INFINITY;
  let pending: [QueueFrameDto, LinkDto, number] | null = null;
  watchVisibility(root, (visible) => {
    onScreen = visible;
    if (visible && pending) {
      draw(...pending);
      pending = null;
    }
  });

  return {
    root,
    update(queue, link, sinceFrameMs) {
      if (!onScreen && performance.now() - drawnAt < OFF_SCREEN_REFRESH_MS) {
        pending = [queue, link, sinceFrameMs];
        return;
      }
      pending = null;
      draw(queue, link, sinceFrameMs);
    },
  };

  function draw(queue: QueueFrameDto, link: LinkDto, sinceFrameMs: number): void {
    drawnAt = performance.now();
    const f = queue.figures;
    const skill = skillName(queue.skill);
    setText(name, skill);
    setAttr(name, "title", t("queue.title", { skill, name: queue.name }));
    setHidden(tier2, !queue.tier2);
    if (queue.tier2) {
      setText(tier2, t("tier2.badge"));
      setAttr(tier2, "title", t("tier2.title"));
    }

    const slState = slStatus(f.serviceLevelPct, queue.slTargetPct);
    const waitState = longestWaitStatus(f.longestWaitMs);
    const staffState = staffingStatus(f.erlang.required, f.erlang.staffed);
    setAttr(root, "data-status", worst(slState, waitState, staffState === "ok" ? null : staffState));

    updateWaitStats(waiting, longest, f, waitState);
    updateStat(sl, {
      label: t("m.slShort"),
      title: slDefinition(queue),
      value: fmtPct(f.serviceLevelPct),
      status: slState,
      statusText: slStatusText(slState),
      sub: t("sl.targetT", { pct: fmtPctWhole(queue.slTargetPct), t: queue.slThresholdSecs }),
    });
    updateStat(asa, { label: t("m.asa"), title: t("def.asa"), value: fmtDuration(f.asaMs) });
    updateStat(aht, { label: t("m.aht"), title: t("def.aht"), value: fmtDuration(f.ahtMs) });
    updateStat(abandon, {
      label: t("m.abandonRate"),
      title: t("def.abandonRate", { sa: queue.shortAbandonSecs }),
      value: fmtPct(f.abandonRatePct),
    });
    updateStat(available, { label: t("m.available"), title: t("def.available"), value: fmtCount(f.agents.available) });
    updateStat(onCall, { label: t("m.onCall"), title: t("def.onCall"), value: fmtCount(f.agents.onCall) });
    updateStat(erlang, {
      label: t("m.erlangShort"),
      title: t("def.erlang"),
      value: fmtPair(f.erlang.required, f.erlang.staffed),
      status: staffState === "warn" ? "warn" : null,
      statusText: t("status.staffShort", { n: fmtCount(shortBy(f.erlang.required, f.erlang.staffed)) }),
    });

    renderFreshness(root, stale, freshness(f, link, sinceFrameMs));
  }
}

export function slStatusText(status: "ok" | "warn" | "crit" | null): string {
  switch (status) {
    case "ok":
      return t("status.slOk");
    case "warn":
      return t("status.slWarn");
    case "crit":
      return t("status.slCrit");
    case null:
      return "";
  }
}

/** How many agents short of the Erlang C requirement (0 when covered or unknown). */
export function shortBy(required: number | null, staffed: number): number {
  return required === null ? 0 : Math.max(0, Math.ceil(required - staffed));
}
