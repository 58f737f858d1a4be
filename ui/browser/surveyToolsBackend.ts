// The fake backend's survey tools (import, survey service, export, blind scoring, agreement,
// trends): the handlers `backend.ts` spreads into its own, over the same state and checks.

import type { PermissionDto, SurveyRowDto } from "../src/ipc";
import { Refusal, type BackendState, type Handlers } from "./backend";
import { surveyPage } from "./surveyFixtures";
import { pullNow } from "./surveyPullFixtures";
import { importFile, importPreview, roundView, trendsFixture, type StoredRound } from "./surveyQaFixtures";

/** What the survey tools share with the rest of the fake backend. */
export interface SurveyToolContext {
  state: BackendState;
  may(permission: PermissionDto): boolean;
  reviewer(permission?: PermissionDto): void;
  invalid(message: string): never;
  findSurvey(id: number): SurveyRowDto;
}

type ToolCommand =
  | "survey_import_stage"
  | "survey_import_preview"
  | "survey_import"
  | "survey_import_discard"
  | "survey_pull_status"
  | "survey_pull_now"
  | "survey_export_path"
  | "survey_export"
  | "survey_qa_forms"
  | "survey_qa_create_form"
  | "survey_qa_raters"
  | "survey_qa_open_round"
  | "survey_qa_sample"
  | "survey_qa_rounds"
  | "survey_qa_rounds_of_survey"
  | "survey_qa_round"
  | "survey_qa_submit"
  | "survey_qa_agreement"
  | "survey_trends";

const clone = <T>(value: T): T => structuredClone(value);

export function surveyToolHandlers({ state, may, reviewer, invalid, findSurvey }: SurveyToolContext): Pick<Handlers, ToolCommand> {
  const scorer = () => {
    if (!may("scoreSurveys") && !may("manageSurveys")) reviewer("scoreSurveys");
  };
  const view = (round: StoredRound) => roundView(round, state.qaForms, state.profile.user, may("manageSurveys"));
  const held = (token: number) => {
    if (state.importHeld?.token !== token) invalid("the file is no longer held; choose it again");
    return state.importHeld!;
  };
  function checkRaters(raters: string[], formId: number): void {
    if (new Set(raters).size < 3) invalid(`a calibration round needs at least 3 different raters; ${raters.length} were given`);
    for (const r of raters) if (!state.qaRaters.some((p) => p.name === r)) invalid(`"${r}" is not a user who may score calls`);
    if (!state.qaForms.some((f) => f.id === formId)) invalid(`there is no scoring form ${formId}`);
  }


  return {
    survey_import_stage: ({ text, headers }) => {
      reviewer("manageSurveys");
      const fileName = decodeURIComponent(headers["x-fw-file-name"] ?? "import");
      state.importHeld = { token: state.nextToken++, fileName, text };
      return importPreview(state.importHeld.token, fileName, text, headers["x-fw-format"] === "json" ? "json" : "csv", headers["x-fw-encoding"] === "gb18030" ? "gb18030" : "utf8");
    },
    survey_import_preview: ({ token, format, encoding }) => {
      reviewer("manageSurveys");
      const file = held(token);
      return importPreview(token, file.fileName, file.text, format, encoding);
    },
    survey_import: ({ token, mapping, skipDuplicates }) => {
      reviewer("manageSurveys");
      const file = held(token);
      const report = importFile(file.fileName, file.text, mapping, skipDuplicates, state.surveys, () => 2000 + state.surveys.length);
      if (report.accepted) state.importHeld = null;
      return report;
    },
    survey_import_discard: ({ token }) => {
      if (state.importHeld?.token === token) state.importHeld = null;
      return null;
    },
    survey_pull_status: () => {
      reviewer();
      return clone(state.surveyPull.status);
    },
    survey_pull_now: () => {
      reviewer("manageSurveys");
      return pullNow(state.surveyPull, state.profile, state.frame.atMs, invalid);
    },
    survey_export_path: () => `/home/${state.profile.user}/Downloads/floorwalker-surveys-2025-03-14-2230.csv`,
    survey_export: ({ filter, sort, path, overwrite }) => {
      reviewer("exportSurveys");
      if (!path.startsWith("/")) throw new Refusal({ code: "survey.export_file", message: `${path} is not a full path` });
      if (state.files.has(path) && !overwrite) throw new Refusal({ code: "survey.export_exists", message: path });
      state.files.add(path);
      return { path, rows: surveyPage(state.surveys, filter, sort, 0, 1_000_000, Number.MAX_SAFE_INTEGER).total };
    },
    survey_qa_forms: () => {
      scorer();
      return clone(state.qaForms);
    },
    survey_qa_create_form: ({ form }) => {
      reviewer("manageSurveys");
      if (form.items.length === 0) invalid("the form has no items");
      const id = Math.max(...state.qaForms.map((f) => f.id)) + 1;
      state.qaForms = [{ ...clone(form), id }, ...state.qaForms];
      return id;
    },
    survey_qa_raters: () => {
      scorer();
      return clone(state.qaRaters);
    },
    survey_qa_open_round: ({ surveyId, formId, raters }) => {
      reviewer("manageSurveys");
      checkRaters(raters, formId);
      findSurvey(surveyId);
      const id = state.nextRound++;
      state.qaRounds.unshift({ id, surveyId, formId, raters: [...raters], sheets: [], createdAtMs: state.frame.atMs, createdBy: state.profile.user });
      return id;
    },
    survey_qa_sample: ({ filter, perMille, formId, raters }) => {
      reviewer("manageSurveys");
      checkRaters(raters, formId);
      const pool = surveyPage(state.surveys, filter, "newest", 0, 500).rows;
      if (pool.length === 0) invalid("no survey matches the filter");
      const wanted = Math.max(1, Math.round((pool.length * perMille) / 1000));
      return pool.slice(0, wanted).map((s) => {
        const id = state.nextRound++;
        state.qaRounds.unshift({ id, surveyId: s.id, formId, raters: [...raters], sheets: [], createdAtMs: state.frame.atMs, createdBy: state.profile.user });
        return id;
      });
    },
    survey_qa_rounds: () => {
      scorer();
      const me = state.profile.user;
      const views = state.qaRounds.filter((r) => may("manageSurveys") || r.raters.includes(me)).map(view);
      return views.sort((a, b) => Number(!a.awaitingMe) - Number(!b.awaitingMe) || Number(a.complete) - Number(b.complete));
    },
    survey_qa_rounds_of_survey: ({ surveyId }) => {
      scorer();
      return state.qaRounds.filter((r) => r.surveyId === surveyId).map(view);
    },
    survey_qa_round: ({ id }) => {
      scorer();
      const round = state.qaRounds.find((r) => r.id === id);
      if (!round) return invalid(`there is no round ${id}`);
      return view(round);
    },
    survey_qa_submit: ({ id, values, comment }) => {
      reviewer("scoreSurveys");
      const round = state.qaRounds.find((r) => r.id === id);
      if (!round) return invalid(`there is no round ${id}`);
      const me = state.profile.user;
      if (!round.raters.includes(me)) invalid(`${me} is not a rater of round ${id}`);
      if (round.sheets.some((s) => s.rater === me)) invalid(`you already scored round ${id}; the first sheet stands`);
      round.sheets.push({ rater: me, values: clone(values), comment });
      return view(round);
    },
    survey_qa_agreement: ({ formId }) => {
      scorer();
      return clone(state.qaAgreement[formId] ?? { formId, roundsComplete: 0, roundsOpen: 0, items: [] });
    },
    survey_trends: ({ metric, centreLabel }) => {
      reviewer();
      return trendsFixture(metric, centreLabel);
    },
  };
}
