// Post-call survey review, pure: the filter form and its chips, why a survey is in the
// queue, paging text, the selection, the agent's mean, tag labels and refusals in words. No
// DOM; the survey views use these.

import { DASH, dayStartIn, fmtGrouped, nextDate } from "./format";
import { getLocale, hasMessage, siteName, t, type MessageKey } from "./i18n";
import type {
  IpcErrorDto,
  NpsGroupDto,
  ReviewStatusDto,
  SurveyFilterDto,
  SurveyRowDto,
  SurveySortDto,
  SurveyTagDto,
} from "./ipc";

/** Rows per page of the review queue. */
export const PAGE_SIZE = 50;
/** How long typing waits before the queue is asked again. */
export const DEBOUNCE_MS = 300;
/** Characters of a comment shown in the queue. */
export const EXCERPT_CHARS = 24;

export const SORTS: readonly SurveySortDto[] = ["need", "newest", "oldest", "csatAscending", "npsAscending"];
export const STATUSES: readonly ReviewStatusDto[] = ["new", "inReview", "followUp", "closed"];
export const NPS_GROUPS: readonly NpsGroupDto[] = ["detractor", "passive", "promoter"];

/** What the filter form holds, as typed or picked (empty: any). */
export interface FilterForm {
  /** Calendar days in the centre's time zone, YYYY-MM-DD; both inclusive. */
  from: string;
  to: string;
  site: string;
  queue: string;
  agent: string;
  csatMin: string;
  csatMax: string;
  npsMin: string;
  npsMax: string;
  npsGroup: "" | NpsGroupDto;
  fcr: "" | "yes" | "no";
  hasComment: "" | "yes" | "no";
  reviewed: "" | "yes" | "no";
  status: "" | ReviewStatusDto;
  tag: string;
  text: string;
}

export type FilterKey = keyof FilterForm;

export const EMPTY_FORM: Readonly<FilterForm> = {
  from: "",
  to: "",
  site: "",
  queue: "",
  agent: "",
  csatMin: "",
  csatMax: "",
  npsMin: "",
  npsMax: "",
  npsGroup: "",
  fcr: "",
  hasComment: "",
  reviewed: "",
  status: "",
  tag: "",
  text: "",
};

/** The form's fields in the order the chips show them. */
export const FILTER_KEYS = Object.keys(EMPTY_FORM) as FilterKey[];

function score(value: string, top: number): number | undefined {
  if (value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= top ? n : undefined;
}

function yesNo(value: "" | "yes" | "no"): boolean | undefined {
  return value === "" ? undefined : value === "yes";
}

/** The backend's filter for the form; days are cut in the centre's time zone ("to" is the
 * whole day). */
export function toFilter(form: FilterForm, timeZone?: string | null): SurveyFilterDto {
  const filter: SurveyFilterDto = {};
  const from = dayStartIn(form.from, timeZone);
  const to = form.to ? dayStartIn(nextDate(form.to), timeZone) : null;
  if (from !== null) filter.fromMs = from;
  if (to !== null) filter.toMs = to;
  const text = (value: string) => (value.trim() === "" ? undefined : value.trim());
  const fields: Partial<SurveyFilterDto> = {
    site: text(form.site),
    queue: text(form.queue),
    agent: text(form.agent),
    csatMin: score(form.csatMin, 5),
    csatMax: score(form.csatMax, 5),
    npsMin: score(form.npsMin, 10),
    npsMax: score(form.npsMax, 10),
    npsGroup: form.npsGroup || undefined,
    fcr: yesNo(form.fcr),
    hasComment: yesNo(form.hasComment),
    reviewed: yesNo(form.reviewed),
    status: form.status || undefined,
    tag: text(form.tag),
    text: text(form.text),
  };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(filter, { [key]: value });
  return filter;
}

/** A tag's label in the current language; a tag the list does not know shows its key. */
export function tagLabel(name: string, tags: readonly SurveyTagDto[]): string {
  const tag = tags.find((x) => x.name === name);
  if (!tag) return name;
  return getLocale() === "zh-CN" ? tag.labelZh || tag.labelEn : tag.labelEn || tag.labelZh;
}

export function statusText(status: ReviewStatusDto): string {
  return t(`surveys.status.${status}`);
}

/** A shape for each status, so it never rests on colour. */
export const STATUS_ICONS: Record<ReviewStatusDto, string> = { new: "●", inReview: "◐", followUp: "↻", closed: "✓" };

export function groupText(group: NpsGroupDto): string {
  return t(`surveys.group.${group}`);
}

/** The label of a value the form holds, as a chip words it. */
function valueText(key: FilterKey, value: string, tags: readonly SurveyTagDto[]): string {
  switch (key) {
    case "site":
      return siteName(value);
    case "npsGroup":
      return groupText(value as NpsGroupDto);
    case "status":
      return statusText(value as ReviewStatusDto);
    case "tag":
      return tagLabel(value, tags);
    case "fcr":
      return value === "yes" ? t("surveys.fcr.yes") : t("surveys.fcr.no");
    case "hasComment":
      return value === "yes" ? t("surveys.filter.withComment") : t("surveys.filter.withoutComment");
    case "reviewed":
      return value === "yes" ? t("surveys.filter.wasReviewed") : t("surveys.filter.notReviewed");
    default:
      return value.trim();
  }
}

const CHIP_TEMPLATES: Partial<Record<FilterKey, MessageKey>> = {
  from: "surveys.chip.from",
  to: "surveys.chip.to",
  csatMin: "surveys.chip.csatMin",
  csatMax: "surveys.chip.csatMax",
  npsMin: "surveys.chip.npsMin",
  npsMax: "surveys.chip.npsMax",
  text: "surveys.chip.text",
};

export interface Chip {
  key: FilterKey;
  text: string;
}

/** One removable chip per filter in use, in the form's order. */
export function filterChips(form: FilterForm, tags: readonly SurveyTagDto[]): Chip[] {
  const chips: Chip[] = [];
  for (const key of FILTER_KEYS) {
    const value = form[key];
    if (value.trim() === "") continue;
    const template = CHIP_TEMPLATES[key];
    const shown = valueText(key, value, tags);
    chips.push({
      key,
      text: template ? t(template, { value: shown }) : t("surveys.chip.field", { label: t(`surveys.filter.${key}`), value: shown }),
    });
  }
  return chips;
}

/** The form without the filter `key`. */
export function withoutFilter(form: FilterForm, key: FilterKey): FilterForm {
  return { ...form, [key]: "" };
}

export type NeedReason = "detractor" | "lowCsat" | "commented";
export const NEED_ICONS: Record<NeedReason, string> = { detractor: "▼", lowCsat: "☹", commented: "✎" };

/** Why a survey is where it is in the queue: every reason that applies, the worst first. */
export function needReasons(row: SurveyRowDto): NeedReason[] {
  const reasons: NeedReason[] = [];
  if (row.npsGroup === "detractor") reasons.push("detractor");
  if (row.lowCsat) reasons.push("lowCsat");
  if (reasons.length === 0 && row.need === "commented") reasons.push("commented");
  return reasons;
}

/** The first `max` characters of a comment on one line, with an ellipsis when cut. */
export function excerpt(comment: string | null, max = EXCERPT_CHARS): string {
  const flat = (comment ?? "").replace(/\s+/g, " ").trim();
  if (flat === "") return DASH;
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max).join("").trimEnd()}…`;
}

/** "1–50 of 10,000+": where this page sits in what matches. */
export function rangeText(offset: number, rows: number, total: number, capped: boolean): string {
  if (rows === 0) return t("surveys.rangeNone", { total: fmtGrouped(total) });
  // Past a capped count the page itself proves there are at least this many.
  const known = capped ? Math.max(total, offset + rows) : total;
  const params = { from: fmtGrouped(offset + 1), to: fmtGrouped(offset + rows), total: fmtGrouped(known) };
  return capped ? t("surveys.rangeCapped", params) : t("surveys.range", params);
}

/** Whether a next page may exist: by the count, or (past a capped count) by a full page. */
export function hasNextPage(offset: number, rows: number, total: number, capped: boolean): boolean {
  return offset + rows < total || (capped && rows === PAGE_SIZE);
}

/** The agent's mean CSAT over `rows`, and how many; null mean for none. */
export function meanCsat(rows: readonly SurveyRowDto[]): { mean: number | null; n: number } {
  if (rows.length === 0) return { mean: null, n: 0 };
  return { mean: rows.reduce((sum, r) => sum + r.csat, 0) / rows.length, n: rows.length };
}

export function fmtMean(mean: number | null): string {
  return mean === null ? DASH : mean.toFixed(1);
}

/** A follow-up due before `nowMs` on a survey not yet closed. */
export function isOverdue(row: SurveyRowDto, nowMs: number): boolean {
  return row.followUpDueMs !== null && row.followUpDueMs < nowMs && row.status !== "closed";
}

/** The last instant of the calendar day `date` in the centre's zone: a follow-up "due on the
 * 16th" is due until that day ends. Null when `date` is not a date. */
export function dueAt(date: string, timeZone?: string | null): number | null {
  if (date.trim() === "") return null;
  const next = dayStartIn(nextDate(date), timeZone);
  return next === null ? null : next - 1;
}

/** Selected survey ids: kept across the page's reloads only while the rows are still there. */
export class Selection {
  private readonly ids = new Set<number>();

  has(id: number): boolean {
    return this.ids.has(id);
  }

  get size(): number {
    return this.ids.size;
  }

  toggle(id: number, on = !this.ids.has(id)): void {
    if (on) this.ids.add(id);
    else this.ids.delete(id);
  }

  /** Selects every id, or clears them all when every one is selected already. */
  toggleAll(ids: readonly number[]): void {
    const all = ids.length > 0 && ids.every((id) => this.ids.has(id));
    for (const id of ids) this.toggle(id, !all);
  }

  /** Whether none, some or all of `ids` are selected. */
  state(ids: readonly number[]): "none" | "some" | "all" {
    const n = ids.filter((id) => this.ids.has(id)).length;
    return n === 0 ? "none" : n === ids.length ? "all" : "some";
  }

  /** Drops the ids not among `ids` (rows that left the page). */
  keepOnly(ids: readonly number[]): void {
    const keep = new Set(ids);
    for (const id of [...this.ids]) if (!keep.has(id)) this.ids.delete(id);
  }

  clear(): void {
    this.ids.clear();
  }

  list(): number[] {
    return [...this.ids].sort((a, b) => a - b);
  }
}

/** A refusal in words: what the code means, then the backend's cause. */
export function surveyErrorText(error: IpcErrorDto): string {
  const key = `surveys.err.${error.code}`;
  const reason = hasMessage(key) ? t(key) : t("surveys.err.other");
  return error.message ? `${reason} (${error.message})` : reason;
}

/** Calls `run` once input has paused for `ms`; `flush` runs a pending call now. */
export function debounce(run: () => void, ms = DEBOUNCE_MS): { schedule(): void; flush(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return {
    schedule() {
      cancel();
      timer = setTimeout(() => {
        timer = undefined;
        run();
      }, ms);
    },
    flush() {
      if (timer === undefined) return;
      cancel();
      run();
    },
    cancel,
  };
}
