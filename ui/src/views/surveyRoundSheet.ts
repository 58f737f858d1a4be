// One calibration round: the call it is on, who rates it and how many have scored ("2 of 3
// scored"), the viewer's own sheet (items from the form, bilingual labels, each on its
// scale) while it is theirs to fill in, and — only once every rater has handed in — all
// sheets side by side with each item's spread. Blindness is the backend's: an open round's
// DTO carries no one else's sheet, so there is nothing here to hide.

import { h, setHidden, setText } from "../dom";
import { fmtDateTimeIn } from "../format";
import { t } from "../i18n";
import type { RoundViewDto, SheetValueDto, SurveyPersonDto } from "../ipc";
import { itemLabel, progressText, roundState, scoreOf, sheetValues, spreadText, type SheetDraft } from "../surveyQa";
import { personName } from "./surveyDetail";

export interface RoundSheetActions {
  submit(id: number, values: SheetValueDto[], comment: string | null): Promise<void>;
  notice(text: string): void;
}

export interface RoundSheet {
  root: HTMLElement;
  show(round: RoundViewDto | null, people: readonly SurveyPersonDto[], timeZone: string | null): void;
}

export function createRoundSheet(actions: RoundSheetActions): RoundSheet {
  const title = h("h3", "survey-panel-title", { "data-testid": "survey-round-title" });
  const meta = h("p", "muted", { "data-testid": "survey-round-meta" });
  const progress = h("p", "survey-progress", { role: "status", "data-testid": "survey-round-progress" });
  const blindNote = h("p", "muted", { "data-testid": "survey-round-blind" });
  const sheet = h("form", "survey-sheet", { "data-testid": "survey-sheet" });
  const sideBySide = h("div", "grid-scroll", {});
  const root = h("section", "survey-round", { "data-testid": "survey-round" }, title, meta, progress, blindNote, sheet, sideBySide);
  sheet.addEventListener("submit", (event) => event.preventDefault());

  function ownSheet(round: RoundViewDto): void {
    const draft: SheetDraft = {};
    const fields = round.form.items.map((item) => {
      const id = `survey-score-${round.id}-${item.key}`;
      const label = h("label", "field-label", { for: id }, `${itemLabel(item)} (${item.min}–${item.max})`);
      let input: HTMLSelectElement | HTMLInputElement;
      if (item.max - item.min <= 10) {
        const select = h("select", "", { id, "data-testid": `survey-score-${item.key}`, required: "true" });
        select.append(h("option", "", { value: "" }, t("surveys.choose")));
        for (let v = item.min; v <= item.max; v++) select.append(h("option", "", { value: String(v) }, String(v)));
        input = select;
      } else {
        input = h("input", "input", { id, type: "number", min: String(item.min), max: String(item.max), step: "1", "data-testid": `survey-score-${item.key}`, required: "true" });
      }
      input.addEventListener("change", () => {
        draft[item.key] = input.value === "" ? undefined : Number(input.value);
      });
      return h("div", "field", { "data-item": item.key }, label, input);
    });
    const commentId = `survey-score-comment-${round.id}`;
    const comment = h("textarea", "input", { id: commentId, rows: "3", maxlength: "2000", "data-testid": "survey-score-comment" });
    const submit = h("button", "button", { type: "submit", "data-testid": "survey-score-submit" }, t("surveys.qa.submit"));
    const problem = h("p", "survey-warning", { role: "alert", "data-testid": "survey-score-problem" });
    setHidden(problem, true);
    submit.addEventListener("click", () => {
      const checked = sheetValues(round.form.items, draft);
      if ("missing" in checked) {
        setHidden(problem, false);
        setText(problem, t("surveys.qa.unscored", { item: itemLabel(checked.missing) }));
        return;
      }
      setHidden(problem, true);
      submit.disabled = true;
      actions
        .submit(round.id, checked.values, comment.value.trim() === "" ? null : comment.value)
        .finally(() => {
          submit.disabled = false;
        });
    });
    sheet.replaceChildren(
      h("h4", "survey-detail-heading", {}, t("surveys.qa.yourSheet")),
      ...fields,
      h("div", "field", {}, h("label", "field-label", { for: commentId }, t("surveys.qa.comment")), comment),
      problem,
      h("div", "survey-inline", {}, submit),
    );
  }

  /** The viewer's own handed-in sheet while the others are still scoring. */
  function ownScores(round: RoundViewDto, me: string): HTMLElement {
    const body = round.form.items.map((item) =>
      h("tr", "", { "data-item": item.key }, h("th", "", { scope: "row" }, itemLabel(item)), h("td", "num", {}, String(scoreOf(round, me, item.key) ?? "—"))),
    );
    return h(
      "table",
      "grid",
      { "data-testid": "survey-round-own" },
      h("caption", "", {}, t("surveys.qa.yourScores")),
      h("tbody", "", {}, ...body),
    );
  }

  function allSheets(round: RoundViewDto, people: readonly SurveyPersonDto[]): HTMLElement {
    const raters = round.raters;
    const head = h(
      "tr",
      "",
      {},
      h("th", "", { scope: "col" }, t("surveys.qa.item")),
      ...raters.map((r) => h("th", "num", { scope: "col", "data-rater": r }, personName(r, people))),
      h("th", "", { scope: "col" }, t("surveys.qa.spread")),
    );
    const rows = round.form.items.map((item) => {
      const spread = round.spreads.find((s) => s.key === item.key)?.spread ?? null;
      const wide = spread !== null && spread.max - spread.min >= 2;
      return h(
        "tr",
        "",
        { "data-item": item.key },
        h("th", "", { scope: "row" }, itemLabel(item)),
        ...raters.map((r) => h("td", "num", { "data-rater": r }, String(scoreOf(round, r, item.key) ?? "—"))),
        h("td", "", { "data-testid": `survey-round-spread-${item.key}`, "data-wide": wide ? "true" : "false" }, `${wide ? "⚠ " : ""}${spreadText(spread)}`),
      );
    });
    const comments = round.sheets
      .filter((s) => s.comment)
      .map((s) => h("li", "", {}, `${personName(s.rater, people)}: ${s.comment ?? ""}`));
    return h(
      "div",
      "",
      {},
      h("table", "grid survey-sheets", { "data-testid": "survey-round-sheets" }, h("caption", "", {}, t("surveys.qa.allSheets")), h("thead", "", {}, head), h("tbody", "", {}, ...rows)),
      comments.length > 0 ? h("ul", "survey-notes", { "data-testid": "survey-round-comments" }, ...comments) : h("span"),
    );
  }

  return {
    root,
    show(round, people, timeZone) {
      setHidden(root, round === null);
      if (!round) return;
      setText(title, t("surveys.qa.roundTitle", { id: round.id, survey: round.surveyId }));
      setText(
        meta,
        t("surveys.qa.roundMeta", {
          form: round.form.name,
          raters: round.raters.map((r) => personName(r, people)).join(", "),
          by: personName(round.createdBy, people),
          at: fmtDateTimeIn(round.createdAtMs, timeZone),
        }),
      );
      setText(progress, progressText(round));
      root.dataset["state"] = roundState(round);
      const state = roundState(round);
      setHidden(blindNote, state === "complete");
      setText(blindNote, state === "following" ? t("surveys.qa.blindManager") : t("surveys.qa.blindRater"));
      setHidden(sheet, state !== "yourTurn");
      if (state === "yourTurn") ownSheet(round);
      else sheet.replaceChildren();
      const me = round.sheets.find(() => round.isRater && !round.complete)?.rater;
      sideBySide.replaceChildren(
        state === "complete" ? allSheets(round, people) : state === "waitingOthers" && me ? ownScores(round, me) : h("span"),
      );
    },
  };
}
