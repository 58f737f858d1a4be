// A quality manager's scoring-form editor: a name, then items (key, English and Chinese
// labels, scale, how agreement on it is measured), added and removed freely, saved as a new
// form (a form is never changed in place: old sheets keep meaning what they meant).

import { h, setHidden, setText } from "../dom";
import { t } from "../i18n";
import type { FormItemDto, ScoringFormDto } from "../ipc";
import { MAX_FORM_ITEMS, emptyItem, formFromDraft, type ItemDraft } from "../surveyQa";

export interface FormEditor {
  root: HTMLElement;
  render(): void;
  /** Starts from a copy of `form` (or from one empty item). */
  start(form: ScoringFormDto | null): void;
}

const METRICS: readonly FormItemDto["metric"][] = ["ordinal", "interval", "nominal"];

export function createFormEditor(save: (form: ScoringFormDto) => Promise<void>): FormEditor {
  let items: ItemDraft[] = [emptyItem()];
  const summary = h("summary", "", { "data-testid": "survey-form-editor-toggle" });
  const nameLabel = h("span", "field-label");
  const name = h("input", "input", { type: "text", maxlength: "120", "data-testid": "survey-form-name" });
  const list = h("ol", "survey-form-items", { "data-testid": "survey-form-items" });
  const add = h("button", "button subtle", { type: "button", "data-testid": "survey-form-add-item" });
  const saveButton = h("button", "button", { type: "button", "data-testid": "survey-form-save" });
  const problem = h("p", "survey-warning", { role: "alert", "data-testid": "survey-form-problem" });
  const root = h(
    "details",
    "survey-form-editor",
    { "data-testid": "survey-form-editor" },
    summary,
    h("label", "field", {}, nameLabel, name),
    list,
    problem,
    h("div", "survey-inline", {}, add, saveButton),
  );
  setHidden(problem, true);

  function input(value: string, field: keyof ItemDraft, i: number, attrs: Record<string, string>, label: string): HTMLElement {
    const el = h("input", "input", { ...attrs, "aria-label": label, "data-field": field });
    el.value = value;
    el.addEventListener("input", () => {
      const item = items[i];
      if (item) (item[field] as string) = el.value;
    });
    return el;
  }

  function drawItems(): void {
    list.replaceChildren(
      ...items.map((item, i) => {
        const n = i + 1;
        const metric = h("select", "", { "aria-label": t("surveys.form.metric", { n }), "data-field": "metric" });
        for (const m of METRICS) metric.append(h("option", "", { value: m }, t(`surveys.form.metric.${m}`)));
        metric.value = item.metric;
        metric.addEventListener("change", () => {
          const current = items[i];
          if (current) current.metric = metric.value as FormItemDto["metric"];
        });
        const remove = h("button", "button ghost", { type: "button", "aria-label": t("surveys.form.remove", { n }), "data-testid": "survey-form-remove-item" }, "×");
        remove.addEventListener("click", () => {
          items.splice(i, 1);
          drawItems();
        });
        return h(
          "li",
          "survey-form-item",
          { "data-testid": "survey-form-item" },
          input(item.key, "key", i, { type: "text", placeholder: "greeting", maxlength: "40" }, t("surveys.form.key", { n })),
          input(item.labelEn, "labelEn", i, { type: "text", placeholder: "English" }, t("surveys.form.labelEn", { n })),
          input(item.labelZh, "labelZh", i, { type: "text", placeholder: "中文" }, t("surveys.form.labelZh", { n })),
          input(item.min, "min", i, { type: "number", min: "0", max: "99", class: "input survey-num" }, t("surveys.form.min", { n })),
          input(item.max, "max", i, { type: "number", min: "1", max: "100", class: "input survey-num" }, t("surveys.form.max", { n })),
          metric,
          remove,
        );
      }),
    );
    add.disabled = items.length >= MAX_FORM_ITEMS;
  }

  add.addEventListener("click", () => {
    items.push(emptyItem());
    drawItems();
    (list.lastElementChild?.querySelector("input") as HTMLInputElement | null)?.focus();
  });
  saveButton.addEventListener("click", () => {
    const checked = formFromDraft(name.value, items);
    if ("problem" in checked) {
      setHidden(problem, false);
      setText(problem, checked.problem);
      return;
    }
    setHidden(problem, true);
    saveButton.disabled = true;
    save(checked.form)
      .then(() => {
        root.open = false;
        name.value = "";
        items = [emptyItem()];
        drawItems();
      })
      .catch(() => undefined)
      .finally(() => {
        saveButton.disabled = false;
      });
  });

  return {
    root,
    render() {
      setText(summary, t("surveys.form.title"));
      setText(nameLabel, t("surveys.form.name"));
      setText(add, t("surveys.form.addItem"));
      setText(saveButton, t("surveys.form.save"));
      if (list.childElementCount === 0) drawItems();
    },
    start(form) {
      items = form
        ? form.items.map((i) => ({ key: i.key, labelEn: i.labelEn, labelZh: i.labelZh, min: String(i.min), max: String(i.max), metric: i.metric }))
        : [emptyItem()];
      name.value = form ? `${form.name} (2)` : "";
      drawItems();
      root.open = true;
    },
  };
}
