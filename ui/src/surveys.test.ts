import { afterEach, describe, expect, it, vi } from "vitest";
import { setLocale } from "./i18n";
import type { SurveyRowDto, SurveyTagDto } from "./ipc";
import {
  EMPTY_FORM,
  PAGE_SIZE,
  Selection,
  debounce,
  dueAt,
  excerpt,
  filterChips,
  hasNextPage,
  isOverdue,
  meanCsat,
  needReasons,
  rangeText,
  surveyErrorText,
  tagLabel,
  toFilter,
  withoutFilter,
  type FilterForm,
} from "./surveys";

const row = (over: Partial<SurveyRowDto>): SurveyRowDto => ({
  id: 1,
  callRef: "sim-1",
  answeredAtMs: Date.UTC(2025, 2, 14, 14, 0),
  site: "north",
  queue: "north.phones",
  agent: "王芳",
  waitSecs: 30,
  talkSecs: 200,
  escalated: false,
  callback: false,
  csat: 4,
  nps: 9,
  npsGroup: "promoter",
  fcr: true,
  comment: null,
  need: "rest",
  lowCsat: false,
  status: "new",
  followUpOwner: null,
  followUpDueMs: null,
  tags: [],
  updatedAtMs: 0,
  ...over,
});

const tags: SurveyTagDto[] = [
  { name: "long_wait", labelEn: "Long wait", labelZh: "等待过长", retired: false },
  { name: "praise", labelEn: "Praise", labelZh: "表扬", retired: true },
];

const form = (over: Partial<FilterForm>): FilterForm => ({ ...EMPTY_FORM, ...over });

afterEach(() => setLocale("en"));

describe("the filter form", () => {
  it("sends only the filters in use, days cut in the centre's time zone", () => {
    expect(toFilter(EMPTY_FORM, "Asia/Shanghai")).toEqual({});
    const filter = toFilter(
      form({ from: "2025-03-14", to: "2025-03-14", site: "east", csatMax: "2", npsGroup: "detractor", fcr: "no", reviewed: "no", text: "  退款 ", tag: "long_wait" }),
      "Asia/Shanghai",
    );
    expect(filter).toEqual({
      fromMs: Date.UTC(2025, 2, 13, 16),
      toMs: Date.UTC(2025, 2, 14, 16),
      site: "east",
      csatMax: 2,
      npsGroup: "detractor",
      fcr: false,
      reviewed: false,
      tag: "long_wait",
      text: "退款",
    });
    // Off-scale scores are dropped rather than sent.
    expect(toFilter(form({ csatMin: "9", npsMin: "0" }))).toEqual({ npsMin: 0 });
  });

  it("shows each filter in use as a chip that removes it", () => {
    setLocale("en");
    const f = form({ site: "east", csatMin: "1", npsGroup: "detractor", tag: "long_wait", text: "refund", hasComment: "yes" });
    const chips = filterChips(f, tags);
    expect(chips.map((c) => c.key)).toEqual(["site", "csatMin", "npsGroup", "hasComment", "tag", "text"]);
    expect(chips.map((c) => c.text)).toEqual(["Site: East", "CSAT ≥ 1", "NPS group: detractor", "Comment: With a comment", "Tag: Long wait", "“refund”"]);
    expect(filterChips(withoutFilter(f, "tag"), tags).some((c) => c.key === "tag")).toBe(false);
    setLocale("zh-CN");
    expect(filterChips(form({ site: "east", tag: "long_wait" }), tags).map((c) => c.text)).toEqual(["站点：华东", "标签：等待过长"]);
  });
});

describe("the review queue", () => {
  it("says why each survey is in the queue, the worst reason first", () => {
    expect(needReasons(row({ need: "unhappy", nps: 3, npsGroup: "detractor", csat: 1, lowCsat: true }))).toEqual(["detractor", "lowCsat"]);
    expect(needReasons(row({ need: "unhappy", csat: 2, lowCsat: true }))).toEqual(["lowCsat"]);
    expect(needReasons(row({ need: "commented", comment: "还行" }))).toEqual(["commented"]);
    expect(needReasons(row({}))).toEqual([]);
  });

  it("words where a page sits, with a capped count as 10,000+", () => {
    setLocale("en");
    expect(rangeText(0, 50, 10_000, true)).toBe("1–50 of 10,000+");
    expect(rangeText(50, 12, 62, false)).toBe("51–62 of 62");
    expect(rangeText(10_000, 50, 10_000, true)).toBe("10,001–10,050 of 10,050+");
    expect(rangeText(0, 0, 0, false)).toBe("none of 0");
    expect(hasNextPage(0, PAGE_SIZE, 62, false)).toBe(true);
    expect(hasNextPage(50, 12, 62, false)).toBe(false);
    expect(hasNextPage(10_000, PAGE_SIZE, 10_000, true)).toBe(true);
    setLocale("zh-CN");
    expect(rangeText(0, 50, 10_000, true)).toBe("第 1–50 条，共 10,000+ 条");
  });

  it("cuts comments by characters, on one line", () => {
    expect(excerpt(null)).toBe("—");
    expect(excerpt("  等了\n很久  ")).toBe("等了 很久");
    expect(excerpt("退".repeat(50), 10)).toBe(`${"退".repeat(10)}…`);
  });

  it("keeps a selection of the page's rows", () => {
    const s = new Selection();
    s.toggle(3);
    expect(s.state([1, 2, 3])).toBe("some");
    s.toggleAll([1, 2, 3]);
    expect(s.state([1, 2, 3])).toBe("all");
    s.toggleAll([1, 2, 3]);
    expect(s.size).toBe(0);
    s.toggle(7);
    s.toggle(2);
    s.keepOnly([2, 3]);
    expect(s.list()).toEqual([2]);
  });
});

describe("the detail", () => {
  it("gives the agent's mean CSAT with how many surveys it is over", () => {
    expect(meanCsat([])).toEqual({ mean: null, n: 0 });
    expect(meanCsat([row({ csat: 1 }), row({ csat: 4 }), row({ csat: 5 })])).toEqual({ mean: 10 / 3, n: 3 });
  });

  it("makes a due date the end of that day in the centre and flags a missed one", () => {
    const due = dueAt("2025-03-15", "Asia/Shanghai");
    expect(due).toBe(Date.UTC(2025, 2, 15, 16) - 1);
    expect(dueAt("", "Asia/Shanghai")).toBeNull();
    const open = row({ followUpOwner: "zhao.min", followUpDueMs: due, status: "followUp" });
    expect(isOverdue(open, (due ?? 0) + 1)).toBe(true);
    expect(isOverdue({ ...open, status: "closed" }, (due ?? 0) + 1)).toBe(false);
    expect(isOverdue(open, due ?? 0)).toBe(false);
  });

  it("labels tags in the current language and words refusals by code", () => {
    setLocale("zh-CN");
    expect(tagLabel("long_wait", tags)).toBe("等待过长");
    expect(tagLabel("unknown_tag", tags)).toBe("unknown_tag");
    setLocale("en");
    expect(surveyErrorText({ code: "survey.not_permitted", message: "the wallboard role may not review surveys" })).toBe(
      "your role may not do this (the wallboard role may not review surveys)",
    );
    expect(surveyErrorText({ code: "ipc", message: "boom" })).toBe("something went wrong (boom)");
  });
});

describe("typing", () => {
  it("asks again only once typing pauses, or at once on Enter", () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const d = debounce(run, 300);
    d.schedule();
    vi.advanceTimersByTime(200);
    d.schedule();
    vi.advanceTimersByTime(200);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(run).toHaveBeenCalledTimes(1);
    d.schedule();
    d.flush();
    expect(run).toHaveBeenCalledTimes(2);
    d.flush();
    expect(run).toHaveBeenCalledTimes(2);
    vi.useRealTimers();
  });
});
