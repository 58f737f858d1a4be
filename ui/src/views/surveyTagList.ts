// The managed tag list, for those who keep it (quality managers, admins): add a tag with its
// English and Chinese labels, relabel one, retire or restore one. Retired tags stay on the
// surveys that carry them but cannot be added again.

import { h, setAttr, setText } from "../dom";
import { t } from "../i18n";
import type { SurveyTagDto } from "../ipc";

export interface SurveyTagList {
  root: HTMLElement;
  render(tags: readonly SurveyTagDto[]): void;
}

/** `save` resolves once the list is saved (the view then shows the new list). */
export function createSurveyTagList(save: (tag: SurveyTagDto) => Promise<void>): SurveyTagList {
  const summary = h("summary", "survey-detail-heading");
  const list = h("ul", "survey-tag-admin", { "data-testid": "survey-tag-list" });
  const keyLabel = h("span", "field-label");
  const key = h("input", "", { type: "text", size: "14", maxlength: "40", pattern: "[a-z0-9_]+", "data-testid": "survey-tag-key" });
  const enLabel = h("span", "field-label");
  const en = h("input", "", { type: "text", size: "16", maxlength: "80", "data-testid": "survey-tag-en" });
  const zhLabel = h("span", "field-label");
  const zh = h("input", "", { type: "text", size: "10", maxlength: "80", "data-testid": "survey-tag-zh" });
  const add = h("button", "button", { type: "submit", "data-testid": "survey-tag-save" });
  const form = h(
    "form",
    "toolbar",
    {},
    h("label", "field", {}, keyLabel, key),
    h("label", "field", {}, enLabel, en),
    h("label", "field", {}, zhLabel, zh),
    add,
  );
  const root = h("details", "settings-section survey-tags-admin", { "data-testid": "survey-tag-admin" }, summary, list, form);
  let drawn = "";

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    add.disabled = true;
    save({ name: key.value.trim(), labelEn: en.value.trim(), labelZh: zh.value.trim(), retired: false })
      .then(() => {
        key.value = "";
        en.value = "";
        zh.value = "";
      })
      .catch(() => undefined)
      .finally(() => {
        add.disabled = false;
      });
  });

  return {
    root,
    render(tags) {
      setText(summary, t("surveys.tags.title"));
      setText(keyLabel, t("surveys.tags.key"));
      setText(enLabel, t("surveys.tags.labelEn"));
      setText(zhLabel, t("surveys.tags.labelZh"));
      setText(add, t("surveys.tags.save"));
      const key2 = JSON.stringify([t("surveys.tags.retire"), tags]);
      if (key2 === drawn) return;
      drawn = key2;
      list.replaceChildren(
        ...tags.map((tag) => {
          const toggle = h("button", "button subtle", { type: "button", "data-testid": `survey-tag-toggle-${tag.name}` });
          toggle.textContent = tag.retired ? t("surveys.tags.restore") : t("surveys.tags.retire");
          toggle.addEventListener("click", () => {
            toggle.disabled = true;
            save({ ...tag, retired: !tag.retired })
              .catch(() => undefined)
              .finally(() => {
                toggle.disabled = false;
              });
          });
          const item = h(
            "li",
            "survey-tag-admin-row",
            { "data-tag": tag.name },
            h("span", "mono", {}, tag.name),
            h("span", "", {}, `${tag.labelEn} / ${tag.labelZh}`),
            h("span", "muted", {}, tag.retired ? t("surveys.tags.retired") : ""),
            toggle,
          );
          setAttr(item, "data-retired", tag.retired ? "true" : null);
          return item;
        }),
      );
    },
  };
}
