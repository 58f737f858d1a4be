// The review queue's filters: date range, site, queue, agent, CSAT and NPS ranges, NPS group,
// first-contact resolution, comment, reviewed, status, tag and a comment search (Chinese or
// English). Picks apply at once, typing after a pause; the filters in use show as removable
// chips with one "clear" for all.

import { h, reconcileChildren, setAttr, setHidden, setOptions, setText } from "../dom";
import { siteName, t, type MessageKey } from "../i18n";
import type { FrameDto, SurveyTagDto } from "../ipc";
import {
  EMPTY_FORM,
  NPS_GROUPS,
  STATUSES,
  debounce,
  filterChips,
  groupText,
  statusText,
  tagLabel,
  withoutFilter,
  type FilterForm,
  type FilterKey,
} from "../surveys";

export interface SurveyFiltersContext {
  frame: FrameDto | null;
  tags: readonly SurveyTagDto[];
}

export interface SurveyFilters {
  /** The form. */
  root: HTMLElement;
  /** The chips of the filters in use, and "clear". */
  chips: HTMLElement;
  value(): FilterForm;
  render(context: SurveyFiltersContext): void;
}

type Options = (readonly [string, string])[];

const scale = (from: number, to: number): Options => {
  const out: Options = [];
  for (let n = from; n <= to; n++) out.push([String(n), String(n)]);
  return out;
};

/** `changed` runs whenever the filters in force change (after a pause while typing). */
export function createSurveyFilters(changed: () => void): SurveyFilters {
  let form: FilterForm = { ...EMPTY_FORM };
  let context: SurveyFiltersContext = { frame: null, tags: [] };

  const inputs = new Map<FilterKey, HTMLInputElement | HTMLSelectElement>();
  const labels: [HTMLElement, MessageKey][] = [];
  const field = (key: FilterKey, input: HTMLInputElement | HTMLSelectElement, className = "field") => {
    input.setAttribute("data-testid", `survey-filter-${key}`);
    inputs.set(key, input);
    const label = h("span", "field-label");
    labels.push([label, `surveys.filter.${key}`]);
    return h("label", className, {}, label, input);
  };
  const select = () => h("select", "");
  const date = () => h("input", "", { type: "date" });

  const text = h("input", "search", { type: "search", maxlength: "200" });
  const agent = h("input", "", { type: "text", size: "10", maxlength: "200" });
  const fields = [
    field("text", text, "field survey-search"),
    field("from", date()),
    field("to", date()),
    field("site", select()),
    field("queue", select()),
    field("agent", agent),
    field("csatMin", select()),
    field("csatMax", select()),
    field("npsMin", select()),
    field("npsMax", select()),
    field("npsGroup", select()),
    field("fcr", select()),
    field("hasComment", select()),
    field("reviewed", select()),
    field("status", select()),
    field("tag", select()),
  ];
  const root = h("form", "toolbar survey-filters", { "data-testid": "survey-filters" }, ...fields);

  const inUse = h("span", "field-label");
  const chipList = h("span", "survey-chip-list");
  const clear = h("button", "button subtle", { type: "button", "data-testid": "survey-filter-clear" });
  const chips = h("div", "survey-chips", { "data-testid": "survey-chips" }, inUse, chipList, clear);
  const chipButtons = new Map<FilterKey, HTMLButtonElement>();

  function read(): FilterForm {
    const next = { ...form };
    for (const [key, input] of inputs) Object.assign(next, { [key]: input.value });
    return next;
  }

  function apply(): void {
    const next = read();
    if (JSON.stringify(next) === JSON.stringify(form)) return;
    form = next;
    drawChips();
    changed();
  }

  function write(next: FilterForm): void {
    form = next;
    for (const [key, input] of inputs) input.value = next[key];
    typing.cancel();
    drawChips();
    changed();
  }

  const typing = debounce(apply);
  for (const input of [text, agent]) {
    input.addEventListener("input", () => typing.schedule());
  }
  for (const [key, input] of inputs) if (key !== "text" && key !== "agent") input.addEventListener("change", apply);
  root.addEventListener("submit", (event) => {
    event.preventDefault();
    typing.flush();
    apply();
  });
  clear.addEventListener("click", () => write({ ...EMPTY_FORM }));

  function drawChips(): void {
    const wanted = filterChips(form, context.tags);
    reconcileChildren(
      chipList,
      wanted.map((chip) => {
        let button = chipButtons.get(chip.key);
        if (!button) {
          const key = chip.key;
          button = h("button", "survey-chip", { type: "button", "data-testid": `survey-chip-${key}` });
          button.addEventListener("click", () => write(withoutFilter(form, key)));
          chipButtons.set(key, button);
        }
        setText(button, `${chip.text} ×`);
        setAttr(button, "title", t("surveys.chip.remove", { what: chip.text }));
        setAttr(button, "aria-label", t("surveys.chip.remove", { what: chip.text }));
        return button;
      }),
    );
    setHidden(chips, wanted.length === 0);
  }

  function options(key: FilterKey, values: Options): void {
    const input = inputs.get(key);
    if (input instanceof HTMLSelectElement) setOptions(input, [["", t("surveys.filter.any")], ...values]);
  }

  return {
    root,
    chips,
    value: () => form,
    render(next) {
      context = next;
      for (const [el, key] of labels) setText(el, t(key));
      setAttr(text, "placeholder", t("surveys.filter.textHint"));
      setText(inUse, t("surveys.filter.inUse"));
      setText(clear, t("surveys.filter.clear"));
      const sites = next.frame?.sites ?? [];
      options(
        "site",
        sites.map((s) => [s.name, siteName(s.name)] as const),
      );
      const queues = sites.flatMap((s) => s.queues.map((q) => q.name)).sort();
      options(
        "queue",
        queues.map((q) => [q, q] as const),
      );
      options("csatMin", scale(1, 5));
      options("csatMax", scale(1, 5));
      options("npsMin", scale(0, 10));
      options("npsMax", scale(0, 10));
      options(
        "npsGroup",
        NPS_GROUPS.map((g) => [g, groupText(g)] as const),
      );
      options("fcr", [
        ["yes", t("surveys.fcr.yes")],
        ["no", t("surveys.fcr.no")],
      ]);
      options("hasComment", [
        ["yes", t("surveys.filter.withComment")],
        ["no", t("surveys.filter.withoutComment")],
      ]);
      options("reviewed", [
        ["no", t("surveys.filter.notReviewed")],
        ["yes", t("surveys.filter.wasReviewed")],
      ]);
      options(
        "status",
        STATUSES.map((s) => [s, statusText(s)] as const),
      );
      options(
        "tag",
        next.tags.map((tag) => [tag.name, tagLabel(tag.name, next.tags)] as const),
      );
      drawChips();
    },
  };
}
