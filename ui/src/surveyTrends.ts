// Survey trends, pure: the figures offered, a value with its unit, a point's sample size and
// its small-sample mark, and the table under the chart (one row per day or week, one column
// per group). No DOM; the trends view uses these.

import { DASH, fmtGrouped } from "./format";
import { siteName, t } from "./i18n";
import type { SurveyMetricDto, SurveyTrendsDto, TrendGroupingDto, TrendIntervalDto, TrendPointDto } from "./ipc";

export const METRICS: readonly SurveyMetricDto[] = ["csatShare", "csatMean", "nps", "fcr"];
export const GROUPINGS: readonly TrendGroupingDto[] = ["centre", "site", "queue", "agent"];
export const INTERVALS: readonly TrendIntervalDto[] = ["day", "week"];

/** A figure with its unit: "82.0%", "4.2", "+35". */
export function metricValue(metric: SurveyMetricDto, value: number | null): string {
  if (value === null) return DASH;
  switch (metric) {
    case "csatShare":
    case "fcr":
      return `${value.toFixed(1)}%`;
    case "csatMean":
      return value.toFixed(2);
    case "nps":
      return `${value > 0 ? "+" : ""}${value.toFixed(0)}`;
  }
}

/** "82.0% · n=120", with a warning shape and the word for a small sample. */
export function pointText(metric: SurveyMetricDto, point: TrendPointDto): string {
  if (point.n === 0) return DASH;
  const base = `${metricValue(metric, point.value)} · n=${fmtGrouped(point.n)}`;
  return point.small ? `${base} ⚠` : base;
}

/** A group's name as the UI shows it (sites in the current language; the centre by name). */
export function groupName(grouping: TrendGroupingDto, group: string): string {
  if (group === "") return t("surveys.trends.centre");
  return grouping === "site" ? siteName(group) : group;
}

export interface TrendRow {
  label: string;
  cells: TrendPointDto[];
}

/** One row per bucket, a cell per line; buckets where no line has a survey are left out. */
export function trendRows(trends: SurveyTrendsDto): TrendRow[] {
  return trends.labels
    .map((label, i) => ({ label, cells: trends.lines.map((line) => line.points[i] ?? { value: null, n: 0, small: true }) }))
    .filter((row) => row.cells.some((cell) => cell.n > 0));
}

/** How many points of the chart rest on fewer answers than the reliable minimum. */
export function smallPoints(trends: SurveyTrendsDto): number {
  return trends.lines.reduce((sum, line) => sum + line.points.filter((p) => p.n > 0 && p.small).length, 0);
}
