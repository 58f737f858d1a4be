// The fixtures of the survey tools' browser tests: scoring forms, raters, blind rounds kept
// as the store keeps them (every sheet) and shown as the backend shows them (only what the
// viewer may see), agreement figures, a trend, and a small CSV reader and column guess for
// the import's preview and report.

import type {
  ColumnMappingDto,
  FormAgreementDto,
  ImportPreviewDto,
  ImportReportDto,
  RoundViewDto,
  ScoreSheetDto,
  ScoringFormDto,
  SurveyPersonDto,
  SurveyRowDto,
  SurveyTrendsDto,
} from "../src/ipc";
import { NOW_MS } from "./fixtures";

export const qaFormsFixture: ScoringFormDto[] = [
  {
    id: 1,
    name: "Standard call QA / 标准通话质检",
    items: [
      { key: "greeting", labelEn: "Greeting and identification", labelZh: "开场问候与身份确认", min: 1, max: 5, metric: "ordinal" },
      { key: "resolution", labelEn: "Resolution", labelZh: "问题解决", min: 1, max: 5, metric: "ordinal" },
      { key: "empathy", labelEn: "Empathy and tone", labelZh: "同理心与语气", min: 1, max: 5, metric: "ordinal" },
    ],
  },
  {
    id: 2,
    name: "Complaints / 投诉质检",
    items: [{ key: "accuracy", labelEn: "Accuracy", labelZh: "信息准确性", min: 0, max: 100, metric: "interval" }],
  },
];

/** The users who may score calls. */
export const qaRatersFixture: SurveyPersonDto[] = [
  { name: "li.na", displayName: "李娜" },
  { name: "root", displayName: "管理员" },
  { name: "sun.li", displayName: "孙丽" },
  { name: "zhao.min", displayName: "赵敏" },
];

/** A round as stored: every sheet. */
export interface StoredRound {
  id: number;
  surveyId: number;
  formId: number;
  raters: string[];
  sheets: ScoreSheetDto[];
  createdAtMs: number;
  createdBy: string;
}

const sheet = (rater: string, values: [string, number][], comment: string | null = null): ScoreSheetDto => ({
  rater,
  values: values.map(([key, value]) => ({ key, value })),
  comment,
});

export const qaRoundsFixture: StoredRound[] = [
  // Waiting for zhao.min (and sun.li): li.na has scored, her scores must not show.
  { id: 7, surveyId: 101, formId: 1, raters: ["li.na", "sun.li", "zhao.min"], sheets: [sheet("li.na", [["greeting", 2], ["resolution", 1], ["empathy", 5]], "语气生硬")], createdAtMs: NOW_MS - 3_600_000, createdBy: "zhao.min" },
  // Complete.
  {
    id: 5,
    surveyId: 104,
    formId: 1,
    raters: ["li.na", "sun.li", "zhao.min"],
    sheets: [
      sheet("li.na", [["greeting", 4], ["resolution", 2], ["empathy", 4]]),
      sheet("sun.li", [["greeting", 4], ["resolution", 4], ["empathy", 3]]),
      sheet("zhao.min", [["greeting", 5], ["resolution", 3], ["empathy", 4]], "流程讲解不清"),
    ],
    createdAtMs: NOW_MS - 48 * 3_600_000,
    createdBy: "zhao.min",
  },
];

export const qaAgreementFixture: Record<number, FormAgreementDto> = {
  1: {
    formId: 1,
    roundsComplete: 12,
    roundsOpen: 1,
    items: [
      { key: "greeting", labelEn: "Greeting and identification", labelZh: "开场问候与身份确认", alpha: 0.86, units: 12, meanSpread: 0.31, scores: { n: 36, mean: 4.2, min: 3, max: 5, stdDev: 0.6 } },
      { key: "resolution", labelEn: "Resolution", labelZh: "问题解决", alpha: 0.71, units: 12, meanSpread: 0.62, scores: { n: 36, mean: 3.1, min: 1, max: 5, stdDev: 1.1 } },
      { key: "empathy", labelEn: "Empathy and tone", labelZh: "同理心与语气", alpha: 0.42, units: 11, meanSpread: 0.95, scores: { n: 34, mean: 3.8, min: 1, max: 5, stdDev: 1.2 } },
    ],
  },
  2: {
    formId: 2,
    roundsComplete: 1,
    roundsOpen: 0,
    items: [{ key: "accuracy", labelEn: "Accuracy", labelZh: "信息准确性", alpha: null, units: 1, meanSpread: 5, scores: { n: 3, mean: 80, min: 75, max: 85, stdDev: 4.1 } }],
  },
};

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** A round as `viewer` may see it (fw-survey's visibility rules). */
export function roundView(round: StoredRound, forms: readonly ScoringFormDto[], viewer: string, manager: boolean): RoundViewDto {
  const form = forms.find((f) => f.id === round.formId) ?? forms[0]!;
  const scoredBy = round.sheets.map((s) => s.rater);
  const complete = round.raters.length >= 3 && round.raters.every((r) => scoredBy.includes(r));
  const isRater = round.raters.includes(viewer);
  const visibility = isRater ? (complete ? "all" : "ownOnly") : manager ? (complete ? "all" : "progressOnly") : "ownOnly";
  const sheets = round.sheets.filter((s) => visibility === "all" || (visibility === "ownOnly" && s.rater === viewer));
  const spreads =
    complete && visibility === "all"
      ? form.items.map((item) => {
          const values = sheets.map((s) => s.values.find((v) => v.key === item.key)?.value).filter((v): v is number => v !== undefined);
          const m = mean(values);
          return {
            key: item.key,
            spread: { n: values.length, mean: m, min: Math.min(...values), max: Math.max(...values), stdDev: Math.sqrt(mean(values.map((v) => (v - m) ** 2))) },
          };
        })
      : [];
  return {
    id: round.id,
    surveyId: round.surveyId,
    form,
    raters: round.raters,
    scoredBy,
    complete,
    visibility,
    sheets: structuredClone(sheets),
    isRater,
    awaitingMe: isRater && !scoredBy.includes(viewer),
    spreads,
    createdAtMs: round.createdAtMs,
    createdBy: round.createdBy,
  };
}

/** A trend: east over three days (one point on five surveys), north with two. The SVG stands
 * in for fw-charts' (which prints n= beside small points). */
export function trendsFixture(metric: SurveyTrendsDto["metric"], centre: string): SurveyTrendsDto {
  return {
    metric,
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="760" height="320"><text x="10" y="20">${metric}</text><text x="300" y="100">n=5</text><text x="10" y="300">east &amp; ${centre}</text></svg>`,
    labels: ["03-12", "03-13", "03-14"],
    bucketStartsMs: [NOW_MS - 2 * 86_400_000, NOW_MS - 86_400_000, NOW_MS],
    lines: [
      {
        group: "east",
        total: { value: 78.3, n: 115, small: false },
        points: [
          { value: 80, n: 60, small: false },
          { value: 78, n: 50, small: false },
          { value: 60, n: 5, small: true },
        ],
      },
      {
        group: "north",
        total: { value: 50, n: 2, small: true },
        points: [
          { value: null, n: 0, small: true },
          { value: null, n: 0, small: true },
          { value: 50, n: 2, small: true },
        ],
      },
    ],
    maxLines: 8,
    minReliable: 30,
  };
}

// ---------------------------------------------------------------------------------------
// Import: a CSV read as fw-survey reads it, in miniature.

const ALIASES: Record<keyof Omit<ColumnMappingDto, "utcOffsetMinutes">, string[]> = {
  callRef: ["call_ref", "callid", "通话id"],
  answeredAt: ["answered_at", "time"],
  csat: ["csat", "满意度"],
  nps: ["nps"],
  firstContactResolution: ["fcr"],
  comment: ["comment", "备注"],
  site: ["site"],
  queue: ["queue"],
  agent: ["agent", "坐席"],
  waitSecs: ["wait_secs"],
  talkSecs: ["talk_secs"],
  escalated: ["escalated"],
  callback: ["callback"],
};
const REQUIRED = ["callRef", "answeredAt", "csat"];

function parseCsv(text: string): { headers: string[]; rows: { line: number; cells: string[] }[] } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const headers = (lines[0] ?? "").split(",").map((h) => h.trim());
  const rows = lines
    .slice(1)
    .map((l, i) => ({ line: i + 2, cells: l.split(",") }))
    .filter((r) => r.cells.some((c) => c.trim() !== ""));
  return { headers, rows };
}

export function importPreview(token: number, fileName: string, text: string, format: "csv" | "json", encoding: "utf8" | "gb18030"): ImportPreviewDto {
  const { headers, rows } = parseCsv(text);
  const mapping = { utcOffsetMinutes: 480 } as ColumnMappingDto;
  for (const [field, names] of Object.entries(ALIASES)) {
    const found = headers.find((h) => names.includes(h.toLowerCase())) ?? null;
    (mapping as Record<string, unknown>)[field] = REQUIRED.includes(field) ? (found ?? "") : found;
  }
  return {
    token,
    fileName,
    sizeBytes: new TextEncoder().encode(text).length,
    format,
    encoding,
    headers,
    mapping,
    rows: rows.slice(0, 5).map((r) => headers.map((_, i) => r.cells[i] ?? "")),
    fileError: format === "json" ? "the file is not JSON: it should start with [ or {" : null,
  };
}

/** Reads every row; any bad one refuses the file; stored calls are duplicates. */
export function importFile(
  fileName: string,
  text: string,
  mapping: ColumnMappingDto,
  skipDuplicates: boolean,
  stored: SurveyRowDto[],
  nextId: () => number,
): ImportReportDto {
  const { headers, rows } = parseCsv(text);
  const column = (name: string | null) => (name ? headers.indexOf(name) : -1);
  const report: ImportReportDto = { fileName, rows: 0, stored: 0, accepted: false, fileError: null, problems: [], totalProblems: 0, duplicates: [], totalDuplicates: 0 };
  for (const field of REQUIRED) {
    const name = (mapping as unknown as Record<string, string>)[field] ?? "";
    if (column(name) < 0) return { ...report, fileError: `the column "${name}" is missing` };
  }
  const read = rows.map((r) => {
    const cell = (name: string | null) => (column(name) >= 0 ? (r.cells[column(name)] ?? "").trim() : "");
    const csat = Number(cell(mapping.csat));
    const reasons: string[] = [];
    if (cell(mapping.callRef) === "") reasons.push("the call reference is empty");
    if (!(Number.isInteger(csat) && csat >= 1 && csat <= 5)) reasons.push(`CSAT "${cell(mapping.csat)}" is not 1–5`);
    if (Number.isNaN(Date.parse(cell(mapping.answeredAt).replace(" ", "T")))) reasons.push(`the time "${cell(mapping.answeredAt)}" is not a date`);
    return { line: r.line, callRef: cell(mapping.callRef), csat, comment: cell(mapping.comment), reasons };
  });
  const bad = read.filter((r) => r.reasons.length > 0);
  if (bad.length > 0) return { ...report, problems: bad.map((r) => ({ line: r.line, reason: r.reasons.join("; ") })), totalProblems: bad.length };
  const dups = read.filter((r) => stored.some((s) => s.callRef === r.callRef));
  report.rows = read.length;
  report.duplicates = dups.map((d) => ({ line: d.line, callRef: d.callRef }));
  report.totalDuplicates = dups.length;
  if (dups.length > 0 && !skipDuplicates) return { ...report, problems: [], accepted: false };
  const fresh = read.filter((r) => !dups.includes(r));
  const template = stored[stored.length - 1]!;
  for (const r of fresh) {
    stored.push({ ...structuredClone(template), id: nextId(), callRef: r.callRef, csat: r.csat, comment: r.comment || null, status: "new", tags: [] });
  }
  report.stored = fresh.length;
  report.accepted = fresh.length > 0;
  return report;
}
