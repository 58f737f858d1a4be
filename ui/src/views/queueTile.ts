// One queue tile in a site's grid. Built once per queue id, then updated in place.

import { h, setAttr, setHidden, setText } from "../dom";
import { fmtCount, fmtDuration, fmtPair, fmtPct, fmtPctWhole } from "../format";
import { skillName, t } from "../i18n";
import type { LinkDto, QueueFrameDto } from "../ipc";
import { freshness, longestWaitStatus, slStatus, staffingStatus, worst } from "../status";
import { slDefinition } from "./definitions";
import { createStaleBadge, createStat, renderFreshness, type StatView, updateStat, updateWaitStats } from "./stat";

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

/**
 * Tiles built and drawn with the first frame, before anything is known of what is on screen:
 * more than a 4K wall shows. The others are built when they first come near the screen; a
 * 500-queue board built whole took the webview a third of a second of style and layout
 * before its first paint.
 */
const EAGER_TILES = 48;
let eagerLeft = EAGER_TILES;

/** The parts of a tile that figures are written into, built on its first draw. */
interface TileParts {
  name: HTMLElement;
  tier2: HTMLElement;
  stale: HTMLElement;
  waiting: StatView;
  longest: StatView;
  sl: StatView;
  asa: StatView;
  aht: StatView;
  abandon: StatView;
  available: StatView;
  onCall: StatView;
  erlang: StatView;
}

function buildParts(root: HTMLElement): TileParts {
  const name = h("h3", "tile-name");
  const tier2 = h("span", "badge badge-tier2");
  const stale = createStaleBadge();
  const head = h("header", "tile-head", {}, name, tier2);

  const parts: TileParts = {
    name,
    tier2,
    stale,
    waiting: createStat({ size: "xl", testid: "queue-waiting", className: "tile-waiting" }),
    longest: createStat({ size: "lg", chip: true, className: "tile-longest" }),
    sl: createStat({ size: "lg", testid: "queue-sl", chip: true, sub: true, className: "tile-sl" }),
    asa: createStat({ size: "row" }),
    aht: createStat({ size: "row" }),
    abandon: createStat({ size: "row" }),
    available: createStat({ size: "row" }),
    onCall: createStat({ size: "row" }),
    erlang: createStat({ size: "row", chip: true, className: "tile-erlang" }),
  };
  const body = h(
    "div",
    "tile-body",
    {},
    h("div", "tile-hero", {}, parts.waiting.root, parts.longest.root),
    parts.sl.root,
    h(
      "div",
      "tile-list",
      {},
      parts.asa.root,
      parts.aht.root,
      parts.abandon.root,
      parts.available.root,
      parts.onCall.root,
      parts.erlang.root,
    ),
  );
  // The stale badge sits at the tile's foot so heads and numbers stay aligned across a row.
  root.append(head, body, stale);
  return parts;
}

export function createQueueTile(id: number): QueueTile {
  const root = h("article", "tile", { "data-testid": `queue-tile-${id}` });
  let parts: TileParts | null = null;

  // Null until the observer first reports where the tile is.
  let onScreen: boolean | null = null;
  let drawnAt = Number.NEGATIVE_INFINITY;
  let pending: [QueueFrameDto, LinkDto, number] | null = null;
  const watched = watchVisibility(root, (visible) => {
    onScreen = visible;
    if (visible && pending) {
      draw(...pending);
      pending = null;
    }
  });
  if (!watched) onScreen = true;

  return {
    root,
    update(queue, link, sinceFrameMs) {
      const wait =
        parts === null
          ? // Not built yet: built now if it may be on screen and is among the first, else
            // when it comes near the screen.
            onScreen === false || (onScreen === null && eagerLeft <= 0)
          : onScreen === false && performance.now() - drawnAt < OFF_SCREEN_REFRESH_MS;
      if (wait) {
        pending = [queue, link, sinceFrameMs];
        return;
      }
      if (parts === null && onScreen === null) eagerLeft -= 1;
      pending = null;
      draw(queue, link, sinceFrameMs);
    },
  };

  function draw(queue: QueueFrameDto, link: LinkDto, sinceFrameMs: number): void {
    parts ??= buildParts(root);
    const { name, tier2, stale, waiting, longest, sl, asa, aht, abandon, available, onCall, erlang } = parts;
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
