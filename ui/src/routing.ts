// Disaster-mode routing, pure: how a mode is worded, what the form asks for, and whether a
// request is ready to send. No DOM; the view and the banner use these.

import { fmtClockShort } from "./format";
import { siteName, t } from "./i18n";
import type { ActiveModeDto, RoutingModeDto, RoutingPolicyDto, RoutingRequestDto, RoutingScopeDto } from "./ipc";

/** The fewest characters a reason may have (the backend checks it too). */
export const MIN_REASON_CHARS = 5;
export const MAX_REASON_CHARS = 500;

export type ModeKind = RoutingModeDto["kind"];
export const MODE_KINDS: readonly ModeKind[] = ["siteFailover", "emergencyClosure", "regionalPriority", "nightMode"];

/** Reverts offered in the form, in minutes (0: none). */
export const REVERT_CHOICES: readonly number[] = [0, 15, 30, 60, 120, 240, 480, 720, 1440];

/** Characters, not UTF-16 units: "台风断电停运" is six. */
export function reasonLength(reason: string): number {
  return [...reason.trim()].length;
}

/** Why the reason cannot go yet, or null when it can. */
export function reasonProblem(reason: string): string | null {
  const n = reasonLength(reason);
  if (n === 0) return t("routing.reasonMissing", { min: MIN_REASON_CHARS });
  if (n < MIN_REASON_CHARS) return t("routing.reasonShort", { n, min: MIN_REASON_CHARS });
  if (n > MAX_REASON_CHARS) return t("routing.reasonLong", { n, max: MAX_REASON_CHARS });
  return null;
}

/** Regions as typed: separated by commas, 、, semicolons or spaces; blanks dropped. */
export function parseRegions(text: string): string[] {
  return text
    .split(/[,，、;；\s]+/)
    .map((r) => r.trim())
    .filter((r) => r.length > 0);
}

/** Whether turning `mode` on waits for a second supervisor under the team's policy (a queue
 * alone never does). The backend decides again when the request arrives. */
export function needsApproval(mode: RoutingModeDto, policy: RoutingPolicyDto | null | undefined): boolean {
  if (!policy) return false;
  if (isCentreWide(mode)) return policy.secondApproverForCentre;
  const onASite = mode.kind === "siteFailover" || (mode.kind !== "regionalPriority" && mode.scope.kind === "site");
  return onASite && policy.secondApproverForSites;
}

/** Centre-wide modes: regional priority reorders every queue, so it counts as one. */
export function isCentreWide(mode: RoutingModeDto): boolean {
  switch (mode.kind) {
    case "siteFailover":
      return false;
    case "regionalPriority":
      return true;
    case "emergencyClosure":
    case "nightMode":
      return mode.scope.kind === "centre";
  }
}

export interface Names {
  site(id: number): string | undefined;
  queue(id: number): string | undefined;
}

function scopeText(scope: RoutingScopeDto, names: Names): string {
  switch (scope.kind) {
    case "centre":
      return t("routing.scopeCentre");
    case "site":
      return t("routing.scopeSite", { name: siteName(names.site(scope.id) ?? `#${scope.id}`) });
    case "queue":
      return t("routing.scopeQueue", { name: names.queue(scope.id) ?? `#${scope.id}` });
  }
}

/** "Site failover · East", "紧急关闭 · 队列 east.phones". */
export function modeText(mode: RoutingModeDto, names: Names): string {
  const kind = t(`routing.kind.${mode.kind}`);
  switch (mode.kind) {
    case "siteFailover":
      return `${kind} · ${scopeText({ kind: "site", id: mode.site }, names)}`;
    case "emergencyClosure":
    case "nightMode":
      return `${kind} · ${scopeText(mode.scope, names)}`;
    case "regionalPriority":
      return `${kind} · ${mode.regions.join(t("routing.listSeparator"))}${mode.waiveFees ? ` · ${t("routing.feesWaived")}` : ""}`;
  }
}

/** "by 赵敏 at 10:32 · reverts at 12:00 (in 1 h 28 min)" */
export function modeFacts(mode: ActiveModeDto, nowMs: number): string {
  const parts = [t("routing.by", { user: mode.activatedBy, time: fmtClockShort(mode.activatedAtMs) })];
  if (mode.approvedBy) parts.push(t("routing.approvedBy", { user: mode.approvedBy }));
  if (mode.revertAtMs !== null) {
    parts.push(t("routing.revertsAt", { time: fmtClockShort(mode.revertAtMs), left: untilText(mode.revertAtMs - nowMs) }));
  } else {
    parts.push(t("routing.noRevert"));
  }
  return parts.join(" · ");
}

/** A countdown: "1 h 05 min", "4 min", "<1 min". */
export function untilText(ms: number): string {
  const mins = Math.floor(Math.max(0, ms) / 60_000);
  if (mins < 1) return t("routing.lessThanMinute");
  const h = Math.floor(mins / 60);
  const m = mins % 60;
  return h > 0 ? t("routing.hoursMinutes", { h, m: m < 10 ? `0${m}` : m }) : t("routing.minutes", { m });
}

/** What the form holds. */
export interface ModeForm {
  kind: ModeKind;
  /** "centre", "site:<id>" or "queue:<id>". */
  scope: string;
  site: number | null;
  regions: string;
  waiveFees: boolean;
  revertMinutes: number;
}

function scopeOf(value: string): RoutingScopeDto | null {
  if (value === "centre") return { kind: "centre" };
  const [kind, raw] = value.split(":");
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 0) return null;
  if (kind === "site") return { kind: "site", id };
  if (kind === "queue") return { kind: "queue", id };
  return null;
}

/** The mode the form describes, or null while it is incomplete. */
export function formMode(form: ModeForm): RoutingModeDto | null {
  switch (form.kind) {
    case "siteFailover":
      return form.site === null ? null : { kind: "siteFailover", site: form.site };
    case "regionalPriority": {
      const regions = parseRegions(form.regions);
      return regions.length === 0 ? null : { kind: "regionalPriority", regions, waiveFees: form.waiveFees };
    }
    case "emergencyClosure":
    case "nightMode": {
      const scope = scopeOf(form.scope);
      return scope ? { kind: form.kind, scope } : null;
    }
  }
}

/** The activation to send once the lead has seen the preview and typed a reason. */
export function activation(
  mode: RoutingModeDto,
  reason: string,
  revertMinutes: number,
  nowMs: number,
): RoutingRequestDto {
  return {
    kind: "activate",
    mode,
    reason: reason.trim(),
    revertAtMs: revertMinutes > 0 ? nowMs + revertMinutes * 60_000 : null,
  };
}

/** Two modes are the same request (the preview shown is still the one to confirm). */
export function sameMode(a: RoutingModeDto | null, b: RoutingModeDto | null): boolean {
  return a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);
}
