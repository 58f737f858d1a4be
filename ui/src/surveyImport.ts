// Importing surveys, pure: which format a file is, the survey fields a mapping fills (and
// which are required), whether a mapping may be imported, the UTC offsets offered, and the
// report in words. No DOM; the import view uses these.

import { fmtGrouped } from "./format";
import { t, type MessageKey } from "./i18n";
import type { ColumnMappingDto, ImportFormatDto, ImportReportDto } from "./ipc";

/** The mapping's column fields (not the offset), in the order the form lists them. */
export type MappingField = Exclude<keyof ColumnMappingDto, "utcOffsetMinutes">;

export const MAPPING_FIELDS: readonly MappingField[] = [
  "callRef",
  "answeredAt",
  "csat",
  "nps",
  "firstContactResolution",
  "comment",
  "site",
  "queue",
  "agent",
  "waitSecs",
  "talkSecs",
  "escalated",
  "callback",
];

/** A survey cannot be stored without these (fw-survey's rule). */
export const REQUIRED_FIELDS: readonly MappingField[] = ["callRef", "answeredAt", "csat"];

export function isRequired(field: MappingField): boolean {
  return REQUIRED_FIELDS.includes(field);
}

/** The format a file most likely is: by its name's extension, else by its first character. */
export function guessFormat(fileName: string, firstText = ""): ImportFormatDto {
  const ext = /\.([^.]+)$/.exec(fileName.toLowerCase())?.[1] ?? "";
  if (["json", "ndjson", "jsonl"].includes(ext)) return "json";
  if (["csv", "tsv", "txt"].includes(ext)) return "csv";
  const first = firstText.replace(/^\uFEFF/, "").trimStart()[0];
  return first === "[" || first === "{" ? "json" : "csv";
}

/** The column mapped to `field` ("" when none). */
export function mappedColumn(mapping: ColumnMappingDto, field: MappingField): string {
  return mapping[field] ?? "";
}

/** The mapping with `field` pointed at `column` ("" unmaps an optional field). */
export function withColumn(mapping: ColumnMappingDto, field: MappingField, column: string): ColumnMappingDto {
  const value = isRequired(field) ? column : column === "" ? null : column;
  return { ...mapping, [field]: value };
}

/** Required fields with no column yet: the import waits for them. */
export function missingRequired(mapping: ColumnMappingDto): MappingField[] {
  return REQUIRED_FIELDS.filter((field) => mappedColumn(mapping, field).trim() === "");
}

/** Columns chosen for more than one field (allowed, but usually a slip). */
export function reusedColumns(mapping: ColumnMappingDto): string[] {
  const seen = new Map<string, number>();
  for (const field of MAPPING_FIELDS) {
    const column = mappedColumn(mapping, field);
    if (column !== "") seen.set(column, (seen.get(column) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([column]) => column);
}

/** UTC offsets from −12:00 to +14:00 in half hours, as (minutes, "UTC+08:00"). */
export function utcOffsets(): [number, string][] {
  const offsets: [number, string][] = [];
  for (let minutes = -12 * 60; minutes <= 14 * 60; minutes += 30) offsets.push([minutes, offsetText(minutes)]);
  return offsets;
}

export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "−" : "+";
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** "12.4 MB" / "830 KB": a file's size. */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
}

export type ReportOutcome = "stored" | "nothingNew" | "refusedFile" | "refusedRows" | "refusedDuplicates";

/** What became of an import. */
export function reportOutcome(report: ImportReportDto): ReportOutcome {
  if (report.fileError !== null) return "refusedFile";
  if (report.totalProblems > 0) return "refusedRows";
  if (report.stored > 0) return "stored";
  // Without "skip calls already stored", any stored call writes nothing (the store's rule).
  return report.totalDuplicates > 0 && report.totalDuplicates < report.rows ? "refusedDuplicates" : "nothingNew";
}

const OUTCOME_KEYS: Record<ReportOutcome, MessageKey> = {
  stored: "surveys.import.outcome.stored",
  nothingNew: "surveys.import.outcome.nothingNew",
  refusedFile: "surveys.import.outcome.refusedFile",
  refusedRows: "surveys.import.outcome.refusedRows",
  refusedDuplicates: "surveys.import.outcome.refusedDuplicates",
};

/** The report's headline, in the current language. */
export function reportSummary(report: ImportReportDto): string {
  return t(OUTCOME_KEYS[reportOutcome(report)], {
    file: report.fileName,
    rows: fmtGrouped(report.rows),
    stored: fmtGrouped(report.stored),
    problems: fmtGrouped(report.totalProblems),
    duplicates: fmtGrouped(report.totalDuplicates),
  });
}

/** "Showing the first 1,000 of 1,204" when a list was cut, else "". */
export function listedOf(listed: number, total: number): string {
  return total > listed ? t("surveys.import.listedOf", { listed: fmtGrouped(listed), total: fmtGrouped(total) }) : "";
}
