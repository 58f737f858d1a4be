// How far raters agree, per scoring form: Krippendorff's alpha per item with the calls it
// rests on and the spread of scores, a plain reading of alpha (good from 0.8, tentative from
// 0.667, below that calibrate), and "not enough completed rounds" when there is too little.

import { h, setAttr, setHidden, setOptions, setText } from "../dom";
import { DASH } from "../format";
import { t } from "../i18n";
import type { FormAgreementDto, IpcErrorDto, ScoringFormDto } from "../ipc";
import { BAND_ICONS, alphaBand, alphaText, enoughAgreement, itemLabel, spreadText } from "../surveyQa";
import { surveyErrorText } from "../surveys";

export interface SurveyAgreementActions {
  agreement(formId: number): Promise<FormAgreementDto>;
  notice(text: string): void;
}

export interface SurveyAgreementView {
  root: HTMLElement;
  render(forms: readonly ScoringFormDto[]): void;
  refresh(): void;
}

export function createSurveyAgreementView(actions: SurveyAgreementActions): SurveyAgreementView {
  let agreement: FormAgreementDto | null = null;
  let drawnKey = "";
  const title = h("h3", "survey-panel-title");
  const formLabel = h("span", "field-label");
  const form = h("select", "", { "data-testid": "survey-agreement-form" });
  const rounds = h("p", "", { role: "status", "data-testid": "survey-agreement-rounds" });
  const notEnough = h("p", "survey-warning", { "data-testid": "survey-agreement-none" });
  const head = h("tr");
  const body = h("tbody");
  const table = h("table", "grid survey-agreement", { "data-testid": "survey-agreement-table" }, h("thead", "", {}, head), body);
  const help = h("div", "survey-help", { "data-testid": "survey-agreement-help" });
  const root = h(
    "section",
    "survey-agreement-view",
    { "data-testid": "survey-agreement" },
    title,
    h("label", "field", {}, formLabel, form),
    rounds,
    notEnough,
    h("div", "grid-scroll", {}, table),
    help,
  );

  function load(): void {
    if (form.value === "") return;
    const id = Number(form.value);
    actions
      .agreement(id)
      .then((found) => {
        if (Number(form.value) !== id) return;
        agreement = found;
        draw();
      })
      .catch((error: IpcErrorDto) => actions.notice(t("surveys.failed", { reason: surveyErrorText(error) })));
  }
  form.addEventListener("change", load);

  function draw(): void {
    setText(title, t("surveys.agreement.title"));
    setText(formLabel, t("surveys.qa.form"));
    const key = JSON.stringify([agreement, t("surveys.agreement.title")]);
    if (key === drawnKey) return;
    drawnKey = key;
    help.replaceChildren(
      h("p", "", {}, t("surveys.agreement.help.what")),
      h(
        "ul",
        "",
        {},
        h("li", "", { "data-band": "good" }, `${BAND_ICONS.good} ${t("surveys.agreement.help.good")}`),
        h("li", "", { "data-band": "tentative" }, `${BAND_ICONS.tentative} ${t("surveys.agreement.help.tentative")}`),
        h("li", "", { "data-band": "calibrate" }, `${BAND_ICONS.calibrate} ${t("surveys.agreement.help.calibrate")}`),
      ),
      h("p", "muted", {}, t("surveys.agreement.help.spread")),
    );
    const a = agreement;
    setHidden(rounds, a === null);
    setText(rounds, a ? t("surveys.agreement.rounds", { complete: a.roundsComplete, open: a.roundsOpen }) : "");
    const enough = a !== null && enoughAgreement(a.roundsComplete, a.items);
    setHidden(notEnough, a === null || enough);
    setText(notEnough, t("surveys.agreement.notEnough"));
    setHidden(table, a === null || a.items.length === 0);
    head.replaceChildren(
      ...(["surveys.qa.item", "surveys.agreement.alpha", "surveys.agreement.reading", "surveys.agreement.units", "surveys.agreement.meanSpread", "surveys.agreement.scores"] as const).map((k) =>
        h("th", "", { scope: "col" }, t(k)),
      ),
    );
    body.replaceChildren(
      ...(a?.items ?? []).map((item) => {
        const band = alphaBand(item.alpha);
        return h(
          "tr",
          "",
          { "data-testid": "survey-agreement-row", "data-key": item.key, "data-band": band },
          h("th", "", { scope: "row" }, itemLabel(item)),
          h("td", "num", { "data-col": "alpha" }, alphaText(item)),
          h("td", "", { "data-col": "reading" }, `${BAND_ICONS[band]} ${t(`surveys.agreement.band.${band}`)}`),
          h("td", "num", { "data-col": "units" }, String(item.units)),
          h("td", "num", { "data-col": "meanSpread" }, item.meanSpread === null ? DASH : item.meanSpread.toFixed(2)),
          h("td", "", { "data-col": "scores" }, spreadText(item.scores)),
        );
      }),
    );
    setAttr(table, "data-form", a ? String(a.formId) : null);
  }

  return {
    root,
    render(forms) {
      const before = form.value;
      setOptions(form, forms.map((f) => [String(f.id), f.name] as const));
      if (form.value !== before || (agreement === null && form.value !== "" && drawnKey === "")) load();
      draw();
    },
    refresh: load,
  };
}
