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
  SurveyActionDto,
  SurveyDetailDto,
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
import { createSurveyBulk } from "./surveyBulk";
import { createSurveyDetail, fcrText, needBadges, npsText, statusBadge, type SurveyContext } from "./surveyDetail";
import { createSurveyFilters } from "./surveyFilters";
import { createSurveyTagList } from "./surveyTagList";

export interface SurveyActions {
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

  const work = h(
    "div",
    "survey-work",
    { "data-testid": "survey-work" },
    filters.root,
    filters.chips,
    bar,
    bulk.root,
    message,
    h("div", "survey-main", {}, h("div", "grid-scroll survey-scroll", {}, table, empty), detail.root),
    tagList.root,
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
      draw();
    },
    refresh() {
      if (!mayReview()) return;
      loadLists();
      load();
    },
  };
}
