// Choosing three or more raters from the users who may score: a labelled group of check
// boxes, and the choice's problem in words (too few).

import { h, setHidden, setText } from "../dom";
import { t } from "../i18n";
import type { SurveyPersonDto } from "../ipc";
import { MIN_RATERS } from "../surveyQa";

export interface RaterPicker {
  root: HTMLElement;
  render(people: readonly SurveyPersonDto[]): void;
  chosen(): string[];
  /** Enough raters are chosen. */
  ready(): boolean;
}

/** `prefix` keeps two pickers' test ids apart (`survey-rater-li.wei`, `survey-qa-rater-…`). */
export function createRaterPicker(prefix: string, changed: () => void): RaterPicker {
  const picked = new Set<string>();
  const legend = h("legend", "field-label");
  const boxes = h("div", "survey-raters");
  const hint = h("p", "muted", { "data-testid": `${prefix}-hint` });
  const root = h("fieldset", "survey-rater-picker", { "data-testid": `${prefix}s` }, legend, boxes, hint);
  let drawn = "";
  return {
    root,
    render(people) {
      setText(legend, t("surveys.qa.raters", { min: MIN_RATERS }));
      const key = JSON.stringify(people);
      if (key !== drawn) {
        drawn = key;
        for (const name of [...picked]) if (!people.some((p) => p.name === name)) picked.delete(name);
        boxes.replaceChildren(
          ...people.map((p) => {
            const box = h("input", "", { type: "checkbox", value: p.name, "data-testid": `${prefix}-${p.name}` });
            box.checked = picked.has(p.name);
            box.addEventListener("change", () => {
              if (box.checked) picked.add(p.name);
              else picked.delete(p.name);
              changed();
            });
            return h("label", "survey-check-label", {}, box, ` ${p.displayName}`);
          }),
        );
      }
      setHidden(hint, picked.size >= MIN_RATERS);
      setText(hint, people.length < MIN_RATERS ? t("surveys.qa.tooFewPeople", { min: MIN_RATERS }) : t("surveys.qa.pickMore", { n: picked.size, min: MIN_RATERS }));
    },
    chosen: () => [...picked].sort(),
    ready: () => picked.size >= MIN_RATERS,
  };
}
