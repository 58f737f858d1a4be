// A survey's blind QA scoring, in its detail: the rounds already on the call (progress only;
// sheets are read in the Scoring tab, as blind as the backend makes them), and for a quality
// manager "start blind scoring": a form and three or more raters.

import { h, setHidden, setOptions, setText } from "../dom";
import { t } from "../i18n";
import type { IpcErrorDto, RoundViewDto, ScoringFormDto, SurveyPersonDto } from "../ipc";
import { progressText, roundState } from "../surveyQa";
import { surveyErrorText } from "../surveys";
import { createRaterPicker } from "./surveyRaters";

export interface DetailQaActions {
  roundsOf(surveyId: number): Promise<RoundViewDto[]>;
  openRound(surveyId: number, formId: number, raters: string[]): Promise<number>;
  /** Shows a round in the Scoring tab. */
  view(roundId: number): void;
  notice(text: string): void;
}

export interface DetailQaContext {
  surveyId: number | null;
  forms: readonly ScoringFormDto[];
  raters: readonly SurveyPersonDto[];
  mayScore: boolean;
  mayManage: boolean;
}

export interface DetailQa {
  root: HTMLElement;
  render(context: DetailQaContext): void;
}

export function createDetailQa(actions: DetailQaActions): DetailQa {
  let context: DetailQaContext = { surveyId: null, forms: [], raters: [], mayScore: false, mayManage: false };
  let rounds: RoundViewDto[] = [];
  let loadedFor: number | null = null;
  let starting = false;
  const fail = (error: IpcErrorDto) => actions.notice(t("surveys.failed", { reason: surveyErrorText(error) }));

  const heading = h("h4", "survey-detail-heading");
  const list = h("ul", "survey-qa-rounds", { "data-testid": "survey-qa-rounds" });
  const start = h("button", "button subtle", { type: "button", "data-testid": "survey-qa-start", "aria-expanded": "false" });
  const formLabel = h("span", "field-label");
  const form = h("select", "", { "data-testid": "survey-qa-form" });
  const raters = createRaterPicker("survey-qa-rater", () => draw());
  const open = h("button", "button", { type: "button", "data-testid": "survey-qa-open" });
  const cancel = h("button", "button ghost", { type: "button" });
  const starter = h("div", "survey-qa-starter", { "data-testid": "survey-qa-starter" }, h("label", "field", {}, formLabel, form), raters.root, h("div", "survey-inline", {}, open, cancel));
  const root = h("section", "survey-detail-qa", { "data-testid": "survey-detail-qa" }, heading, list, start, starter);

  function load(id: number): void {
    loadedFor = id;
    actions
      .roundsOf(id)
      .then((found) => {
        if (loadedFor !== id) return;
        rounds = found;
        drawList();
      })
      .catch(fail);
  }

  start.addEventListener("click", () => {
    starting = !starting;
    draw();
  });
  cancel.addEventListener("click", () => {
    starting = false;
    draw();
    start.focus();
  });
  open.addEventListener("click", () => {
    const id = context.surveyId;
    if (id === null || !raters.ready() || form.value === "") return;
    open.disabled = true;
    actions
      .openRound(id, Number(form.value), raters.chosen())
      .then((roundId) => {
        actions.notice(t("surveys.qa.opened", { id: roundId, survey: id }));
        starting = false;
        load(id);
      })
      .catch(fail)
      .finally(() => draw());
  });

  function drawList(): void {
    list.replaceChildren(
      ...rounds.map((round) => {
        const view = h("button", "button ghost", { type: "button", "data-testid": "survey-qa-view" }, t("surveys.qa.view"));
        view.addEventListener("click", () => actions.view(round.id));
        return h(
          "li",
          "",
          { "data-testid": "survey-qa-round", "data-id": String(round.id), "data-state": roundState(round) },
          `${t("surveys.qa.roundShort", { id: round.id, form: round.form.name })} · ${progressText(round)} `,
          view,
        );
      }),
    );
    if (rounds.length === 0) list.append(h("li", "muted", {}, t("surveys.qa.noRounds")));
  }

  function draw(): void {
    const visible = context.mayScore || context.mayManage;
    setHidden(root, !visible || context.surveyId === null);
    if (!visible || context.surveyId === null) return;
    if (context.surveyId !== loadedFor) {
      rounds = [];
      starting = false;
      load(context.surveyId);
    }
    setText(heading, t("surveys.qa.detailTitle"));
    setText(start, t("surveys.qa.start"));
    start.setAttribute("aria-expanded", starting ? "true" : "false");
    setHidden(start, !context.mayManage);
    setHidden(starter, !(context.mayManage && starting));
    setText(formLabel, t("surveys.qa.form"));
    setOptions(form, context.forms.map((f) => [String(f.id), f.name] as const));
    raters.render(context.raters);
    setText(open, t("surveys.qa.openRound"));
    setText(cancel, t("surveys.export.cancel"));
    open.disabled = !raters.ready() || form.value === "";
  }

  let lang = "";
  return {
    root,
    render(next) {
      context = next;
      draw();
      const now = t("surveys.qa.view");
      if (now !== lang) {
        lang = now;
        drawList();
      }
    },
  };
}
