// Blind QA scoring and agreement, pure: a round's progress and whose turn it is, a sheet's
// values and whether it is complete, spreads and alpha in words, the reading bands of alpha,
// a form from the editor, and the sample's seed. No DOM; the scoring views use these.

import { DASH, fmtGrouped } from "./format";
import { getLocale, t } from "./i18n";
import type { FormItemDto, ItemAgreementDto, ItemSpreadDto, RoundViewDto, ScoringFormDto, SheetValueDto } from "./ipc";

/** A round needs at least this many raters (fw-survey's MIN_RATERS). */
export const MIN_RATERS = 3;
/** Alpha from here is good agreement; from TENTATIVE_ALPHA tentative (Krippendorff 2004). */
export const GOOD_ALPHA = 0.8;
export const TENTATIVE_ALPHA = 0.667;
/** A form has at most this many items, scales end at MAX_SCALE (fw-survey's rules). */
export const MAX_FORM_ITEMS = 30;
export const MAX_SCALE = 100;

/** An item's label in the current language (the other when one is missing). */
export function itemLabel(item: { labelEn: string; labelZh: string; key: string }): string {
  const [first, second] = getLocale() === "zh-CN" ? [item.labelZh, item.labelEn] : [item.labelEn, item.labelZh];
  return first.trim() || second.trim() || item.key;
}

/** "2 of 3 scored". */
export function progressText(round: RoundViewDto): string {
  return t("surveys.qa.progress", { done: round.scoredBy.length, of: round.raters.length });
}

export type RoundState = "yourTurn" | "waitingOthers" | "complete" | "following";

/** Where a round stands for this viewer. */
export function roundState(round: RoundViewDto): RoundState {
  if (round.complete) return "complete";
  if (round.awaitingMe) return "yourTurn";
  return round.isRater ? "waitingOthers" : "following";
}

/** The values a sheet form holds, keyed by item; absent: not scored yet. */
export type SheetDraft = Record<string, number | undefined>;

/** The sheet to hand in, in the form's order, or the first item not scored (or off its scale). */
export function sheetValues(items: readonly FormItemDto[], draft: SheetDraft): { values: SheetValueDto[] } | { missing: FormItemDto } {
  const values: SheetValueDto[] = [];
  for (const item of items) {
    const value = draft[item.key];
    if (value === undefined || !Number.isInteger(value) || value < item.min || value > item.max) return { missing: item };
    values.push({ key: item.key, value });
  }
  return { values };
}

/** The score `rater` gave `key` on the sheets the viewer may read. */
export function scoreOf(round: RoundViewDto, rater: string, key: string): number | null {
  const sheet = round.sheets.find((s) => s.rater === rater);
  return sheet?.values.find((v) => v.key === key)?.value ?? null;
}

/** "3.0 (2–4, sd 0.82)": a spread in one line. */
export function spreadText(spread: ItemSpreadDto | null): string {
  if (spread === null) return DASH;
  const range = spread.min === spread.max ? String(spread.min) : `${spread.min}–${spread.max}`;
  return t("surveys.qa.spreadText", { mean: spread.mean.toFixed(1), range, sd: spread.stdDev.toFixed(2) });
}

export type AlphaBand = "good" | "tentative" | "calibrate" | "none";

/** How to read an alpha: good from 0.8, tentative from 0.667, else calibrate. */
export function alphaBand(alpha: number | null): AlphaBand {
  if (alpha === null) return "none";
  if (alpha >= GOOD_ALPHA) return "good";
  return alpha >= TENTATIVE_ALPHA ? "tentative" : "calibrate";
}

/** A shape per band, so it never rests on colour. */
export const BAND_ICONS: Record<AlphaBand, string> = { good: "✓", tentative: "~", calibrate: "!", none: "–" };

export function alphaText(item: ItemAgreementDto): string {
  return item.alpha === null ? DASH : item.alpha.toFixed(3);
}

/** Whether a form's agreement rests on enough data to read: two complete rounds at least,
 * and some item with an alpha. */
export function enoughAgreement(roundsComplete: number, items: readonly ItemAgreementDto[]): boolean {
  return roundsComplete >= 2 && items.some((item) => item.alpha !== null);
}

/** A draft item of the form editor. */
export interface ItemDraft {
  key: string;
  labelEn: string;
  labelZh: string;
  min: string;
  max: string;
  metric: FormItemDto["metric"];
}

export function emptyItem(): ItemDraft {
  return { key: "", labelEn: "", labelZh: "", min: "1", max: "5", metric: "ordinal" };
}

/** The form to save, or the first problem in words (the backend checks again). */
export function formFromDraft(name: string, items: readonly ItemDraft[]): { form: ScoringFormDto } | { problem: string } {
  if (name.trim() === "") return { problem: t("surveys.form.problem.name") };
  if (items.length === 0) return { problem: t("surveys.form.problem.noItems") };
  if (items.length > MAX_FORM_ITEMS) return { problem: t("surveys.form.problem.tooMany", { max: MAX_FORM_ITEMS }) };
  const keys = new Set<string>();
  const out: FormItemDto[] = [];
  for (const [i, item] of items.entries()) {
    const key = item.key.trim();
    const position = i + 1;
    if (!/^[a-z0-9_]{1,40}$/.test(key)) return { problem: t("surveys.form.problem.key", { n: position }) };
    if (keys.has(key)) return { problem: t("surveys.form.problem.duplicate", { key }) };
    keys.add(key);
    if (item.labelEn.trim() === "" || item.labelZh.trim() === "") return { problem: t("surveys.form.problem.labels", { key }) };
    const min = Number(item.min);
    const max = Number(item.max);
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || min >= max || max > MAX_SCALE)
      return { problem: t("surveys.form.problem.scale", { key, top: MAX_SCALE }) };
    out.push({ key, labelEn: item.labelEn.trim(), labelZh: item.labelZh.trim(), min, max, metric: item.metric });
  }
  return { form: { id: 0, name: name.trim(), items: out } };
}

/** A seed the user can read and type back: a whole number below 10⁹. */
export function newSeed(random: () => number = Math.random): number {
  return Math.floor(random() * 1_000_000_000);
}

/** About how many calls a sample of `perMille` ‰ draws from `pool` candidates (at least one). */
export function expectedSample(pool: number, perMille: number): number {
  if (pool <= 0) return 0;
  return Math.max(1, Math.round((pool * Math.min(perMille, 1000)) / 1000));
}

/** Candidates a sample is drawn from: the newest matching surveys, at most this many (fw-app). */
export const SAMPLE_POOL = 500;

export function sampleHint(total: number, perMille: number): string {
  const pool = Math.min(total, SAMPLE_POOL);
  return t("surveys.qa.sampleHint", { n: fmtGrouped(expectedSample(pool, perMille)), pool: fmtGrouped(pool) });
}
