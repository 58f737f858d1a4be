// The bar over the review queue while surveys are selected: one action on all of them (set
// the status, add or remove a tag, assign the follow-up with a due date). The backend checks
// the role and audits the action once for the whole selection.

import { h, setHidden, setOptions, setText } from "../dom";
import { t } from "../i18n";
import type { ReviewStatusDto, SurveyActionDto } from "../ipc";
import { STATUSES, STATUS_ICONS, dueAt, statusText, tagLabel } from "../surveys";
import type { SurveyContext } from "./surveyDetail";

export interface SurveyBulkActions {
  /** Applies `action` to the selection; resolves once done (the view reloads). */
  apply(action: SurveyActionDto): Promise<void>;
  clear(): void;
}

export interface SurveyBulk {
  root: HTMLElement;
  render(selected: number, context: SurveyContext): void;
}

export function createSurveyBulk(actions: SurveyBulkActions): SurveyBulk {
  const count = h("strong", "survey-bulk-count", { "data-testid": "survey-bulk-count" });
  const status = h("select", "", { "data-testid": "survey-bulk-status" });
  const setStatus = h("button", "button", { type: "button", "data-testid": "survey-bulk-set-status" });
  const tag = h("select", "", { "data-testid": "survey-bulk-tag" });
  const addTag = h("button", "button", { type: "button", "data-testid": "survey-bulk-add-tag" });
  const removeTag = h("button", "button subtle", { type: "button", "data-testid": "survey-bulk-remove-tag" });
  const owner = h("select", "", { "data-testid": "survey-bulk-owner" });
  const dueLabel = h("span", "field-label");
  const due = h("input", "", { type: "date", "data-testid": "survey-bulk-due" });
  const assign = h("button", "button", { type: "button", "data-testid": "survey-bulk-assign" });
  const clear = h("button", "button ghost", { type: "button", "data-testid": "survey-bulk-clear" });
  const root = h(
    "div",
    "survey-bulk",
    { "data-testid": "survey-bulk", role: "toolbar" },
    count,
    h("span", "survey-inline", {}, status, setStatus),
    h("span", "survey-inline", {}, tag, addTag, removeTag),
    h("span", "survey-inline", {}, owner, h("label", "survey-inline", {}, dueLabel, due), assign),
    h("span", "spacer"),
    clear,
  );
  let zone: string | null = null;

  const buttons = [setStatus, addTag, removeTag, assign];
  function run(action: SurveyActionDto): void {
    for (const b of buttons) b.disabled = true;
    actions.apply(action).finally(() => {
      for (const b of buttons) b.disabled = false;
    });
  }
  setStatus.addEventListener("click", () => {
    if (status.value) run({ kind: "setStatus", status: status.value as ReviewStatusDto });
  });
  addTag.addEventListener("click", () => {
    if (tag.value) run({ kind: "addTag", tag: tag.value });
  });
  removeTag.addEventListener("click", () => {
    if (tag.value) run({ kind: "removeTag", tag: tag.value });
  });
  assign.addEventListener("click", () => {
    if (owner.value) run({ kind: "followUp", owner: owner.value, dueMs: dueAt(due.value, zone) });
  });
  clear.addEventListener("click", () => actions.clear());

  return {
    root,
    render(selected, context) {
      zone = context.timeZone;
      setHidden(root, selected === 0);
      if (selected === 0) return;
      setText(count, t("surveys.bulk.selected", { n: selected }));
      const choose = ["", t("surveys.choose")] as const;
      setOptions(status, [choose, ...STATUSES.map((s) => [s, `${STATUS_ICONS[s]} ${statusText(s)}`] as const)]);
      setOptions(tag, [choose, ...context.tags.map((x) => [x.name, tagLabel(x.name, context.tags)] as const)]);
      setOptions(owner, [["", t("surveys.bulk.owner")], ...context.people.map((p) => [p.name, p.displayName] as const)]);
      setText(setStatus, t("surveys.bulk.setStatus"));
      setText(addTag, t("surveys.bulk.addTag"));
      setText(removeTag, t("surveys.bulk.removeTag"));
      setText(dueLabel, t("surveys.bulk.due"));
      setText(assign, t("surveys.bulk.assign"));
      setText(clear, t("surveys.bulk.clear"));
    },
  };
}
