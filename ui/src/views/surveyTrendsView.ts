// Survey trends for the queue's current filter: CSAT (top-2 share or mean), NPS or FCR per
// day or week, one line per site, queue or agent (the largest), drawn by the backend with
// fw-charts as SVG (shown as an image: no markup of ours runs), each point's sample size
// under it in a table, and small samples (fewer than 30 answers) marked in both.

import { h, setHidden, setOptions, setText } from "../dom";
import { t } from "../i18n";
import type { IpcErrorDto, SurveyMetricDto, SurveyTrendsDto, TrendGroupingDto, TrendIntervalDto } from "../ipc";
import { GROUPINGS, INTERVALS, METRICS, groupName, metricValue, pointText, smallPoints, trendRows } from "../surveyTrends";
import { surveyErrorText } from "../surveys";

export interface SurveyTrendsActions {
  trends(grouping: TrendGroupingDto, interval: TrendIntervalDto, metric: SurveyMetricDto, dark: boolean, centreLabel: string): Promise<SurveyTrendsDto>;
  notice(text: string): void;
}

export interface SurveyTrendsView {
  root: HTMLElement;
  render(): void;
  /** Asks again (the filter changed, or the tab was opened). */
  refresh(): void;
}

export function createSurveyTrendsView(actions: SurveyTrendsActions): SurveyTrendsView {
  let trends: SurveyTrendsDto | null = null;
  /** What the shown trend was asked with (the selects may have moved on since). */
  let shownWith: { grouping: TrendGroupingDto; interval: TrendIntervalDto } = { grouping: "centre", interval: "day" };
  let asked = 0;
  let drawnKey = "";
  let failed: string | null = null;
  const title = h("h3", "survey-panel-title");
  const metricLabel = h("span", "field-label");
  const metric = h("select", "", { "data-testid": "survey-trend-metric" });
  const groupingLabel = h("span", "field-label");
  const grouping = h("select", "", { "data-testid": "survey-trend-grouping" });
  const intervalLabel = h("span", "field-label");
  const interval = h("select", "", { "data-testid": "survey-trend-interval" });
  const definition = h("p", "muted", { "data-testid": "survey-trend-definition" });
  const scope = h("p", "muted", { "data-testid": "survey-trend-scope" });
  const chart = h("img", "survey-trend-chart", { "data-testid": "survey-trend-chart", width: "760", height: "320" });
  const small = h("p", "survey-warning", { role: "note", "data-testid": "survey-trend-small" });
  const empty = h("p", "empty", { "data-testid": "survey-trend-empty" });
  const error = h("p", "notice-inline", { role: "alert", "data-testid": "survey-trend-error" });
  const head = h("tr");
  const body = h("tbody");
  const caption = h("caption");
  const table = h("table", "grid survey-trend-table", { "data-testid": "survey-trend-table" }, caption, h("thead", "", {}, head), body);
  const root = h(
    "section",
    "survey-trends",
    { "data-testid": "survey-trends" },
    title,
    h(
      "div",
      "survey-inline",
      {},
      h("label", "field", {}, metricLabel, metric),
      h("label", "field", {}, groupingLabel, grouping),
      h("label", "field", {}, intervalLabel, interval),
    ),
    definition,
    scope,
    error,
    empty,
    chart,
    small,
    h("div", "grid-scroll", {}, table),
  );

  const dark = () => document.documentElement.dataset["theme"] === "dark";

  function load(): void {
    const ask = ++asked;
    const chosen = { grouping: (grouping.value || "centre") as TrendGroupingDto, interval: (interval.value || "day") as TrendIntervalDto };
    actions
      .trends(
        chosen.grouping,
        chosen.interval,
        (metric.value || "csatShare") as SurveyMetricDto,
        dark(),
        t("surveys.trends.centre"),
      )
      .then((found) => {
        if (ask !== asked) return;
        trends = found;
        shownWith = chosen;
        failed = null;
      })
      .catch((e: IpcErrorDto) => {
        if (ask !== asked) return;
        failed = t("surveys.loadFailed", { reason: surveyErrorText(e) });
      })
      .finally(() => {
        if (ask === asked) draw();
      });
  }
  for (const select of [metric, grouping, interval]) select.addEventListener("change", load);

  function draw(): void {
    setText(title, t("surveys.trends.title"));
    setText(metricLabel, t("surveys.trends.metric"));
    setText(groupingLabel, t("surveys.trends.grouping"));
    setText(intervalLabel, t("surveys.trends.interval"));
    setOptions(metric, METRICS.map((m) => [m, t(`surveys.trends.metric.${m}`)] as const));
    setOptions(grouping, GROUPINGS.map((g) => [g, t(`surveys.trends.grouping.${g}`)] as const));
    setOptions(interval, INTERVALS.map((i) => [i, t(`surveys.trends.interval.${i}`)] as const));
    setText(definition, t(`surveys.trends.definition.${(metric.value || "csatShare") as SurveyMetricDto}`));
    setHidden(error, failed === null);
    setText(error, failed ?? "");
    const key = JSON.stringify([trends, shownWith, t("surveys.trends.title")]);
    if (key === drawnKey) return;
    drawnKey = key;
    const tr = trends;
    const rows = tr ? trendRows(tr) : [];
    setHidden(empty, tr === null || rows.length > 0);
    setText(empty, t("surveys.trends.empty"));
    setHidden(chart, tr === null || rows.length === 0);
    setHidden(table, tr === null || rows.length === 0);
    if (!tr) return;
    setText(scope, t("surveys.trends.scope", { max: tr.maxLines, min: tr.minReliable }));
    chart.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(tr.svg)}`;
    const grouped = shownWith.grouping;
    const names = tr.lines.map((line) => groupName(grouped, line.group));
    chart.alt = t("surveys.trends.alt", { metric: t(`surveys.trends.metric.${tr.metric}`), groups: names.join(", ") });
    const nSmall = smallPoints(tr);
    setHidden(small, nSmall === 0);
    setText(small, t("surveys.trends.small", { n: nSmall, min: tr.minReliable }));
    setText(caption, t("surveys.trends.caption"));
    head.replaceChildren(h("th", "", { scope: "col" }, t(`surveys.trends.interval.${shownWith.interval}`)), ...names.map((name) => h("th", "num", { scope: "col" }, name)));
    body.replaceChildren(
      ...rows.map((row) =>
        h(
          "tr",
          "",
          { "data-testid": "survey-trend-row", "data-bucket": row.label },
          h("th", "", { scope: "row" }, row.label),
          ...row.cells.map((cell, i) =>
            h(
              "td",
              "num",
              { "data-group": tr.lines[i]?.group ?? "", "data-small": cell.n > 0 && cell.small ? "true" : "false", title: cell.small && cell.n > 0 ? t("surveys.trends.smallTitle", { min: tr.minReliable }) : "" },
              pointText(tr.metric, cell),
            ),
          ),
        ),
      ),
      h(
        "tr",
        "survey-trend-total",
        { "data-testid": "survey-trend-total" },
        h("th", "", { scope: "row" }, t("surveys.trends.total")),
        ...tr.lines.map((line) => h("td", "num", { "data-small": line.total.small ? "true" : "false" }, `${metricValue(tr.metric, line.total.value)} · n=${line.total.n}${line.total.small ? " ⚠" : ""}`)),
      ),
    );
  }

  return { root, render: draw, refresh: load };
}
