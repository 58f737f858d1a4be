// The survey fixtures of the browser tests: fourteen answered surveys over the last two days
// (detractors, low CSAT, comments in Chinese and English, some reviewed), the managed tag list,
// the follow-up owners, and the review queue's query logic as the store answers it (filters,
// orders, paging with a capped count), so a filter in a test really narrows the queue.

import type {
  NpsGroupDto,
  ReviewNeedDto,
  SurveyDetailDto,
  SurveyFilterDto,
  SurveyNoteDto,
  SurveyPageDto,
  SurveyPersonDto,
  SurveyRowDto,
  SurveySortDto,
  SurveyTagDto,
} from "../src/ipc";
import { NOW_MS } from "./fixtures";

const HOUR_MS = 3_600_000;

/** The store's defaults (migration 1002). */
export const surveyTagsFixture: SurveyTagDto[] = [
  { name: "agent_coaching", labelEn: "Agent coaching", labelZh: "坐席辅导", retired: false },
  { name: "billing_error", labelEn: "Billing error", labelZh: "账单错误", retired: false },
  { name: "long_wait", labelEn: "Long wait", labelZh: "等待过长", retired: false },
  { name: "praise", labelEn: "Praise", labelZh: "表扬", retired: false },
  { name: "process_issue", labelEn: "Process issue", labelZh: "流程问题", retired: false },
  { name: "product_defect", labelEn: "Product defect", labelZh: "产品缺陷", retired: false },
  { name: "wrong_routing", labelEn: "Wrong routing", labelZh: "路由错误", retired: true },
];

/** The team's users who review surveys (the follow-up owners). */
export const surveyPeopleFixture: SurveyPersonDto[] = [
  { name: "li.wei", displayName: "李伟" },
  { name: "root", displayName: "管理员" },
  { name: "wang.fang", displayName: "王芳" },
  { name: "zhao.min", displayName: "赵敏" },
];

function groupOf(nps: number | null): NpsGroupDto | null {
  if (nps === null) return null;
  return nps <= 6 ? "detractor" : nps <= 8 ? "passive" : "promoter";
}

/** fw-survey's ReviewNeed: a detractor or CSAT 1–2, then a comment, then the rest. */
function needOf(csat: number, nps: number | null, comment: string | null): ReviewNeedDto {
  if ((nps !== null && nps <= 6) || csat <= 2) return "unhappy";
  return comment?.trim() ? "commented" : "rest";
}

function survey(
  id: number,
  hoursAgo: number,
  site: string,
  queue: string,
  agent: string,
  answers: { csat: number; nps: number | null; fcr: boolean | null; comment: string | null },
  more: Partial<Pick<SurveyRowDto, "status" | "tags" | "followUpOwner" | "followUpDueMs" | "escalated" | "callback">> = {},
): SurveyRowDto {
  const at = NOW_MS - hoursAgo * HOUR_MS;
  return {
    id,
    callRef: `sim-2026-${at}-${id}`,
    answeredAtMs: at,
    site,
    queue,
    agent,
    waitSecs: 20 + ((id * 37) % 400),
    talkSecs: 120 + ((id * 53) % 500),
    escalated: more.escalated ?? false,
    callback: more.callback ?? false,
    csat: answers.csat,
    nps: answers.nps,
    npsGroup: groupOf(answers.nps),
    fcr: answers.fcr,
    comment: answers.comment,
    need: needOf(answers.csat, answers.nps, answers.comment),
    lowCsat: answers.csat <= 2,
    status: more.status ?? "new",
    followUpOwner: more.followUpOwner ?? null,
    followUpDueMs: more.followUpDueMs ?? null,
    tags: [...(more.tags ?? [])].sort(),
    updatedAtMs: at,
  };
}

export const surveysFixture: SurveyRowDto[] = [
  survey(101, 1, "east", "east.complaints", "张伟", { csat: 1, nps: 2, fcr: false, comment: "等了四十分钟才接通，问题还没解决，我要投诉！" }, { escalated: true }),
  survey(102, 2, "east", "east.orders", "王磊", { csat: 2, nps: 5, fcr: false, comment: "退款到现在还没到账" }),
  survey(103, 3, "north", "north.phones", "陈静", { csat: 5, nps: 3, fcr: true, comment: null }),
  survey(104, 4, "south", "south.claims", "周敏", { csat: 2, nps: 8, fcr: null, comment: "理赔材料的要求讲得不清楚" }, { status: "inReview", tags: ["process_issue"] }),
  survey(105, 5, "north", "north.smart_home", "孙浩", { csat: 4, nps: 8, fcr: true, comment: "坐席很耐心，但是排队太久" }),
  survey(106, 6, "east", "east.orders", "王磊", { csat: 4, nps: 9, fcr: true, comment: "Refund arrived quickly, thanks" }),
  survey(107, 8, "south", "south.repairs", "赵丽", { csat: 5, nps: 10, fcr: true, comment: null }, { status: "closed", tags: ["praise"] }),
  survey(108, 10, "north", "north.tier2", "黄蕾", { csat: 3, nps: 7, fcr: false, comment: null }, { escalated: true }),
  survey(109, 20, "east", "east.complaints", "张伟", { csat: 3, nps: 6, fcr: false, comment: "第二次打来了" }, {
    status: "followUp",
    followUpOwner: "zhao.min",
    followUpDueMs: NOW_MS + 24 * HOUR_MS,
  }),
  survey(110, 26, "east", "east.complaints", "张伟", { csat: 4, nps: 9, fcr: true, comment: null }, { status: "closed" }),
  survey(111, 30, "east", "east.complaints", "张伟", { csat: 2, nps: 4, fcr: false, comment: "态度不好" }, { status: "closed", tags: ["agent_coaching"] }),
  survey(112, 40, "south", "south.claims", "周敏", { csat: 5, nps: 9, fcr: true, comment: "很满意" }, { status: "closed" }),
  survey(113, 44, "north", "north.phones", "陈静", { csat: 4, nps: null, fcr: null, comment: null }, { callback: true }),
  survey(114, 47, "east", "east.orders", "高远", { csat: 1, nps: 0, fcr: false, comment: "电话被挂断三次" }),
];

export const surveyNotesFixture: Record<number, SurveyNoteDto[]> = {
  109: [{ id: 1, author: "zhao.min", atMs: NOW_MS - 19 * HOUR_MS, body: "已约客户明天上午回电" }],
};

/** Where the store stops counting matches (fw-store's SURVEY_COUNT_CAP). */
export const SURVEY_COUNT_CAP = 10_000;

function inRange(value: number | null, min: number | undefined, max: number | undefined): boolean {
  if (min === undefined && max === undefined) return true;
  if (value === null) return false;
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

const GROUP_SCORES: Record<NpsGroupDto, [number, number]> = { detractor: [0, 6], passive: [7, 8], promoter: [9, 10] };

/** Whether `row` passes every filter, as the store's SQL decides (exact names, inclusive
 * ranges, `[from, to)`, comment search as a case-insensitive substring). */
export function surveyMatches(row: SurveyRowDto, f: SurveyFilterDto): boolean {
  const comment = row.comment ?? "";
  const group = f.npsGroup ? GROUP_SCORES[f.npsGroup] : undefined;
  return (
    (f.fromMs === undefined || row.answeredAtMs >= f.fromMs) &&
    (f.toMs === undefined || row.answeredAtMs < f.toMs) &&
    (f.site === undefined || row.site === f.site) &&
    (f.queue === undefined || row.queue === f.queue) &&
    (f.agent === undefined || row.agent === f.agent) &&
    inRange(row.csat, f.csatMin, f.csatMax) &&
    inRange(row.nps, f.npsMin, f.npsMax) &&
    (group === undefined || inRange(row.nps, group[0], group[1])) &&
    (f.fcr === undefined || row.fcr === f.fcr) &&
    (f.hasComment === undefined || (comment !== "") === f.hasComment) &&
    (f.reviewed === undefined || (row.status !== "new") === f.reviewed) &&
    (f.status === undefined || row.status === f.status) &&
    (f.tag === undefined || row.tags.includes(f.tag)) &&
    (f.text === undefined ||
      f.text
        .toLowerCase()
        .split(/\s+/)
        .filter(Boolean)
        .every((word) => comment.toLowerCase().includes(word)))
  );
}

const NEED_RANK: Record<ReviewNeedDto, number> = { unhappy: 0, commented: 1, rest: 2 };
const newest = (a: SurveyRowDto, b: SurveyRowDto) => b.answeredAtMs - a.answeredAtMs || b.id - a.id;

function order(sort: SurveySortDto): (a: SurveyRowDto, b: SurveyRowDto) => number {
  switch (sort) {
    case "need":
      return (a, b) => NEED_RANK[a.need] - NEED_RANK[b.need] || newest(a, b);
    case "newest":
      return newest;
    case "oldest":
      return (a, b) => -newest(a, b);
    case "csatAscending":
      return (a, b) => a.csat - b.csat || newest(a, b);
    case "npsAscending":
      return (a, b) => (a.nps === null ? 1 : 0) - (b.nps === null ? 1 : 0) || (a.nps ?? 0) - (b.nps ?? 0) || newest(a, b);
  }
}

/** One page of the review queue. */
export function surveyPage(
  all: readonly SurveyRowDto[],
  filter: SurveyFilterDto,
  sort: SurveySortDto,
  offset: number,
  limit: number,
  cap = SURVEY_COUNT_CAP,
): SurveyPageDto {
  const matched = all.filter((row) => surveyMatches(row, filter)).sort(order(sort));
  return {
    rows: matched.slice(offset, offset + Math.min(limit, 500)),
    total: Math.min(matched.length, cap),
    totalCapped: matched.length > cap,
    offset,
  };
}

/** A survey with its notes and the same agent's 20 latest surveys before it. */
export function surveyDetailOf(all: readonly SurveyRowDto[], notes: Record<number, SurveyNoteDto[]>, row: SurveyRowDto): SurveyDetailDto {
  return {
    survey: row,
    notes: notes[row.id] ?? [],
    agentRecent:
      row.agent === ""
        ? []
        : all
            .filter((r) => r.agent === row.agent && r.answeredAtMs < row.answeredAtMs)
            .sort(newest)
            .slice(0, 20),
  };
}
