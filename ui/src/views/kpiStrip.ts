// The centre-wide KPI strip: the biggest numbers on the screen, for the whole centre.

import { h, setText } from "../dom";
import { fmtCount, fmtDuration, fmtPair, fmtPct, fmtPctWhole } from "../format";
import { t } from "../i18n";
import type { FrameDto } from "../ipc";
import { freshness, longestWaitStatus, slStatus, staffingStatus } from "../status";
import { rollupTarget, slRollupDefinition } from "./definitions";
import { shortBy, slStatusText } from "./queueTile";
import { createStaleBadge, createStat, renderFreshness, updateStat, updateWaitStats } from "./stat";

export interface KpiStrip {
  root: HTMLElement;
  update(frame: FrameDto, sinceFrameMs: number): void;
}

export function createKpiStrip(): KpiStrip {
  const waiting = createStat({ size: "xl", testid: "total-waiting" });
  const longest = createStat({ size: "xl", chip: true });
  const sl = createStat({ size: "xl", testid: "total-sl", chip: true, sub: true });
  const asa = createStat({ size: "lg" });
  const aht = createStat({ size: "lg" });
  const abandon = createStat({ size: "lg" });
  const offered = createStat({ size: "lg", testid: "total-offered" });
  const answered = createStat({ size: "lg", testid: "total-answered" });
  const available = createStat({ size: "lg" });
  const onCall = createStat({ size: "lg" });
  const wrapUp = createStat({ size: "lg" });
  const onBreak = createStat({ size: "lg" });
  const occupancy = createStat({ size: "lg" });
  const erlang = createStat({ size: "lg", chip: true });

  const scope = h("h2", "kpi-scope");
  const stale = createStaleBadge();
  const queuesTitle = h("div", "kpi-group-title");
  const volumeTitle = h("div", "kpi-group-title");
  const agentsTitle = h("div", "kpi-group-title");
  const group = (title: HTMLElement, cls: string, ...stats: { root: HTMLElement }[]) =>
    h("div", `kpi-group ${cls}`, {}, title, h("div", "kpi-cells", {}, ...stats.map((s) => s.root)));

  const root = h(
    "section",
    "kpi-strip",
    { "data-testid": "kpi-strip" },
    h("header", "kpi-head", {}, scope, stale),
    h(
      "div",
      "kpi-groups",
      {},
      group(queuesTitle, "kpi-queues", waiting, longest, sl, asa, aht, abandon),
      group(volumeTitle, "kpi-volume", offered, answered),
      group(agentsTitle, "kpi-agents", available, onCall, wrapUp, onBreak, occupancy, erlang),
    ),
  );

  return {
    root,
    update(frame, sinceFrameMs) {
      const f = frame.total;
      setText(scope, t("kpi.scope"));
      setText(queuesTitle, t("kpi.queues"));
      setText(volumeTitle, t("kpi.volume"));
      setText(agentsTitle, t("kpi.agents"));

      const target = rollupTarget(frame.sites.flatMap((s) => s.queues));
      const slState = slStatus(f.serviceLevelPct, target);
      const waitState = longestWaitStatus(f.longestWaitMs);
      const staffState = staffingStatus(f.erlang.required, f.erlang.staffed);

      updateWaitStats(waiting, longest, f, waitState);
      updateStat(sl, {
        label: t("m.sl"),
        title: slRollupDefinition(target),
        value: fmtPct(f.serviceLevelPct),
        status: slState,
        statusText: slStatusText(slState),
        sub: t("sl.target", { pct: fmtPctWhole(target) }),
      });
      updateStat(asa, { label: t("m.asa"), title: t("def.asa"), value: fmtDuration(f.asaMs) });
      updateStat(aht, { label: t("m.aht"), title: t("def.aht"), value: fmtDuration(f.ahtMs) });
      updateStat(abandon, { label: t("m.abandonRate"), title: t("def.abandonRate.total"), value: fmtPct(f.abandonRatePct) });
      updateStat(offered, { label: t("m.offered"), title: t("def.offered"), value: fmtCount(f.offered) });
      updateStat(answered, { label: t("m.answered"), title: t("def.answered"), value: fmtCount(f.answered) });
      updateStat(available, { label: t("m.available"), title: t("def.available"), value: fmtCount(f.agents.available) });
      updateStat(onCall, { label: t("m.onCall"), title: t("def.onCall"), value: fmtCount(f.agents.onCall) });
      updateStat(wrapUp, { label: t("m.wrapUp"), title: t("def.wrapUp"), value: fmtCount(f.agents.wrapUp) });
      updateStat(onBreak, { label: t("m.onBreak"), title: t("def.onBreak"), value: fmtCount(f.agents.onBreak) });
      updateStat(occupancy, { label: t("m.occupancy"), title: t("def.occupancy"), value: fmtPct(f.occupancyPct) });
      updateStat(erlang, {
        label: t("m.erlang"),
        title: t("def.erlang"),
        value: fmtPair(f.erlang.required, f.erlang.staffed),
        status: staffState,
        statusText:
          staffState === "warn"
            ? t("status.staffShort", { n: fmtCount(shortBy(f.erlang.required, f.erlang.staffed)) })
            : t("status.staffOk"),
      });

      renderFreshness(root, stale, freshness(f, frame.link, sinceFrameMs));
    },
  };
}
