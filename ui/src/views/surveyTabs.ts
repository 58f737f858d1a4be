// The Surveys view's sub-views as tabs (Queue · Scoring · Agreement · Trends · Import): a
// WAI-ARIA tab list with roving focus (arrows, Home, End), each tab shown only to a role
// that may use it.

import { h, setAttr, setHidden, setText } from "../dom";
import { t, type MessageKey } from "../i18n";

export type SurveyTab = "queue" | "scoring" | "agreement" | "trends" | "import";

export const SURVEY_TABS: readonly SurveyTab[] = ["queue", "scoring", "agreement", "trends", "import"];

export interface SurveyTabs {
  root: HTMLElement;
  /** Shows the tabs in `allowed`, with `selected` current. */
  render(allowed: readonly SurveyTab[], selected: SurveyTab): void;
  /** The tab's panel wrapper, labelled by its tab. */
  panel(tab: SurveyTab, content: HTMLElement): HTMLElement;
}

export function createSurveyTabs(select: (tab: SurveyTab) => void): SurveyTabs {
  const buttons = new Map<SurveyTab, HTMLButtonElement>();
  const root = h("div", "survey-tabs", { role: "tablist", "data-testid": "survey-tabs" });
  for (const tab of SURVEY_TABS) {
    const button = h("button", "survey-tab", {
      type: "button",
      role: "tab",
      id: `survey-tab-${tab}`,
      "aria-controls": `survey-panel-${tab}`,
      "data-testid": `survey-tab-${tab}`,
    });
    button.addEventListener("click", () => select(tab));
    button.addEventListener("keydown", (event) => {
      const shown = SURVEY_TABS.filter((x) => !buttons.get(x)?.hidden);
      const at = shown.indexOf(tab);
      const to =
        event.key === "ArrowRight"
          ? shown[(at + 1) % shown.length]
          : event.key === "ArrowLeft"
            ? shown[(at - 1 + shown.length) % shown.length]
            : event.key === "Home"
              ? shown[0]
              : event.key === "End"
                ? shown[shown.length - 1]
                : undefined;
      if (!to) return;
      event.preventDefault();
      select(to);
      buttons.get(to)?.focus();
    });
    buttons.set(tab, button);
    root.append(button);
  }
  return {
    root,
    render(allowed, selected) {
      for (const [tab, button] of buttons) {
        setHidden(button, !allowed.includes(tab));
        setText(button, t(`surveys.tab.${tab}` as MessageKey));
        setAttr(button, "aria-selected", tab === selected ? "true" : "false");
        button.tabIndex = tab === selected ? 0 : -1;
      }
    },
    panel(tab, content) {
      return h("div", "survey-panel", { role: "tabpanel", id: `survey-panel-${tab}`, "aria-labelledby": `survey-tab-${tab}`, "data-testid": `survey-panel-${tab}` }, content);
    },
  };
}
