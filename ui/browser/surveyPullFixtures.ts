// The fake survey service behind the survey pull's browser tests: the pull's status as the
// backend reports it (null: no service configured), what the service holds for the next
// "Pull now", and that pull, which becomes the status's last one as fw-app's does.

import type { ProfileDto, PullReportDto, SurveyPullStatusDto } from "../src/ipc";
import { NOW_MS } from "./fixtures";

/** What the next pull finds: its counts, error and bad items (the rest is filled in). */
export type PullFinding = Omit<PullReportDto, "trigger" | "startedAtMs" | "finishedAtMs" | "succeeded">;

export interface PullFake {
  status: SurveyPullStatusDto | null;
  next: PullFinding;
}

/** 22:25 in Shanghai: the last scheduled pull, five minutes before the fixtures' now. */
export const LAST_PULL_MS = NOW_MS - 5 * 60_000;

export const pullStatusFixture: SurveyPullStatusDto = {
  url: "https://surveys.example.com/v1/responses",
  everyMinutes: 5,
  state: { kind: "idle" },
  last: {
    trigger: { kind: "scheduled" },
    startedAtMs: LAST_PULL_MS - 1_500,
    finishedAtMs: LAST_PULL_MS,
    received: 40,
    stored: 38,
    duplicates: 2,
    pages: 1,
    retries: 0,
    error: null,
    problems: [],
    totalProblems: 0,
    cursorAdvanced: true,
    succeeded: true,
  },
  lastSuccessAtMs: LAST_PULL_MS,
};

/** Two pages of new surveys, one page retried, three calls already stored. */
export const pullStoredFixture: PullFinding = {
  received: 120,
  stored: 117,
  duplicates: 3,
  pages: 2,
  retries: 1,
  error: null,
  problems: [],
  totalProblems: 0,
  cursorAdvanced: true,
};

/** A page with items that are not surveys: the whole pull is held back. */
export const pullHeldBackFixture: PullFinding = {
  received: 1_250,
  stored: 0,
  duplicates: 0,
  pages: 13,
  retries: 0,
  error: "held back: 1204 items cannot be read",
  problems: [
    { line: 3, reason: "CSAT 9 is outside 1–5" },
    { line: 41, reason: "answered_at: “昨天下午” is not a date" },
  ],
  totalProblems: 1_204,
  cursorAdvanced: false,
};

export const pullFake = (): PullFake => structuredClone({ status: pullStatusFixture, next: pullStoredFixture });

/** "Pull now" as fw-app runs it: refused when it cannot run, else a report that becomes the
 * status's last one. `fail(message)` throws the refusal. */
export function pullNow(fake: PullFake, profile: ProfileDto, atMs: number, fail: (message: string) => never): PullReportDto {
  const status = fake.status;
  if (status === null) return fail("no survey service is configured (FLOORWALKER_SURVEY_URL)");
  if (status.state.kind === "unavailable") return fail(status.state.reason);
  const found = structuredClone(fake.next);
  const report: PullReportDto = {
    ...found,
    trigger: { kind: "user", name: profile.user, displayName: profile.displayName },
    startedAtMs: atMs,
    finishedAtMs: atMs + 2_000,
    succeeded: found.error === null && found.totalProblems === 0,
  };
  status.last = report;
  if (report.succeeded) status.lastSuccessAtMs = report.finishedAtMs;
  return structuredClone(report);
}
