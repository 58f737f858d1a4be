// Importing surveys from another tool's file: choose it (the system's file chooser), say how
// it is written (CSV or JSON, UTF-8 or GB18030), check the columns fw-survey guessed for each
// field against the first rows and correct them, then import — all or nothing — and read the
// report: rows, stored, the file's error, each bad row with its line and reason, the calls
// already stored. The file crosses to the backend once and is held there until imported.

import { h, setAttr, setHidden, setOptions, setText } from "../dom";
import { fmtGrouped } from "../format";
import { t, type MessageKey } from "../i18n";
import type { ColumnMappingDto, ImportFormatDto, ImportPreviewDto, ImportReportDto, IpcErrorDto, SourceEncodingDto } from "../ipc";
import {
  MAPPING_FIELDS,
  fileSize,
  guessFormat,
  isRequired,
  listedOf,
  mappedColumn,
  missingRequired,
  reportOutcome,
  reportSummary,
  reusedColumns,
  utcOffsets,
  withColumn,
  type MappingField,
} from "../surveyImport";
import { surveyErrorText } from "../surveys";

export interface SurveyImportActions {
  stage(fileName: string, bytes: Uint8Array, format: ImportFormatDto, encoding: SourceEncodingDto): Promise<ImportPreviewDto>;
  preview(token: number, format: ImportFormatDto, encoding: SourceEncodingDto): Promise<ImportPreviewDto>;
  run(token: number, format: ImportFormatDto, encoding: SourceEncodingDto, mapping: ColumnMappingDto, skipDuplicates: boolean): Promise<ImportReportDto>;
  discard(token: number): Promise<void>;
  /** Surveys were stored: the queue should be asked again. */
  imported(): void;
  notice(text: string): void;
}

export interface SurveyImportView {
  root: HTMLElement;
  render(): void;
}

export function createSurveyImportView(actions: SurveyImportActions): SurveyImportView {
  let preview: ImportPreviewDto | null = null;
  let mapping: ColumnMappingDto | null = null;
  let report: ImportReportDto | null = null;
  let busy = false;
  let failed: string | null = null;

  const title = h("h3", "survey-panel-title");
  const intro = h("p", "muted");
  const fileLabel = h("span", "field-label");
  const file = h("input", "", { type: "file", accept: ".csv,.tsv,.txt,.json,.ndjson,.jsonl", "data-testid": "survey-import-file" });
  const formatLabel = h("span", "field-label");
  const format = h("select", "", { "data-testid": "survey-import-format" });
  const encodingLabel = h("span", "field-label");
  const encoding = h("select", "", { "data-testid": "survey-import-encoding" });
  const status = h("p", "muted", { role: "status", "aria-live": "polite", "data-testid": "survey-import-status" });
  const error = h("p", "notice-inline", { role: "alert", "data-testid": "survey-import-error" });

  // The preview: the file, its first rows, the mapping.
  const fileInfo = h("p", "", { "data-testid": "survey-import-fileinfo" });
  const fileError = h("p", "survey-warning", { role: "alert", "data-testid": "survey-import-file-error" });
  const sampleHead = h("tr");
  const sampleBody = h("tbody");
  const sampleCaption = h("caption");
  const sample = h("table", "grid survey-sample", { "data-testid": "survey-import-preview" }, sampleCaption, h("thead", "", {}, sampleHead), sampleBody);
  const mapTitle = h("h4", "survey-detail-heading");
  const mapGrid = h("div", "survey-map", { "data-testid": "survey-import-mapping" });
  const offsetLabel = h("span", "field-label");
  const offset = h("select", "", { "data-testid": "survey-import-offset" });
  const skip = h("input", "", { type: "checkbox", "data-testid": "survey-import-skip" });
  const skipLabel = h("span");
  const missing = h("p", "survey-warning", { role: "status", "data-testid": "survey-import-missing" });
  const reused = h("p", "muted", { "data-testid": "survey-import-reused" });
  const run = h("button", "button", { type: "button", "data-testid": "survey-import-run" });
  const discard = h("button", "button ghost", { type: "button", "data-testid": "survey-import-discard" });
  const previewBox = h(
    "section",
    "survey-import-preview",
    {},
    fileInfo,
    fileError,
    h("div", "grid-scroll", {}, sample),
    mapTitle,
    mapGrid,
    h("label", "field", {}, offsetLabel, offset),
    h("label", "survey-check-label", {}, skip, skipLabel),
    missing,
    reused,
    h("div", "survey-inline", {}, run, discard),
  );

  // The report.
  const summary = h("p", "survey-result", { role: "status", "data-testid": "survey-import-summary" });
  const reportFileError = h("p", "survey-warning", { "data-testid": "survey-import-report-file-error" });
  const problemsTitle = h("h4", "survey-detail-heading");
  const problemsNote = h("p", "muted", { "data-testid": "survey-import-problems-note" });
  const problemsHead = h("tr");
  const problemsBody = h("tbody");
  const problems = h("table", "grid", { "data-testid": "survey-import-problems" }, h("thead", "", {}, problemsHead), problemsBody);
  const dupTitle = h("h4", "survey-detail-heading");
  const dupNote = h("p", "muted", { "data-testid": "survey-import-duplicates-note" });
  const dupHead = h("tr");
  const dupBody = h("tbody");
  const duplicates = h("table", "grid", { "data-testid": "survey-import-duplicates" }, h("thead", "", {}, dupHead), dupBody);
  const problemsBox = h("div", "", {}, problemsTitle, problemsNote, h("div", "grid-scroll survey-report-scroll", {}, problems));
  const dupBox = h("div", "", {}, dupTitle, dupNote, h("div", "grid-scroll survey-report-scroll", {}, duplicates));
  const reportBox = h("section", "survey-import-report", { "data-testid": "survey-import-report" }, summary, reportFileError, problemsBox, dupBox);

  const root = h(
    "section",
    "survey-import",
    { "data-testid": "survey-import" },
    title,
    intro,
    h(
      "div",
      "survey-inline",
      {},
      h("label", "field", {}, fileLabel, file),
      h("label", "field", {}, formatLabel, format),
      h("label", "field", {}, encodingLabel, encoding),
    ),
    status,
    error,
    previewBox,
    reportBox,
  );

  const chosenFormat = () => (format.value || "csv") as ImportFormatDto;
  const chosenEncoding = () => (encoding.value || "utf8") as SourceEncodingDto;
  const fail = (e: IpcErrorDto) => {
    failed = t("surveys.failed", { reason: surveyErrorText(e) });
  };

  function work<T>(run: Promise<T>, then: (value: T) => void): void {
    busy = true;
    failed = null;
    draw();
    run
      .then(then)
      .catch(fail)
      .finally(() => {
        busy = false;
        draw();
      });
  }

  function took(next: ImportPreviewDto): void {
    preview = next;
    mapping = next.mapping;
    format.value = next.format;
    encoding.value = next.encoding;
    offset.value = String(next.mapping.utcOffsetMinutes);
  }

  file.addEventListener("change", () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    report = null;
    const old = preview;
    work(
      chosen.arrayBuffer().then((buffer) => {
        const bytes = new Uint8Array(buffer);
        const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 64));
        const guessed = guessFormat(chosen.name, head);
        format.value = guessed;
        if (old) void actions.discard(old.token).catch(() => undefined);
        return actions.stage(chosen.name, bytes, guessed, chosenEncoding());
      }),
      took,
    );
  });
  const reread = () => {
    if (!preview) return;
    const token = preview.token;
    work(actions.preview(token, chosenFormat(), chosenEncoding()), took);
  };
  format.addEventListener("change", reread);
  encoding.addEventListener("change", reread);
  offset.addEventListener("change", () => {
    if (mapping) mapping = { ...mapping, utcOffsetMinutes: Number(offset.value) };
  });
  run.addEventListener("click", () => {
    if (!preview || !mapping || missingRequired(mapping).length > 0) return;
    const held = preview;
    work(actions.run(held.token, chosenFormat(), chosenEncoding(), { ...mapping, utcOffsetMinutes: Number(offset.value) }, skip.checked), (result) => {
      report = result;
      actions.notice(reportSummary(result));
      if (result.accepted) {
        // Stored: the backend let the file go; start over from a new file.
        preview = null;
        mapping = null;
        file.value = "";
        actions.imported();
      }
    });
  });
  discard.addEventListener("click", () => {
    if (!preview) return;
    void actions.discard(preview.token).catch(() => undefined);
    preview = null;
    mapping = null;
    report = null;
    file.value = "";
    draw();
  });

  function mappingRow(field: MappingField, headers: readonly string[]): HTMLElement {
    const select = h("select", "", { "data-testid": `survey-import-map-${field}`, "data-required": isRequired(field) ? "true" : "false" });
    const none = isRequired(field) ? t("surveys.import.chooseColumn") : t("surveys.import.notInFile");
    setOptions(select, [["", none], ...headers.map((name) => [name, name] as const)]);
    select.value = mapping ? mappedColumn(mapping, field) : "";
    select.addEventListener("change", () => {
      if (mapping) mapping = withColumn(mapping, field, select.value);
      draw();
    });
    const label = `${t(`surveys.import.field.${field}` as MessageKey)}${isRequired(field) ? " *" : ""}`;
    return h("label", "field", { "data-field": field }, h("span", "field-label", {}, label), select);
  }

  let drawnPreview: unknown = null;
  function drawPreview(p: ImportPreviewDto): void {
    setText(fileInfo, t("surveys.import.fileInfo", { file: p.fileName, size: fileSize(p.sizeBytes) }));
    setHidden(fileError, p.fileError === null);
    setText(fileError, p.fileError === null ? "" : t("surveys.import.fileError", { reason: p.fileError }));
    setHidden(sample, p.headers.length === 0);
    setText(sampleCaption, t("surveys.import.sampleCaption", { n: p.rows.length }));
    sampleHead.replaceChildren(...p.headers.map((name) => h("th", "", { scope: "col" }, name)));
    sampleBody.replaceChildren(...p.rows.map((row) => h("tr", "", { "data-testid": "survey-import-sample-row" }, ...row.map((cell) => h("td", "", {}, cell)))));
    mapGrid.replaceChildren(...(p.headers.length > 0 ? MAPPING_FIELDS.map((field) => mappingRow(field, p.headers)) : []));
  }

  function drawReport(r: ImportReportDto): void {
    setText(summary, reportSummary(r));
    setAttr(summary, "data-outcome", reportOutcome(r));
    setHidden(reportFileError, r.fileError === null);
    setText(reportFileError, r.fileError ?? "");
    setHidden(problemsBox, r.totalProblems === 0);
    setText(problemsTitle, t("surveys.import.problemsTitle", { n: fmtGrouped(r.totalProblems) }));
    setText(problemsNote, listedOf(r.problems.length, r.totalProblems));
    problemsHead.replaceChildren(h("th", "num", { scope: "col" }, t("surveys.import.line")), h("th", "", { scope: "col" }, t("surveys.import.reason")));
    problemsBody.replaceChildren(
      ...r.problems.map((p) => h("tr", "", { "data-testid": "survey-import-problem", "data-line": String(p.line) }, h("td", "num", {}, String(p.line)), h("td", "", {}, p.reason))),
    );
    setHidden(dupBox, r.totalDuplicates === 0);
    setText(dupTitle, t("surveys.import.duplicatesTitle", { n: fmtGrouped(r.totalDuplicates) }));
    setText(dupNote, listedOf(r.duplicates.length, r.totalDuplicates));
    dupHead.replaceChildren(h("th", "num", { scope: "col" }, t("surveys.import.line")), h("th", "", { scope: "col" }, t("surveys.import.callRef")));
    dupBody.replaceChildren(
      ...r.duplicates.map((d) => h("tr", "", { "data-testid": "survey-import-duplicate", "data-line": String(d.line) }, h("td", "num", {}, String(d.line)), h("td", "mono", {}, d.callRef))),
    );
  }

  function draw(): void {
    setText(title, t("surveys.import.title"));
    setText(intro, t("surveys.import.intro"));
    setText(fileLabel, t("surveys.import.file"));
    setText(formatLabel, t("surveys.import.format"));
    setText(encodingLabel, t("surveys.import.encoding"));
    setOptions(format, [
      ["csv", t("surveys.import.format.csv")],
      ["json", t("surveys.import.format.json")],
    ]);
    setOptions(encoding, [
      ["utf8", "UTF-8"],
      ["gb18030", t("surveys.import.encoding.gb18030")],
    ]);
    setText(mapTitle, t("surveys.import.mapping"));
    setText(offsetLabel, t("surveys.import.offset"));
    setOptions(offset, utcOffsets().map(([minutes, text]) => [String(minutes), text] as const));
    if (mapping) offset.value = String(mapping.utcOffsetMinutes);
    setText(skipLabel, ` ${t("surveys.import.skip")}`);
    setText(run, t("surveys.import.run"));
    setText(discard, t("surveys.import.discard"));
    setText(status, busy ? t("surveys.import.working") : "");
    setHidden(error, failed === null);
    setText(error, failed ?? "");
    setAttr(root, "aria-busy", busy ? "true" : "false");
    file.disabled = busy;

    setHidden(previewBox, preview === null);
    if (preview) {
      const key = JSON.stringify([preview, t("surveys.import.notInFile")]);
      if (key !== drawnPreview) {
        drawnPreview = key;
        drawPreview(preview);
      }
      const lacking = mapping ? missingRequired(mapping) : [];
      setHidden(missing, lacking.length === 0);
      setText(missing, t("surveys.import.missing", { fields: lacking.map((f) => t(`surveys.import.field.${f}` as MessageKey)).join(", ") }));
      const twice = mapping ? reusedColumns(mapping) : [];
      setHidden(reused, twice.length === 0);
      setText(reused, t("surveys.import.reused", { columns: twice.join(", ") }));
      run.disabled = busy || preview.fileError !== null || lacking.length > 0;
    } else {
      drawnPreview = null;
    }
    setHidden(reportBox, report === null);
    if (report) drawReport(report);
  }

  return { root, render: draw };
}
