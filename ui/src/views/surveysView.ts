// The survey review queue: filters (surveyFilters.ts), a page of surveys in the order asked
// for (need first: detractors and low CSAT, each row saying why), selection with one action
// for many (surveyBulk.ts), and the selected survey in full (surveyDetail.ts). The backend
// filters, sorts, pages, checks the role and audits; this view only asks and shows. A role
// that may not review surveys sees why instead of the queue.

import { h, reconcileChildren, setAttr, setHidden, setOptions, setText } from "../dom";
import { fmtDateTimeIn } from "../format";
import { getLocale, siteName, t } from "../i18n";
import type {
  FrameDto,
  IpcErrorDto,
  ProfileDto,
  ScoringFormDto,
  SurveyActionDto,
  SurveyDetailDto,
  SurveyExportDto,
  SurveyMetricDto,
  SurveyTrendsDto,
  TrendGroupingDto,
  TrendIntervalDto,
  SurveyFilterDto,
  SurveyPageDto,
  SurveyPersonDto,
  SurveyRowDto,
  SurveySortDto,
  SurveyTagDto,
} from "../ipc";
import {
  PAGE_SIZE,
  SORTS,
  Selection,
  excerpt,
  hasNextPage,
  rangeText,
  surveyErrorText,
  tagLabel,
  toFilter,
} from "../surveys";
import { createSurveyAgreementView, type SurveyAgreementActions } from "./surveyAgreementView";
import { createSurveyBulk } from "./surveyBulk";
import { createDetailQa, type DetailQaActions } from "./surveyDetailQa";
import { createSurveyExport } from "./surveyExport";
import { createSurveyImportView, type SurveyImportActions } from "./surveyImportView";
import { createSurveyPullPanel, type SurveyPullActions } from "./surveyPullPanel";
import { createSurveyScoringView, type SurveyScoringActions } from "./surveyScoringView";
import { createSurveyTabs, type SurveyTab } from "./surveyTabs";
import { createSurveyTrendsView } from "./surveyTrendsView";
import { createSurveyDetail, fcrText, needBadges, npsText, statusBadge, type SurveyContext } from "./surveyDetail";
import { createSurveyFilters } from "./surveyFilters";
import { createSurveyTagList } from "./surveyTagList";

/** The sub-views' actions that need the queue's filter get it from the view; the rest as is. */
export interface SurveyToolActions {
  exportPath(): Promise<string>;
  exportCsv(filter: SurveyFilterDto, sort: SurveySortDto, path: string, overwrite: boolean): Promise<SurveyExportDto>;
  importer: Omit<SurveyImportActions, "imported" | "notice">;
  pull: Omit<SurveyPullActions, "imported" | "notice">;
  forms(): Promise<ScoringFormDto[]>;
  raters(): Promise<SurveyPersonDto[]>;
  scoring: Omit<SurveyScoringActions, "sample" | "formsChanged" | "notice">;
  sample(filter: SurveyFilterDto, perMille: number, seed: number, formId: number, raters: string[]): Promise<number[]>;
  detailQa: Omit<DetailQaActions, "view" | "notice">;
  agreement: Omit<SurveyAgreementActions, "notice">;
  trends(filter: SurveyFilterDto, grouping: TrendGroupingDto, interval: TrendIntervalDto, metric: SurveyMetricDto, dark: boolean, centreLabel: string): Promise<SurveyTrendsDto>;
}

export interface SurveyActions extends SurveyToolActions {
  page(filter: SurveyFilterDto, sort: SurveySortDto, offset: number, limit: number): Promise<SurveyPageDto>;
  detail(id: number): Promise<SurveyDetailDto>;
  review(ids: number[], action: SurveyActionDto): Promise<number>;
  note(id: number, body: string): Promise<number>;
  tags(): Promise<SurveyTagDto[]>;
  saveTag(tag: SurveyTagDto): Promise<SurveyTagDto[]>;
  people(): Promise<SurveyPersonDto[]>;
  /** A short message for the notice line. */
  notice(text: string): void;
}

export interface SurveysViewState {
  profile: ProfileDto | null;
  frame: FrameDto | null;
  /** The centre's time zone (the team setting), for dates. */
  timeZone: string | null;
  nowMs: number;
}

export interface SurveysView {
  root: HTMLElement;
  render(state: SurveysViewState): void;
  /** Reloads the queue (and the tag list and owners) when the view is shown. */
  refresh(): void;
}

const COLUMNS = [
  "surveys.col.need",
  "surveys.col.time",
  "surveys.col.site",
  "surveys.col.queue",
  "surveys.col.agent",
  "surveys.col.csat",
  "surveys.col.nps",
  "surveys.col.fcr",
  "surveys.col.comment",
  "surveys.col.tags",
  "surveys.col.status",
] as const;

export function createSurveysView(actions: SurveyActions): SurveysView {
  let state: SurveysViewState = { profile: null, frame: null, timeZone: null, nowMs: Date.now() };
  let tags: SurveyTagDto[] = [];
  let people: SurveyPersonDto[] = [];
  let page: SurveyPageDto | null = null;
  let offset = 0;
  let loading = false;
  let failed: string | null = null;
  let requested = 0;
  let loadedOnce = false;
  let drawnKey = "";
  const selection = new Selection();
  const context = (): SurveyContext => ({ tags, people, timeZone: state.timeZone, nowMs: state.nowMs });
  const mayReview = () => state.profile?.permissions.includes("reviewSurveys") ?? false;
  const mayManage = () => state.profile?.permissions.includes("manageSurveys") ?? false;

  const refusal = h("p", "survey-refusal", { "data-testid": "surveys-not-permitted", role: "status" });
  const filters = createSurveyFilters(() => {
    offset = 0;
    selection.clear();
    load();
    if (tab === "trends") trends.refresh();
  });

  // The queue's bar: where this page is, the order, paging.
  const range = h("span", "survey-range", { "data-testid": "survey-range", "aria-live": "polite" });
  const sortLabel = h("span", "field-label", { "data-testid": "survey-sort-label" });
  const sort = h("select", "", { "data-testid": "survey-sort" });
  const prev = h("button", "button subtle", { type: "button", "data-testid": "survey-prev" });
  const next = h("button", "button subtle", { type: "button", "data-testid": "survey-next" });
  const bar = h("div", "survey-bar", {}, range, h("span", "spacer"), h("label", "survey-inline", {}, sortLabel, sort), prev, next);
  sort.addEventListener("change", () => {
    offset = 0;
    selection.clear();
    load();
  });
  prev.addEventListener("click", () => {
    offset = Math.max(0, offset - PAGE_SIZE);
    selection.clear();
    load();
  });
  next.addEventListener("click", () => {
    offset += PAGE_SIZE;
    selection.clear();
    load();
  });

  const bulk = createSurveyBulk({
    apply: (action) => review(selection.list(), action, true),
    clear: () => {
      selection.clear();
      drawnKey = "";
      draw();
    },
  });

  // The table.
  const selectPage = h("input", "", { type: "checkbox", "data-testid": "survey-select-page" });
  const headCells = COLUMNS.map(() => h("th"));
  const tbody = h("tbody");
  const table = h(
    "table",
    "grid survey-grid",
    { "data-testid": "survey-table" },
    h("thead", "", {}, h("tr", "", {}, h("th", "survey-check", {}, selectPage), ...headCells)),
    tbody,
  );
  const empty = h("p", "empty", { "data-testid": "survey-empty" });
  const message = h("p", "notice-inline", { role: "alert", "data-testid": "survey-error" });
  selectPage.addEventListener("change", () => {
    selection.toggleAll(page?.rows.map((r) => r.id) ?? []);
    drawnKey = "";
    draw();
  });

  const detail = createSurveyDetail({
    review: (id, action) => review([id], action, false),
    note: (id, body) => {
      if (body.trim() === "") {
        actions.notice(t("surveys.detail.noteEmpty"));
        return Promise.resolve();
      }
      return actions
        .note(id, body)
        .then(() => {
          actions.notice(t("surveys.detail.noteAdded", { id }));
          openDetail(id);
        })
        .catch((error: IpcErrorDto) => {
          actions.notice(t("surveys.failed", { reason: surveyErrorText(error) }));
          throw error;
        });
    },
    close: () => {
      detail.show(null);
      drawnKey = "";
      draw();
    },
  });

  const tagList = createSurveyTagList((tag) =>
    actions
      .saveTag(tag)
      .then((list) => {
        tags = list;
        actions.notice(t("surveys.tags.saved", { tag: tag.name }));
        drawnKey = "";
        draw();
      })
      .catch((error: IpcErrorDto) => {
        actions.notice(t("surveys.failed", { reason: surveyErrorText(error) }));
        throw error;
      }),
  );

  // The sub-views. Export, the calibration sample and the trends take the queue's filter.
  const currentFilter = () => toFilter(filters.value(), state.timeZone);
  const currentSort = () => (sort.value || "need") as SurveySortDto;
  const mayScore = () => state.profile?.permissions.includes("scoreSurveys") ?? false;
  const mayExport = () => state.profile?.permissions.includes("exportSurveys") ?? false;
  const mayQa = () => mayScore() || mayManage();
  let tab: SurveyTab = "queue";
  let forms: ScoringFormDto[] = [];
  let raters: SurveyPersonDto[] = [];
  let qaLoaded = false;
  const listFailed = (error: IpcErrorDto) => actions.notice(t("surveys.loadFailed", { reason: surveyErrorText(error) }));
  const exporter = createSurveyExport({
    exportPath: actions.exportPath,
    exportCsv: (path, overwrite) => actions.exportCsv(currentFilter(), currentSort(), path, overwrite),
    notice: actions.notice,
  });
  bar.append(exporter.button);
  const scoring = createSurveyScoringView({
    ...actions.scoring,
    sample: (perMille, seed, formId, chosen) => actions.sample(currentFilter(), perMille, seed, formId, chosen),
    formsChanged: () => loadQaLists(),
    notice: actions.notice,
  });
  const agreement = createSurveyAgreementView({ ...actions.agreement, notice: actions.notice });
  const trends = createSurveyTrendsView({
    trends: (grouping, interval, metric, dark, centre) => actions.trends(currentFilter(), grouping, interval, metric, dark, centre),
    notice: actions.notice,
  });
  const importer = createSurveyImportView({
    ...actions.importer,
    imported: () => load(),
    notice: actions.notice,
  });
  const puller = createSurveyPullPanel({ ...actions.pull, imported: () => load(), notice: actions.notice });
  const detailQa = createDetailQa({
    ...actions.detailQa,
    view: (id) => {
      select("scoring");
      scoring.open(id);
    },
    notice: actions.notice,
  });
  detail.root.append(detailQa.root);
  const tabs = createSurveyTabs((next) => select(next));

  function loadQaLists(): void {
    qaLoaded = true;
    actions
      .forms()
      .then((list) => {
        forms = list;
        draw();
      })
      .catch(listFailed);
    actions
      .raters()
      .then((list) => {
        raters = list;
        draw();
      })
      .catch(listFailed);
  }

  function allowedTabs(): SurveyTab[] {
    const allowed: SurveyTab[] = ["queue"];
    if (mayQa()) allowed.push("scoring", "agreement");
    // Every reviewer may see whether surveys arrive from the survey service; only a manager
    // imports a file or pulls on demand.
    allowed.push("trends", "import");
    return allowed;
  }

  function select(next: SurveyTab): void {
    if (!allowedTabs().includes(next)) return;
    const changed = next !== tab;
    tab = next;
    if (changed && next === "trends") trends.refresh();
    if (changed && next === "scoring") scoring.refresh();
    if (changed && next === "agreement") agreement.refresh();
    if (changed && next === "import") puller.refresh();
    draw();
  }

  const queuePanel = h(
    "div",
    "survey-queue",
    {},
    bar,
    exporter.root,
    bulk.root,
    message,
    h("div", "survey-main", {}, h("div", "grid-scroll survey-scroll", {}, table, empty), detail.root),
    tagList.root,
  );
  const panels: Record<SurveyTab, HTMLElement> = {
    queue: tabs.panel("queue", queuePanel),
    scoring: tabs.panel("scoring", scoring.root),
    agreement: tabs.panel("agreement", agreement.root),
    trends: tabs.panel("trends", trends.root),
    import: tabs.panel("import", h("div", "survey-import-tab", {}, puller.root, importer.root)),
  };
  const filterBox = h("div", "survey-filter-box", {}, filters.root, filters.chips);
  const work = h(
    "div",
    "survey-work",
    { "data-testid": "survey-work" },
    tabs.root,
    filterBox,
    ...Object.values(panels),
  );
  const root = h("section", "view surveys-view", { "data-testid": "surveys-view" }, refusal, work);

  function load(): void {
    if (!mayReview()) return;
    loadedOnce = true;
    const ask = ++requested;
    loading = true;
    draw();
    actions
      .page(toFilter(filters.value(), state.timeZone), (sort.value || "need") as SurveySortDto, offset, PAGE_SIZE)
      .then((result) => {
        if (ask !== requested) return;
        page = result;
        failed = null;
        selection.keepOnly(result.rows.map((r) => r.id));
      })
      .catch((error: IpcErrorDto) => {
        if (ask !== requested) return;
        failed = t("surveys.loadFailed", { reason: surveyErrorText(error) });
      })
      .finally(() => {
        if (ask !== requested) return;
        loading = false;
        drawnKey = "";
        draw();
      });
  }

  function openDetail(id: number): void {
    actions
      .detail(id)
      .then((d) => {
        detail.show(d);
        drawnKey = "";
        draw();
      })
      .catch((error: IpcErrorDto) => actions.notice(t("surveys.failed", { reason: surveyErrorText(error) })));
  }

  /** Runs a review action, says how it went, and reloads what shows it. */
  function review(ids: number[], action: SurveyActionDto, bulkAction: boolean): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    return actions
      .review(ids, action)
      .then((n) => {
        actions.notice(t("surveys.changed", { n }));
        if (bulkAction) selection.clear();
        const shown = detail.shownId();
        if (shown !== null && ids.includes(shown)) openDetail(shown);
        load();
      })
      .catch((error: IpcErrorDto) => {
        actions.notice(t("surveys.failed", { reason: surveyErrorText(error) }));
        // The detail shows the survey as it is, not as the refused pick left it.
        const shown = detail.shownId();
        if (shown !== null && ids.includes(shown)) openDetail(shown);
      });
  }

  function loadLists(): void {
    actions
      .tags()
      .then((list) => {
        tags = list;
        drawnKey = "";
        draw();
      })
      .catch((error: IpcErrorDto) => actions.notice(t("surveys.loadFailed", { reason: surveyErrorText(error) })));
    actions
      .people()
      .then((list) => {
        people = list;
        drawnKey = "";
        draw();
      })
      .catch((error: IpcErrorDto) => actions.notice(t("surveys.loadFailed", { reason: surveyErrorText(error) })));
  }

  function row(r: SurveyRowDto): HTMLTableRowElement {
    const check = h("input", "", { type: "checkbox", "data-testid": "survey-select", "aria-label": t("surveys.col.select", { id: r.id }) });
    check.checked = selection.has(r.id);
    check.addEventListener("click", (event) => event.stopPropagation());
    check.addEventListener("change", () => {
      selection.toggle(r.id, check.checked);
      drawnKey = "";
      draw();
    });
    const zone = state.timeZone;
    const tr = h(
      "tr",
      "",
      {
        "data-testid": "survey-row",
        "data-id": String(r.id),
        "data-need": r.need,
        "data-status": r.status,
        "aria-selected": detail.shownId() === r.id ? "true" : "false",
      },
      h("td", "survey-check", {}, check),
      h("td", "survey-need-cell", { "data-col": "need" }, ...needBadges(r)),
      // The year only in the tooltip: the queue is about the last days.
      h("td", "", { "data-col": "time", title: fmtDateTimeIn(r.answeredAtMs, zone) }, fmtDateTimeIn(r.answeredAtMs, zone).slice(5)),
      h("td", "", { "data-col": "site" }, siteName(r.site)),
      h("td", "", { "data-col": "queue" }, r.queue),
      h("td", "", { "data-col": "agent" }, r.agent || "—"),
      h("td", "num", { "data-col": "csat", "data-low": r.lowCsat ? "true" : "false" }, String(r.csat)),
      h("td", "", { "data-col": "nps", "data-group": r.npsGroup ?? "" }, npsText(r)),
      h("td", "", { "data-col": "fcr", title: fcrText(r.fcr) }, fcrText(r.fcr, true)),
      h("td", "survey-excerpt", { "data-col": "comment", title: r.comment ?? "" }, excerpt(r.comment)),
      h("td", "", { "data-col": "tags" }, ...r.tags.map((name) => h("span", "survey-tag small", { "data-tag": name }, tagLabel(name, tags)))),
      h("td", "", { "data-col": "status" }, statusBadge(r.status)),
    );
    tr.addEventListener("click", () => openDetail(r.id));
    return tr;
  }

  /** Draws what changed since the last draw (render runs at every frame). */
  function draw(): void {
    const allowed = mayReview();
    setHidden(refusal, allowed || state.profile === null);
    setHidden(work, !allowed);
    setText(refusal, t("surveys.notPermitted"));
    if (!allowed) return;
    const shownTabs = allowedTabs();
    if (!shownTabs.includes(tab)) tab = "queue";
    tabs.render(shownTabs, tab);
    for (const [name, panel] of Object.entries(panels)) setHidden(panel, name !== tab);
    // The filter is the queue's, and what the export, the sample and the trends take.
    setHidden(filterBox, tab === "agreement" || tab === "import");
    exporter.render(mayExport());
    detailQa.render({ surveyId: detail.shownId(), forms, raters, mayScore: mayScore(), mayManage: mayManage() });
    if (tab === "scoring") scoring.render({ forms, raters, timeZone: state.timeZone, mayManage: mayManage(), matching: page?.total ?? 0 });
    if (tab === "agreement") agreement.render(forms);
    if (tab === "trends") trends.render();
    setHidden(importer.root, !mayManage());
    if (tab === "import") puller.render({ mayManage: mayManage(), timeZone: state.timeZone });
    if (tab === "import" && mayManage()) importer.render();
    const ctx = context();
    filters.render({ frame: state.frame, tags });
    detail.render(ctx);
    bulk.render(selection.size, ctx);
    tagList.render(tags);
    setHidden(tagList.root, !mayManage());
    setText(sortLabel, t("surveys.sort"));
    setOptions(
      sort,
      SORTS.map((s) => [s, t(`surveys.sort.${s}`)] as const),
    );
    setText(prev, t("surveys.prev"));
    setText(next, t("surveys.next"));
    setHidden(message, failed === null);
    setText(message, failed ?? "");

    const key = JSON.stringify([getLocale(), state.timeZone, tags, page, selection.list(), detail.shownId(), loading]);
    if (key === drawnKey) return;
    drawnKey = key;
    COLUMNS.forEach((col, i) => {
      const cell = headCells[i];
      if (cell) setText(cell, t(col));
    });
    setAttr(selectPage, "aria-label", t("surveys.col.selectPage"));
    const rows = page?.rows ?? [];
    const ids = rows.map((r) => r.id);
    const selected = selection.state(ids);
    selectPage.checked = selected === "all";
    selectPage.indeterminate = selected === "some";
    reconcileChildren(tbody, rows.map(row));
    setText(range, loading && !page ? t("surveys.loading") : page ? rangeText(page.offset, rows.length, page.total, page.totalCapped) : "");
    setAttr(root, "aria-busy", loading ? "true" : "false");
    setText(empty, loading && !page ? t("surveys.loading") : t("surveys.empty"));
    setHidden(empty, rows.length > 0);
    prev.disabled = loading || offset === 0;
    next.disabled = loading || !page || !hasNextPage(page.offset, rows.length, page.total, page.totalCapped);
  }

  return {
    root,
    render(next) {
      const firstLook = !loadedOnce && next.profile !== null && next.profile.permissions.includes("reviewSurveys");
      state = next;
      if (firstLook) {
        loadLists();
        load();
      }
      if (!qaLoaded && mayQa()) loadQaLists();
      draw();
    },
    refresh() {
      if (!mayReview()) return;
      loadLists();
      load();
      if (mayQa()) loadQaLists();
      if (tab === "trends") trends.refresh();
      if (tab === "scoring") scoring.refresh();
      if (tab === "import") puller.refresh();
    },
  };
}
