// The "Live queues" screen: top bar, centre KPI strip, one section per site, footer.
// Before the first frame it shows a connecting (or failed) state instead of numbers.

import { h, reconcileChildren, setAttr, setHidden, setText } from "../dom";
import { fmtCount } from "../format";
import { t } from "../i18n";
import type { FrameDto, IpcErrorDto, WindowDto } from "../ipc";
import { createKpiStrip } from "./kpiStrip";
import { createSiteSection, type SiteSection } from "./siteSection";
import { createTopBar, type Theme, type TopBarActions } from "./topBar";

export interface WallboardState {
  frame: FrameDto | null;
  /** Local milliseconds since `frame` arrived. */
  sinceFrameMs: number;
  pendingWindow: WindowDto | null;
  /** The subscription failed; shown only while there is no frame. */
  subscribeError: IpcErrorDto | null;
  /** A transient problem to show in the notice line (e.g. a failed window change). */
  notice: string | null;
  theme: Theme;
  /** Which view fills the screen under the bars; the wallboard's own figures show in "wallboard". */
  view: string;
}

/** What the app shell adds: bars under the top bar, and other views beside the figures. */
export interface WallboardSlots {
  bars: HTMLElement[];
  views: HTMLElement[];
  /** Shown under the live figures (today's trends). */
  below: HTMLElement[];
}

export interface WallboardActions extends TopBarActions {
  retrySubscribe(): void;
}

export interface Wallboard {
  root: HTMLElement;
  render(state: WallboardState): void;
}

export function createWallboard(actions: WallboardActions, slots: WallboardSlots): Wallboard {
  const topBar = createTopBar(actions);

  const bootTitle = h("p", "boot-title");
  const bootHint = h("p", "boot-hint");
  const bootCode = h("code", "boot-code");
  const retry = h("button", "button", { type: "button" });
  retry.addEventListener("click", () => actions.retrySubscribe());
  const spinner = h("span", "spinner", { "aria-hidden": "true" });
  const boot = h(
    "div",
    "boot",
    { role: "status", "aria-live": "polite", "data-testid": "boot-state" },
    spinner,
    bootTitle,
    bootHint,
    bootCode,
    retry,
  );

  const kpi = createKpiStrip();
  const sitesBox = h("div", "sites");
  const sites = new Map<number, SiteSection>();
  const live = h("main", "live", {}, kpi.root, sitesBox, ...slots.below);

  const notice = h("div", "notice", { role: "alert" });
  const qualityLabel = h("span", "quality-label");
  const quality = {
    duplicates: h("span", "quality-item"),
    gaps: h("span", "quality-item"),
    unknownCalls: h("span", "quality-item"),
    unknownAgents: h("span", "quality-item"),
  };
  const qualityBox = h(
    "div",
    "quality",
    {},
    qualityLabel,
    quality.duplicates,
    quality.gaps,
    quality.unknownCalls,
    quality.unknownAgents,
  );
  const keys = h("span", "keys");
  const footer = h("footer", "footer", {}, qualityBox, notice, h("span", "spacer"), keys);

  const root = h("div", "wallboard", {}, topBar.root, ...slots.bars, boot, live, ...slots.views, footer);

  return {
    root,
    render(state) {
      const { frame, sinceFrameMs } = state;
      topBar.update(state);

      const onWallboard = state.view === "wallboard";
      setHidden(boot, frame !== null || !onWallboard);
      setHidden(live, frame === null || !onWallboard);
      setHidden(qualityBox, frame === null);
      if (frame === null) {
        const failed = state.subscribeError !== null;
        setAttr(boot, "data-failed", failed ? "true" : null);
        setHidden(spinner, failed);
        setText(bootTitle, failed ? t("boot.error") : t("boot.connecting"));
        setText(bootHint, failed ? (state.subscribeError?.message ?? "") : t("boot.hint"));
        setText(bootCode, state.subscribeError?.code ?? "");
        setHidden(bootCode, !failed);
        setText(retry, t("boot.retry"));
        setHidden(retry, !failed);
      } else {
        kpi.update(frame, sinceFrameMs);
        const seen = new Set<number>();
        const ordered: HTMLElement[] = [];
        for (const site of frame.sites) {
          let section = sites.get(site.id);
          if (!section) {
            section = createSiteSection(site.id);
            sites.set(site.id, section);
          }
          section.update(site, frame.link, sinceFrameMs);
          seen.add(site.id);
          ordered.push(section.root);
        }
        for (const id of sites.keys()) if (!seen.has(id)) sites.delete(id);
        reconcileChildren(sitesBox, ordered);

        const a = frame.anomalies;
        setText(qualityLabel, t("footer.quality"));
        setAttr(qualityBox, "title", t("footer.qualityTitle"));
        const item = (el: HTMLElement, text: string, n: number) => {
          setText(el, text);
          setAttr(el, "data-nonzero", n > 0 ? "true" : null);
        };
        item(quality.duplicates, t("footer.duplicates", { n: fmtCount(a.duplicates) }), a.duplicates);
        item(quality.gaps, t("footer.gaps", { n: fmtCount(a.gaps) }), a.gaps);
        item(quality.unknownCalls, t("footer.unknownCalls", { n: fmtCount(a.unknownCalls) }), a.unknownCalls);
        item(quality.unknownAgents, t("footer.unknownAgents", { n: fmtCount(a.unknownAgents) }), a.unknownAgents);
      }

      setText(notice, state.notice ?? "");
      setHidden(notice, state.notice === null);
      setText(keys, t("footer.keys"));
    },
  };
}
