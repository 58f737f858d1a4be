// The survey service on the Import tab: whether one is configured (and how to configure it
// when not), where the console pulls from and how often, what the pull is doing, what the
// last pull did (counts, the error, the items it could not read) and when one last
// succeeded, and "Pull now" for whoever manages survey data. The backend pulls on its own
// schedule, so the panel asks for the state again while it is on screen.

import { h, setAttr, setHidden, setText } from "../dom";
import { fmtDateTimeIn, fmtGrouped } from "../format";
import { t } from "../i18n";
import type { IpcErrorDto, PullReportDto, SurveyPullStatusDto } from "../ipc";
import { listedOf } from "../surveyImport";
import { PULL_REFRESH_MS, everyText, newestReport, pullCounts, pullHeadline, pullOutcome, pullStateText, pullWho } from "../surveyPull";
import { surveyErrorText } from "../surveys";

export interface SurveyPullActions {
  status(): Promise<SurveyPullStatusDto | null>;
  pullNow(): Promise<PullReportDto>;
  /** Surveys were stored: the queue should be asked again. */
  imported(): void;
  notice(text: string): void;
}

export interface SurveyPullContext {
  mayManage: boolean;
  /** The centre's time zone, for the pull times. */
  timeZone: string | null;
}

export interface SurveyPullPanel {
  root: HTMLElement;
  render(context: SurveyPullContext): void;
  /** Asks for the state now and keeps asking every PULL_REFRESH_MS while the panel shows. */
  refresh(): void;
}

export function createSurveyPullPanel(actions: SurveyPullActions): SurveyPullPanel {
  // undefined: not asked yet; null: no service configured.
  let status: SurveyPullStatusDto | null | undefined;
  let pulled: PullReportDto | null = null;
  let outcome: { text: string; kind: string } | null = null;
  let loadFailed: string | null = null;
  let pulling = false;
  let asked = 0;
  let timer: number | undefined;
  let context: SurveyPullContext = { mayManage: false, timeZone: null };

  const title = h("h3", "survey-panel-title");
  const loading = h("p", "muted", { role: "status" });
  const none = h("p", "survey-pull-none", { "data-testid": "survey-pull-none" });
  const failed = h("p", "notice-inline", { role: "alert", "data-testid": "survey-pull-failed" });

  const urlLabel = h("dt");
  const url = h("dd", "mono", { "data-testid": "survey-pull-url" });
  const everyLabel = h("dt");
  const every = h("dd", "", { "data-testid": "survey-pull-every" });
  const stateLabel = h("dt");
  const state = h("dd", "", { "data-testid": "survey-pull-state", "aria-live": "polite" });
  const successLabel = h("dt");
  const success = h("dd", "", { "data-testid": "survey-pull-success" });
  const facts = h("dl", "survey-pull-facts", {}, urlLabel, url, everyLabel, every, stateLabel, state, successLabel, success);

  const lastTitle = h("h4", "survey-detail-heading");
  const lastWhen = h("p", "", { "data-testid": "survey-pull-last-when" });
  const lastOutcome = h("p", "survey-result", { "data-testid": "survey-pull-last-outcome" });
  const lastCounts = h("p", "", { "data-testid": "survey-pull-last-counts" });
  const lastError = h("p", "survey-warning", { "data-testid": "survey-pull-error" });
  const lastNone = h("p", "muted", { "data-testid": "survey-pull-last-none" });
  const problemsTitle = h("h4", "survey-detail-heading");
  const problemsNote = h("p", "muted", { "data-testid": "survey-pull-problems-note" });
  const problemsHead = h("tr");
  const problemsBody = h("tbody");
  const problemsBox = h(
    "div",
    "",
    {},
    problemsTitle,
    problemsNote,
    h("div", "grid-scroll survey-report-scroll", {}, h("table", "grid", { "data-testid": "survey-pull-problems" }, h("thead", "", {}, problemsHead), problemsBody)),
  );
  const last = h("div", "survey-pull-last", { "data-testid": "survey-pull-last" }, lastTitle, lastNone, lastWhen, lastOutcome, lastCounts, lastError, problemsBox);

  const now = h("button", "button", { type: "button", "data-testid": "survey-pull-now" });
  const result = h("p", "survey-result", { role: "status", "data-testid": "survey-pull-result" });
  const configured = h("div", "survey-pull-body", {}, facts, h("div", "survey-inline", {}, now, result), last);

  const root = h("section", "survey-pull", { "data-testid": "survey-pull", "aria-labelledby": "survey-pull-title" }, title, loading, none, failed, configured);
  title.id = "survey-pull-title";

  function ask(): void {
    const mine = ++asked;
    actions
      .status()
      .then((next) => {
        if (mine !== asked) return;
        status = next;
        loadFailed = null;
      })
      .catch((error: IpcErrorDto) => {
        if (mine !== asked) return;
        loadFailed = t("surveys.pull.loadFailed", { reason: surveyErrorText(error) });
      })
      .finally(() => {
        if (mine === asked) draw();
      });
  }

  /** Shown: attached, not inside a hidden tab or view, and the window not minimised. */
  const onScreen = () => root.isConnected && root.getClientRects().length > 0;

  function stop(): void {
    if (timer !== undefined) window.clearInterval(timer);
    timer = undefined;
  }

  now.addEventListener("click", () => {
    if (pulling) return;
    pulling = true;
    outcome = null;
    draw();
    actions
      .pullNow()
      .then((report) => {
        pulled = report;
        outcome = { text: pullHeadline(report), kind: pullOutcome(report) };
        actions.notice(outcome.text);
        if (report.stored > 0) actions.imported();
      })
      .catch((error: IpcErrorDto) => {
        outcome = { text: t("surveys.pull.refused", { reason: surveyErrorText(error) }), kind: "refused" };
        actions.notice(outcome.text);
      })
      .finally(() => {
        pulling = false;
        // The status now carries this pull as its last one (and the state after it).
        ask();
        draw();
      });
  });

  function drawReport(report: PullReportDto | null): void {
    setHidden(lastNone, report !== null);
    for (const el of [lastWhen, lastOutcome, lastCounts]) setHidden(el, report === null);
    setHidden(lastError, (report?.error ?? null) === null);
    setHidden(problemsBox, (report?.totalProblems ?? 0) === 0);
    if (report === null) return;
    setText(lastWhen, t("surveys.pull.lastWhen", { when: fmtDateTimeIn(report.finishedAtMs, context.timeZone), who: pullWho(report.trigger) }));
    setAttr(lastWhen, "data-trigger", report.trigger.kind);
    setText(lastOutcome, pullHeadline(report));
    setAttr(lastOutcome, "data-outcome", pullOutcome(report));
    setText(lastCounts, pullCounts(report));
    setText(lastError, report.error === null ? "" : t("surveys.pull.error", { reason: report.error }));
    setText(problemsTitle, t("surveys.pull.problemsTitle", { n: fmtGrouped(report.totalProblems) }));
    setText(problemsNote, listedOf(report.problems.length, report.totalProblems));
    const key = JSON.stringify([report.problems, t("surveys.pull.record")]);
    if (problemsBody.dataset["key"] === key) return;
    problemsBody.dataset["key"] = key;
    problemsHead.replaceChildren(h("th", "num", { scope: "col" }, t("surveys.pull.record")), h("th", "", { scope: "col" }, t("surveys.import.reason")));
    problemsBody.replaceChildren(
      ...report.problems.map((p) => h("tr", "", { "data-testid": "survey-pull-problem", "data-line": String(p.line) }, h("td", "num", {}, String(p.line)), h("td", "", {}, p.reason))),
    );
  }

  function draw(): void {
    setText(title, t("surveys.pull.title"));
    setText(loading, t("surveys.loading"));
    setHidden(loading, status !== undefined || loadFailed !== null);
    setHidden(failed, loadFailed === null);
    setText(failed, loadFailed ?? "");
    setHidden(none, status !== null);
    setText(none, t("surveys.pull.none"));
    setHidden(configured, !status);
    if (!status) return;
    setText(urlLabel, t("surveys.pull.url"));
    setText(url, status.url);
    setText(everyLabel, t("surveys.pull.schedule"));
    setText(every, everyText(status.everyMinutes));
    setText(stateLabel, t("surveys.pull.state"));
    const shownState = pulling ? { kind: "pulling" as const } : status.state;
    setText(state, pullStateText(shownState));
    setAttr(state, "data-state", shownState.kind);
    setText(successLabel, t("surveys.pull.lastSuccess"));
    setText(success, status.lastSuccessAtMs === null ? t("surveys.pull.never") : fmtDateTimeIn(status.lastSuccessAtMs, context.timeZone));
    setText(lastTitle, t("surveys.pull.last"));
    setText(lastNone, t("surveys.pull.lastNone"));
    drawReport(newestReport(status.last, pulled));

    setHidden(now, !context.mayManage);
    setText(now, pulling ? t("surveys.pull.pulling") : t("surveys.pull.now"));
    // An unavailable pull cannot run until the console is restarted with the fault fixed.
    now.disabled = pulling || status.state.kind !== "idle";
    setAttr(now, "title", status.state.kind === "unavailable" ? pullStateText(status.state) : null);
    setAttr(root, "aria-busy", pulling ? "true" : "false");
    setHidden(result, outcome === null);
    setText(result, outcome?.text ?? "");
    setAttr(result, "data-outcome", outcome?.kind ?? null);
  }

  return {
    root,
    render(next) {
      context = next;
      draw();
    },
    refresh() {
      ask();
      if (timer !== undefined) return;
      timer = window.setInterval(() => {
        // Left the tab or the view: stop until the tab is shown again (which calls refresh).
        if (!onScreen()) return stop();
        if (document.visibilityState !== "hidden") ask();
      }, PULL_REFRESH_MS);
    },
  };
}
