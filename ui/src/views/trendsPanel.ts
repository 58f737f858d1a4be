// Today's trends under the live figures: offered and answered, service level against its
// target, ASA and abandons per 15-minute interval, for the centre, a site or a queue. The
// charts are drawn by the backend (plotters, SVG) and shown as images, refreshed every 30 s.

import { h, setAttr, setHidden, setText } from "../dom";
import { getLocale, siteName, skillName, t } from "../i18n";
import type { FrameDto, TrendChartsDto, TrendScopeDto } from "../ipc";

const REFRESH_MS = 30_000;

export interface TrendsPanel {
  root: HTMLElement;
  render(frame: FrameDto | null, dark: boolean, visible: boolean): void;
}

function scopeValue(scope: TrendScopeDto): string {
  return scope.kind === "centre" ? "centre" : `${scope.kind}:${scope.id}`;
}

function parseScope(value: string): TrendScopeDto {
  const [kind, id] = value.split(":");
  if (kind === "site" || kind === "queue") return { kind, id: Number(id) };
  return { kind: "centre" };
}

export function createTrendsPanel(load: (scope: TrendScopeDto, dark: boolean) => Promise<TrendChartsDto>): TrendsPanel {
  const title = h("h2", "trends-title");
  const scope = h("select", "", { "data-testid": "trends-scope" });
  const status = h("span", "muted", { "data-testid": "trends-status" });
  const grid = h("div", "trends-grid", { "data-testid": "trends" });
  const root = h("section", "trends", {}, h("header", "trends-head", {}, title, scope, status), grid);
  const images: HTMLImageElement[] = [];
  let loadedAt = 0;
  let loadedFor = "";
  let loading = false;
  let optionsFor = "";
  /** Intervals of the charts shown; `null` before the first load or after a failure. */
  let intervals: number | null = null;
  let failure: string | null = null;
  const captions = ["trends.offered", "trends.sl", "trends.asa", "trends.abandoned"] as const;

  const refresh = (dark: boolean) => {
    if (loading) return;
    loading = true;
    const key = `${scope.value}|${dark}`;
    load(parseScope(scope.value || "centre"), dark)
      .then((charts) => {
        loadedAt = performance.now();
        loadedFor = key;
        charts.charts.forEach((svg, i) => {
          let img = images[i];
          if (!img) {
            img = h("img", "trend-chart", { "data-testid": `trend-${i}` });
            images.push(img);
            grid.append(img);
          }
          img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
        });
        intervals = charts.intervals;
        failure = null;
      })
      .catch((error: { message?: string }) => {
        failure = error.message ?? String(error);
      })
      .finally(() => {
        loading = false;
      });
  };

  let lastDark = true;
  scope.addEventListener("change", () => refresh(lastDark));

  return {
    root,
    render(frame, dark, visible) {
      setHidden(root, !visible || frame === null);
      if (!visible || frame === null) return;
      lastDark = dark;
      setText(title, t("trends.title"));
      setText(status, failure ?? (intervals === null ? "" : t("trends.intervals", { n: intervals })));
      images.forEach((img, i) => setAttr(img, "alt", t(captions[i] ?? "trends.offered")));
      const names = `${getLocale()}|${frame.sites.map((s) => `${s.id}:${s.queues.length}`).join(",")}`;
      if (names !== optionsFor || scope.options.length === 0) {
        optionsFor = names;
        const keep = scope.value;
        scope.replaceChildren(
          h("option", "", { value: "centre" }, t("trends.centre")),
          ...frame.sites.flatMap((site) => [
            h("option", "", { value: scopeValue({ kind: "site", id: site.id }) }, siteName(site.name)),
            ...site.queues.map((q) =>
              h("option", "", { value: scopeValue({ kind: "queue", id: q.id }) }, `— ${skillName(q.skill)} (${q.name})`),
            ),
          ]),
        );
        scope.value = keep || "centre";
      }
      const key = `${scope.value}|${dark}`;
      if (key !== loadedFor || performance.now() - loadedAt > REFRESH_MS) refresh(dark);
    },
  };
}
