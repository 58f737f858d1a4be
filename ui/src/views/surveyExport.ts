// CSV export of the queue's current filter and order: the path prefilled with the downloads
// folder and a dated name (editable: there is no save dialog), a second, explicit step to
// replace an existing file, and the result (rows, where). The backend audits and writes.

import { h, setHidden, setText } from "../dom";
import { fmtGrouped } from "../format";
import { t } from "../i18n";
import type { IpcErrorDto, SurveyExportDto } from "../ipc";
import { surveyErrorText } from "../surveys";

export interface SurveyExportActions {
  exportPath(): Promise<string>;
  /** Exports the queue as filtered and sorted now. */
  exportCsv(path: string, overwrite: boolean): Promise<SurveyExportDto>;
  notice(text: string): void;
}

export interface SurveyExport {
  /** The button that opens the panel (for the queue's bar). */
  button: HTMLButtonElement;
  root: HTMLElement;
  render(allowed: boolean): void;
}

export function createSurveyExport(actions: SurveyExportActions): SurveyExport {
  const button = h("button", "button subtle", { type: "button", "data-testid": "survey-export-open", "aria-expanded": "false" });
  const title = h("h3", "survey-panel-title");
  const pathLabel = h("span", "field-label");
  const path = h("input", "input survey-path", { type: "text", spellcheck: "false", "data-testid": "survey-export-path" });
  const run = h("button", "button", { type: "button", "data-testid": "survey-export-run" });
  const cancel = h("button", "button ghost", { type: "button", "data-testid": "survey-export-cancel" });
  const exists = h("p", "survey-warning", { role: "alert", "data-testid": "survey-export-exists" });
  const replace = h("button", "button danger", { type: "button", "data-testid": "survey-export-replace" });
  const result = h("p", "survey-result", { role: "status", "data-testid": "survey-export-result" });
  const hint = h("p", "muted");
  const root = h(
    "section",
    "survey-export",
    { "data-testid": "survey-export", "aria-labelledby": "survey-export-title" },
    title,
    hint,
    h("label", "field survey-grow", {}, pathLabel, path),
    h("div", "survey-inline", {}, run, cancel),
    h("div", "survey-inline", {}, exists, replace),
    result,
  );
  title.id = "survey-export-title";
  let open = false;
  let busy = false;
  let existing: string | null = null;
  let done: string | null = null;

  function draw(): void {
    setHidden(root, !open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
    setHidden(exists, existing === null);
    setHidden(replace, existing === null);
    setText(exists, existing === null ? "" : t("surveys.export.exists", { path: existing }));
    setHidden(result, done === null);
    setText(result, done ?? "");
    run.disabled = busy || path.value.trim() === "";
    replace.disabled = busy;
  }

  function go(overwrite: boolean): void {
    busy = true;
    done = null;
    draw();
    actions
      .exportCsv(path.value.trim(), overwrite)
      .then((written) => {
        existing = null;
        done = t("surveys.export.done", { rows: fmtGrouped(written.rows), path: written.path });
        actions.notice(done);
      })
      .catch((error: IpcErrorDto) => {
        if (error.code === "survey.export_exists") {
          existing = error.message || path.value.trim();
          replace.focus();
        } else {
          actions.notice(t("surveys.failed", { reason: surveyErrorText(error) }));
        }
      })
      .finally(() => {
        busy = false;
        draw();
      });
  }

  button.addEventListener("click", () => {
    open = !open;
    existing = null;
    done = null;
    if (open) {
      actions
        .exportPath()
        .then((p) => {
          path.value = p;
          draw();
          path.focus();
        })
        .catch((error: IpcErrorDto) => actions.notice(t("surveys.failed", { reason: surveyErrorText(error) })));
    }
    draw();
  });
  path.addEventListener("input", () => {
    existing = null;
    draw();
  });
  run.addEventListener("click", () => go(false));
  replace.addEventListener("click", () => go(true));
  cancel.addEventListener("click", () => {
    open = false;
    draw();
    button.focus();
  });

  return {
    button,
    root,
    render(allowed) {
      setHidden(button, !allowed);
      if (!allowed) open = false;
      setText(button, t("surveys.export.open"));
      setText(title, t("surveys.export.title"));
      setText(hint, t("surveys.export.hint"));
      setText(pathLabel, t("surveys.export.path"));
      setText(run, t("surveys.export.run"));
      setText(cancel, t("surveys.export.cancel"));
      setText(replace, t("surveys.export.replace"));
      draw();
    },
  };
}
