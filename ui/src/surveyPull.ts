// The survey service pull in words, pure: what a pull did (its outcome and counts), who asked
// for it, what the pull is doing now, and which report is the newest. No DOM; the survey
// service panel uses these.

import { fmtGrouped } from "./format";
import { t, type MessageKey } from "./i18n";
import type { PullReportDto, PullStateDto, PullTriggerDto } from "./ipc";

/** How often the panel asks the backend for the pull's state while it is on screen. */
export const PULL_REFRESH_MS = 15_000;

export type PullOutcome = "stored" | "nothingNew" | "heldBack" | "stoppedEarly" | "failed";

/** What became of a pull. A bad item holds back everything (fw-app's rule), so it outranks an
 * error; an error after some pages still leaves what arrived before it stored. */
export function pullOutcome(report: PullReportDto): PullOutcome {
  if (report.totalProblems > 0) return "heldBack";
  if (report.error !== null) return report.stored > 0 ? "stoppedEarly" : "failed";
  return report.stored > 0 ? "stored" : "nothingNew";
}

const OUTCOME_KEYS: Record<PullOutcome, MessageKey> = {
  stored: "surveys.pull.outcome.stored",
  nothingNew: "surveys.pull.outcome.nothingNew",
  heldBack: "surveys.pull.outcome.heldBack",
  stoppedEarly: "surveys.pull.outcome.stoppedEarly",
  failed: "surveys.pull.outcome.failed",
};

/** The pull's headline, in the current language. */
export function pullHeadline(report: PullReportDto): string {
  return t(OUTCOME_KEYS[pullOutcome(report)], {
    stored: fmtGrouped(report.stored),
    received: fmtGrouped(report.received),
    duplicates: fmtGrouped(report.duplicates),
    problems: fmtGrouped(report.totalProblems),
  });
}

/** "Received 120 · Stored 117 · Already stored 3 · Pages 2 · Retries 1". */
export function pullCounts(report: PullReportDto): string {
  return t("surveys.pull.counts", {
    received: fmtGrouped(report.received),
    stored: fmtGrouped(report.stored),
    duplicates: fmtGrouped(report.duplicates),
    pages: fmtGrouped(report.pages),
    retries: fmtGrouped(report.retries),
  });
}

/** "scheduled" or "pulled by Wang Fang". */
export function pullWho(trigger: PullTriggerDto): string {
  return trigger.kind === "scheduled" ? t("surveys.pull.scheduled") : t("surveys.pull.byUser", { name: trigger.displayName || trigger.name });
}

/** What the pull is doing now, in words. */
export function pullStateText(state: PullStateDto): string {
  switch (state.kind) {
    case "idle":
      return t("surveys.pull.state.idle");
    case "pulling":
      return t("surveys.pull.state.pulling");
    case "unavailable":
      return t("surveys.pull.state.unavailable", { reason: state.reason });
  }
}

/** "every 5 minutes" / "every minute". */
export function everyText(minutes: number): string {
  return minutes === 1 ? t("surveys.pull.everyMinute") : t("surveys.pull.every", { n: fmtGrouped(minutes) });
}

/** The newer of two reports (the status's last one and the one a "Pull now" returned): the
 * status is asked for again after a pull, but may still be on its way. */
export function newestReport(a: PullReportDto | null, b: PullReportDto | null): PullReportDto | null {
  if (a === null) return b;
  if (b === null) return a;
  return b.finishedAtMs > a.finishedAtMs ? b : a;
}
