// Blind QA scoring: "my scoring" (the rounds waiting for this user's sheet first, then the
// rest they may follow), the selected round (surveyRoundSheet.ts), and for a quality manager
// a calibration sample of the queue's current filter for three or more raters, and the form
// editor. The backend keeps rounds blind and audits every sheet and round.

import { h, reconcileChildren, setHidden, setOptions, setText } from "../dom";
import { fmtDateTimeIn } from "../format";
import { t } from "../i18n";
import type { IpcErrorDto, RoundViewDto, ScoringFormDto, SheetValueDto, SurveyPersonDto } from "../ipc";
import { newSeed, progressText, roundState, sampleHint } from "../surveyQa";
import { surveyErrorText } from "../surveys";
import { personName } from "./surveyDetail";
import { createFormEditor } from "./surveyFormEditor";
import { createRaterPicker } from "./surveyRaters";
import { createRoundSheet } from "./surveyRoundSheet";

export interface SurveyScoringActions {
  rounds(): Promise<RoundViewDto[]>;
  round(id: number): Promise<RoundViewDto>;
  submit(id: number, values: SheetValueDto[], comment: string | null): Promise<RoundViewDto>;
  sample(perMille: number, seed: number, formId: number, raters: string[]): Promise<number[]>;
  createForm(form: ScoringFormDto): Promise<number>;
  /** The forms changed (a new one was saved). */
  formsChanged(): void;
  notice(text: string): void;
}

export interface ScoringContext {
  forms: readonly ScoringFormDto[];
  raters: readonly SurveyPersonDto[];
  timeZone: string | null;
  mayManage: boolean;
  /** Surveys matching the queue's filter now (for the sample's size). */
  matching: number;
}

export interface SurveyScoringView {
  root: HTMLElement;
  render(context: ScoringContext): void;
  refresh(): void;
  /** Shows a round (e.g. one just opened from a survey's detail). */
  open(id: number): void;
}

export function createSurveyScoringView(actions: SurveyScoringActions): SurveyScoringView {
  let context: ScoringContext = { forms: [], raters: [], timeZone: null, mayManage: false, matching: 0 };
  let rounds: RoundViewDto[] = [];
  let shown: RoundViewDto | null = null;
  let drawnKey = "";
  const fail = (error: IpcErrorDto) => actions.notice(t("surveys.failed", { reason: surveyErrorText(error) }));

  // My scoring.
  const listTitle = h("h3", "survey-panel-title");
  const waiting = h("p", "", { role: "status", "data-testid": "survey-rounds-waiting" });
  const head = h("tr");
  const body = h("tbody");
  const table = h("table", "grid survey-rounds", { "data-testid": "survey-rounds" }, h("thead", "", {}, head), body);
  const none = h("p", "empty", { "data-testid": "survey-rounds-empty" });
  const refreshButton = h("button", "button subtle", { type: "button", "data-testid": "survey-rounds-refresh" });
  refreshButton.addEventListener("click", () => load());

  const sheet = createRoundSheet({
    submit: (id, values, comment) =>
      actions
        .submit(id, values, comment)
        .then((round) => {
          actions.notice(t("surveys.qa.submitted", { id }));
          shown = round;
          sheet.show(round, context.raters, context.timeZone);
          load();
        })
        .catch(fail),
    notice: actions.notice,
  });

  // The calibration sample (managers).
  const sampleTitle = h("h4", "survey-detail-heading");
  const sampleIntro = h("p", "muted");
  const formLabel = h("span", "field-label");
  const form = h("select", "", { "data-testid": "survey-sample-form" });
  const shareLabel = h("span", "field-label");
  const share = h("input", "input survey-num", { type: "number", min: "1", max: "1000", step: "1", value: "10", "data-testid": "survey-sample-permille" });
  const seedLabel = h("span", "field-label");
  const seed = h("input", "input survey-num", { type: "number", min: "0", step: "1", "data-testid": "survey-sample-seed" });
  seed.value = String(newSeed());
  const reseed = h("button", "button ghost", { type: "button", "data-testid": "survey-sample-reseed" });
  reseed.addEventListener("click", () => {
    seed.value = String(newSeed());
  });
  const hint = h("p", "muted", { "data-testid": "survey-sample-hint" });
  const raters = createRaterPicker("survey-rater", () => draw(true));
  const run = h("button", "button", { type: "button", "data-testid": "survey-sample-run" });
  const sampleBox = h(
    "section",
    "survey-sample",
    { "data-testid": "survey-sample" },
    sampleTitle,
    sampleIntro,
    h(
      "div",
      "survey-inline",
      {},
      h("label", "field", {}, formLabel, form),
      h("label", "field", {}, shareLabel, share),
      h("label", "field", {}, seedLabel, seed),
      reseed,
    ),
    hint,
    raters.root,
    h("div", "survey-inline", {}, run),
  );
  share.addEventListener("input", () => draw(true));
  run.addEventListener("click", () => {
    const perMille = Number(share.value);
    const seedValue = Number(seed.value);
    if (!raters.ready() || form.value === "" || !Number.isInteger(perMille)) return;
    run.disabled = true;
    actions
      .sample(perMille, seedValue, Number(form.value), raters.chosen())
      .then((ids) => {
        actions.notice(t("surveys.qa.sampled", { n: ids.length, seed: seedValue }));
        seed.value = String(newSeed());
        load();
      })
      .catch(fail)
      .finally(() => draw(true));
  });

  const editor = createFormEditor((f) =>
    actions
      .createForm(f)
      .then((id) => {
        actions.notice(t("surveys.form.saved", { name: f.name, id }));
        actions.formsChanged();
      })
      .catch((error: IpcErrorDto) => {
        fail(error);
        throw error;
      }),
  );

  const root = h(
    "div",
    "survey-scoring",
    { "data-testid": "survey-scoring" },
    h(
      "div",
      "survey-scoring-list",
      {},
      h("div", "survey-inline", {}, listTitle, h("span", "spacer"), refreshButton),
      waiting,
      h("div", "grid-scroll", {}, table, none),
      sampleBox,
      editor.root,
    ),
    sheet.root,
  );
  sheet.show(null, [], null);

  function show(id: number): void {
    actions
      .round(id)
      .then((round) => {
        shown = round;
        sheet.show(round, context.raters, context.timeZone);
        draw(true);
      })
      .catch(fail);
  }

  function load(): void {
    actions
      .rounds()
      .then((list) => {
        rounds = list;
        draw(true);
      })
      .catch(fail);
  }

  function row(round: RoundViewDto): HTMLTableRowElement {
    const state = roundState(round);
    const open = h("button", "button ghost", { type: "button", "data-testid": "survey-round-open" }, t(state === "yourTurn" ? "surveys.qa.score" : "surveys.qa.view"));
    open.addEventListener("click", () => show(round.id));
    return h(
      "tr",
      "",
      { "data-testid": "survey-round-row", "data-id": String(round.id), "data-state": state, "aria-selected": shown?.id === round.id ? "true" : "false" },
      h("td", "num", {}, String(round.id)),
      h("td", "num", {}, String(round.surveyId)),
      h("td", "", {}, round.form.name),
      h("td", "", { "data-col": "progress" }, progressText(round)),
      h("td", "", { "data-col": "state" }, t(`surveys.qa.state.${state}`)),
      h("td", "", {}, `${personName(round.createdBy, context.raters)} · ${fmtDateTimeIn(round.createdAtMs, context.timeZone)}`),
      h("td", "", {}, open),
    );
  }

  function draw(force = false): void {
    setText(listTitle, t("surveys.qa.mine"));
    setText(refreshButton, t("surveys.qa.refresh"));
    const mine = rounds.filter((r) => r.awaitingMe).length;
    setText(waiting, t("surveys.qa.waiting", { n: mine }));
    setHidden(sampleBox, !context.mayManage);
    setHidden(editor.root, !context.mayManage);
    editor.render();
    setText(sampleTitle, t("surveys.qa.sampleTitle"));
    setText(sampleIntro, t("surveys.qa.sampleIntro"));
    setText(formLabel, t("surveys.qa.form"));
    setText(shareLabel, t("surveys.qa.perMille"));
    setText(seedLabel, t("surveys.qa.seed"));
    setText(reseed, t("surveys.qa.reseed"));
    setText(run, t("surveys.qa.sampleRun"));
    setOptions(form, context.forms.map((f) => [String(f.id), f.name] as const));
    raters.render(context.raters);
    setText(hint, sampleHint(context.matching, Number(share.value) || 0));
    run.disabled = !raters.ready() || form.value === "";

    const key = JSON.stringify([rounds, shown?.id, context.raters, context.timeZone, t("surveys.qa.mine")]);
    if (key === drawnKey && !force) return;
    drawnKey = key;
    head.replaceChildren(
      ...(["surveys.qa.col.round", "surveys.qa.col.survey", "surveys.qa.col.form", "surveys.qa.col.progress", "surveys.qa.col.state", "surveys.qa.col.opened", "surveys.qa.col.action"] as const).map(
        (k) => h("th", "", { scope: "col" }, t(k)),
      ),
    );
    reconcileChildren(body, rounds.map(row));
    setHidden(table, rounds.length === 0);
    setHidden(none, rounds.length > 0);
    setText(none, t("surveys.qa.none"));
  }

  let langKey = "";
  return {
    root,
    render(next) {
      context = next;
      draw();
      // A language switch redraws the open round's labels.
      const lang = t("surveys.qa.submit");
      if (lang !== langKey) {
        langKey = lang;
        if (shown) sheet.show(shown, context.raters, context.timeZone);
      }
    },
    refresh: load,
    open: show,
  };
}
