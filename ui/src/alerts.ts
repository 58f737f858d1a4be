// Pure alert-centre logic: how an alert reads, and the rule form's values to and from the
// backend's AlertRules. No DOM here, so vitest covers it.

import { fmtDuration, fmtPct } from "./format";
import { t, type MessageKey } from "./i18n";
import type { AlertDto, AlertKindDto, AlertRules, QueueRules } from "./ipc";

/** The kind's title key, e.g. "alert.kind.serviceLevelLow". */
export function kindKey(kind: AlertKindDto): MessageKey {
  return `alert.kind.${kind}` as MessageKey;
}

/** How serious a kind is: the link and no-agent alerts stop the floor. */
export function severity(kind: AlertKindDto): "critical" | "warning" {
  return kind === "linkLost" || kind === "noAgentAvailable" ? "critical" : "warning";
}

function valueOf(kind: AlertKindDto, value: number): string {
  switch (kind) {
    case "serviceLevelLow":
    case "abandonRateHigh":
      return fmtPct(value);
    case "longestWaitHigh":
    case "agentStateTooLong":
    case "linkLost":
      return fmtDuration(value * 1000);
    case "noAgentAvailable":
      return String(Math.round(value));
  }
}

/** "62.5 % (limit 80 %)" in the kind's unit; the no-agent alert has no limit to show. */
export function valueText(alert: Pick<AlertDto, "kind" | "value" | "threshold">): string {
  const now = valueOf(alert.kind, alert.value);
  if (alert.kind === "noAgentAvailable") return t("alert.waiting", { n: now });
  return t("alert.valueLimit", { value: now, limit: valueOf(alert.kind, alert.threshold) });
}

/** Active alerts in the order a supervisor deals with them: unacknowledged first, then the
 * critical ones, then the oldest. */
export function sortActive(alerts: readonly AlertDto[]): AlertDto[] {
  return [...alerts].sort(
    (a, b) =>
      Number(a.acknowledgedBy !== null) - Number(b.acknowledgedBy !== null) ||
      Number(severity(a.kind) !== "critical") - Number(severity(b.kind) !== "critical") ||
      a.raisedAtMs - b.raisedAtMs,
  );
}

/** Rules with every queue rule switched off: the starting point of a queue's own rules. */
export const NO_QUEUE_RULES: QueueRules = { serviceLevel: null, longestWait: null, abandonRate: null, noAgent: null };

/** The rules that apply to `queue` (`null`: the default for every queue). */
export function queueRulesFor(rules: AlertRules, queue: string | null): QueueRules {
  return (queue !== null ? rules.queues[queue] : undefined) ?? rules.queuesDefault;
}

/** `rules` with `queue`'s rules (or the default's, for `null`) replaced; `own: false` removes
 * a queue's own rules so it follows the default again. */
export function withQueueRules(rules: AlertRules, queue: string | null, next: QueueRules, own = true): AlertRules {
  if (queue === null) return { ...rules, queuesDefault: next };
  const queues = { ...rules.queues };
  if (own) queues[queue] = next;
  else delete queues[queue];
  return { ...rules, queues };
}

/** A whole number from a form field within [min, max], or a message key saying what is wrong. */
export function wholeNumber(text: string, min: number, max: number): number | { problem: MessageKey } {
  const value = Number(text.trim());
  if (text.trim() === "" || !Number.isInteger(value)) return { problem: "rules.problem.whole" };
  if (value < min || value > max) return { problem: "rules.problem.range" };
  return value;
}
