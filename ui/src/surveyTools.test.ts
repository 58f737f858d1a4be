import { afterEach, describe, expect, it } from "vitest";
import { setLocale } from "./i18n";
import type { ColumnMappingDto, ImportReportDto, ItemAgreementDto, RoundViewDto, SurveyTrendsDto } from "./ipc";
import { guessFormat, listedOf, missingRequired, offsetText, reportOutcome, reportSummary, reusedColumns, utcOffsets, withColumn } from "./surveyImport";
import {
  alphaBand,
  enoughAgreement,
  expectedSample,
  formFromDraft,
  emptyItem,
  itemLabel,
  progressText,
  roundState,
  sheetValues,
  spreadText,
} from "./surveyQa";
import { metricValue, pointText, smallPoints, trendRows } from "./surveyTrends";

afterEach(() => setLocale("en"));

const mapping: ColumnMappingDto = {
  callRef: "通话ID",
  answeredAt: "",
  csat: "满意度",
  nps: null,
  firstContactResolution: null,
  comment: "备注",
  site: null,
  queue: null,
  agent: "备注",
  waitSecs: null,
  talkSecs: null,
  escalated: null,
  callback: null,
  utcOffsetMinutes: 480,
};

describe("import", () => {
  it("guesses the layout from the name, else from the first character", () => {
    expect(guessFormat("march.CSV")).toBe("csv");
    expect(guessFormat("export.ndjson")).toBe("json");
    expect(guessFormat("dump", "\uFEFF  [{")).toBe("json");
    expect(guessFormat("dump", "call,csat")).toBe("csv");
  });

  it("waits for every required column and notices a column used twice", () => {
    expect(missingRequired(mapping)).toEqual(["answeredAt"]);
    const fixed = withColumn(mapping, "answeredAt", "评价时间");
    expect(missingRequired(fixed)).toEqual([]);
    expect(reusedColumns(fixed)).toEqual(["备注"]);
    expect(withColumn(fixed, "agent", "").agent).toBeNull();
    expect(withColumn(fixed, "csat", "").csat).toBe("");
  });

  it("offers UTC offsets in half hours, China's included", () => {
    const offsets = utcOffsets();
    expect(offsets[0]).toEqual([-720, "UTC−12:00"]);
    expect(offsets.find(([m]) => m === 480)?.[1]).toBe("UTC+08:00");
    expect(offsetText(330)).toBe("UTC+05:30");
  });

  it("words the report by what happened", () => {
    const base: ImportReportDto = {
      fileName: "march.csv",
      rows: 0,
      stored: 0,
      accepted: false,
      fileError: null,
      problems: [],
      totalProblems: 1204,
      duplicates: [],
      totalDuplicates: 0,
    };
    expect(reportOutcome(base)).toBe("refusedRows");
    expect(reportSummary(base)).toBe("march.csv was refused: 1,204 rows have problems; nothing was imported.");
    expect(reportOutcome({ ...base, fileError: "the file is empty" })).toBe("refusedFile");
    const stored = { ...base, totalProblems: 0, rows: 10, stored: 8, accepted: true, totalDuplicates: 2 };
    expect(reportSummary(stored)).toBe("march.csv: 8 of 10 surveys stored; 2 were already stored.");
    setLocale("zh-CN");
    expect(reportSummary(stored)).toBe("march.csv：10 条回访中已存储 8 条；2 条此前已存储。");
    expect(listedOf(1000, 1204)).toBe("仅列出 1,204 条中的前 1,000 条。");
    expect(listedOf(3, 3)).toBe("");
  });
});

const form = {
  id: 1,
  name: "Standard",
  items: [
    { key: "greeting", labelEn: "Greeting", labelZh: "问候", min: 1, max: 5, metric: "ordinal" as const },
    { key: "accuracy", labelEn: "Accuracy", labelZh: "准确", min: 0, max: 100, metric: "interval" as const },
  ],
};
const round = (over: Partial<RoundViewDto>): RoundViewDto => ({
  id: 7,
  surveyId: 101,
  form,
  raters: ["li.wei", "wang.fang", "zhao.min"],
  scoredBy: ["li.wei", "wang.fang"],
  complete: false,
  visibility: "ownOnly",
  sheets: [],
  isRater: true,
  awaitingMe: true,
  spreads: [],
  createdAtMs: 0,
  createdBy: "zhao.min",
  ...over,
});

describe("blind scoring", () => {
  it("says how far a round is and whose turn it is", () => {
    expect(progressText(round({}))).toBe("2 of 3 scored");
    expect(roundState(round({}))).toBe("yourTurn");
    expect(roundState(round({ awaitingMe: false }))).toBe("waitingOthers");
    expect(roundState(round({ isRater: false, awaitingMe: false, visibility: "progressOnly" }))).toBe("following");
    expect(roundState(round({ complete: true, awaitingMe: false }))).toBe("complete");
    setLocale("zh-CN");
    expect(progressText(round({}))).toBe("已评 2/3");
    expect(itemLabel(form.items[0]!)).toBe("问候");
  });

  it("hands in a sheet only when every item is scored on its scale", () => {
    expect(sheetValues(form.items, { greeting: 4 })).toEqual({ missing: form.items[1] });
    expect(sheetValues(form.items, { greeting: 6, accuracy: 50 })).toEqual({ missing: form.items[0] });
    expect(sheetValues(form.items, { greeting: 4, accuracy: 90 })).toEqual({
      values: [
        { key: "greeting", value: 4 },
        { key: "accuracy", value: 90 },
      ],
    });
  });

  it("reads alpha in bands and wants two complete rounds", () => {
    expect([0.85, 0.8, 0.7, 0.667, 0.5, null].map(alphaBand)).toEqual(["good", "good", "tentative", "tentative", "calibrate", "none"]);
    const item = (alpha: number | null): ItemAgreementDto => ({ key: "k", labelEn: "K", labelZh: "K", alpha, units: 2, meanSpread: null, scores: null });
    expect(enoughAgreement(1, [item(0.9)])).toBe(false);
    expect(enoughAgreement(2, [item(null)])).toBe(false);
    expect(enoughAgreement(2, [item(0.4)])).toBe(true);
    expect(spreadText({ n: 3, mean: 3, min: 2, max: 4, stdDev: 0.8165 })).toBe("3.0 (2–4, sd 0.82)");
    expect(spreadText(null)).toBe("—");
  });

  it("checks a form from the editor before it is saved", () => {
    const item = { ...emptyItem(), key: "tone", labelEn: "Tone", labelZh: "语气" };
    expect(formFromDraft(" QA ", [item])).toEqual({
      form: { id: 0, name: "QA", items: [{ key: "tone", labelEn: "Tone", labelZh: "语气", min: 1, max: 5, metric: "ordinal" }] },
    });
    expect(formFromDraft("QA", [item, item])).toEqual({ problem: "The key “tone” is used twice." });
    expect(formFromDraft("QA", [{ ...item, min: "5" }])).toHaveProperty("problem");
    expect(formFromDraft("QA", [{ ...item, key: "Tone!" }])).toHaveProperty("problem");
    expect(formFromDraft("", [item])).toEqual({ problem: "The form needs a name." });
  });

  it("estimates a sample as the share of the pool, at least one", () => {
    expect(expectedSample(500, 10)).toBe(5);
    expect(expectedSample(14, 10)).toBe(1);
    expect(expectedSample(0, 10)).toBe(0);
  });
});

describe("trends", () => {
  const trends: SurveyTrendsDto = {
    metric: "nps",
    svg: "<svg/>",
    labels: ["03-12", "03-13", "03-14"],
    bucketStartsMs: [1, 2, 3],
    lines: [
      { group: "east", total: { value: 20, n: 45, small: false }, points: [
        { value: 20, n: 40, small: false },
        { value: null, n: 0, small: true },
        { value: -60, n: 5, small: true },
      ] },
      { group: "north", total: { value: 0, n: 2, small: true }, points: [
        { value: null, n: 0, small: true },
        { value: null, n: 0, small: true },
        { value: 0, n: 2, small: true },
      ] },
    ],
    maxLines: 8,
    minReliable: 30,
  };

  it("formats each figure with its unit and marks small samples", () => {
    expect(metricValue("csatShare", 82)).toBe("82.0%");
    expect(metricValue("nps", 35)).toBe("+35");
    expect(metricValue("csatMean", 4.25)).toBe("4.25");
    expect(pointText("nps", { value: -60, n: 5, small: true })).toBe("-60 · n=5 ⚠");
    expect(pointText("nps", { value: 20, n: 40, small: false })).toBe("+20 · n=40");
    expect(pointText("nps", { value: null, n: 0, small: true })).toBe("—");
  });

  it("tables one row per bucket with surveys and counts the small points", () => {
    expect(trendRows(trends).map((r) => r.label)).toEqual(["03-12", "03-14"]);
    expect(smallPoints(trends)).toBe(2);
  });
});
