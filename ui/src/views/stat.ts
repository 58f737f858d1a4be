// One labelled metric: label (with its definition as a tooltip), value, and an optional
// status shown three ways at once: colour, a shape (✓ ▲ ✖) and a text chip.

import { h, setAttr, setHidden, setText } from "../dom";
import { fmtCount, fmtDuration } from "../format";
import { age, t } from "../i18n";
import type { FiguresDto } from "../ipc";
import { STATUS_ICON, type Freshness, type Status } from "../status";

/** xl–sm stack label over value; "row" puts label and value on one line. */
export type StatSize = "xl" | "lg" | "md" | "sm" | "row";

export interface StatView {
  root: HTMLElement;
  label: HTMLElement;
  icon: HTMLElement;
  value: HTMLElement;
  chip: HTMLElement | null;
  sub: HTMLElement | null;
}

export interface StatOptions {
  size: StatSize;
  testid?: string;
  /** Reserve a line for a status text chip under the value. */
  chip?: boolean;
  /** Reserve a line for secondary text (e.g. the target) under the value. */
  sub?: boolean;
  className?: string;
}

export function createStat(options: StatOptions): StatView {
  const label = h("div", "stat-label");
  const icon = h("span", "stat-icon", { "aria-hidden": "true" });
  const value = h("span", "stat-num");
  if (options.testid) value.dataset["testid"] = options.testid;
  const valueRow = h("div", "stat-value", {}, icon, value);
  const chip = options.chip ? h("div", "chip") : null;
  const sub = options.sub ? h("div", "stat-sub") : null;
  const root = h("div", `stat stat-${options.size}${options.className ? ` ${options.className}` : ""}`);
  root.append(label, valueRow);
  if (chip) root.append(chip);
  if (sub) root.append(sub);
  return { root, label, icon, value, chip, sub };
}

export interface StatUpdate {
  label: string;
  title: string;
  value: string;
  status?: Status | null;
  /** Text for the status chip; the chip is emptied when there is no status. */
  statusText?: string;
  sub?: string;
}

export function updateStat(view: StatView, update: StatUpdate): void {
  setText(view.label, update.label);
  setAttr(view.label, "title", update.title);
  setText(view.value, update.value);
  const status = update.status ?? null;
  setAttr(view.root, "data-status", status);
  setText(view.icon, status && status !== "ok" ? STATUS_ICON[status] : "");
  setHidden(view.icon, !status || status === "ok");
  if (view.chip) renderChip(view.chip, status, update.statusText ?? "");
  if (view.sub) setText(view.sub, update.sub ?? "");
}

/** A status chip: icon + text, coloured by status; empty (space kept) when no status. */
export function renderChip(chip: HTMLElement, status: Status | null, text: string): void {
  setAttr(chip, "data-status", status);
  setText(chip, status ? `${STATUS_ICON[status]} ${text}` : "");
}

/** A "stale · 42 s" badge; hidden while data is live. */
export function createStaleBadge(): HTMLElement {
  const badge = h("span", "stale-badge", { role: "status" });
  badge.hidden = true;
  return badge;
}

/** Marks `area` stale or live and fills its badge. */
export function renderFreshness(area: HTMLElement, badge: HTMLElement, fresh: Freshness): void {
  setAttr(area, "data-stale", fresh.stale ? "true" : null);
  setHidden(badge, !fresh.stale);
  if (!fresh.stale) return;
  setText(badge, fresh.ageMs === null ? t("stale.noData") : t("stale.badge", { age: age(fresh.ageMs) }));
  setAttr(badge, "title", t("stale.title"));
}

/** The "waiting" and "longest wait" pair every scope shows, with the wait's status. */
export function updateWaitStats(
  waiting: StatView,
  longest: StatView,
  figures: FiguresDto,
  waitState: Status | null,
): void {
  updateStat(waiting, { label: t("m.waiting"), title: t("def.waiting"), value: fmtCount(figures.waiting) });
  updateStat(longest, {
    label: t("m.longestWait"),
    title: t("def.longestWait"),
    value: fmtDuration(figures.longestWaitMs),
    status: waitState,
    statusText: waitState === "crit" ? t("status.waitCrit") : t("status.waitWarn"),
  });
}
