// The simulated backend behind the browser tests: mutable state over the fixtures, one
// handler per IPC command keyed by the command's name, and the streams it publishes on.
//
// To mock a new command: add its arguments and answer to `Commands`, then its handler to
// `createBackend`'s `handlers` (the type checker asks for both).

import type {
  AlertRules,
  AlertsDto,
  AgentPageDto,
  AgentQueryDto,
  AgentRowDto,
  AuditExportDto,
  AuditPageDto,
  AuditQueryDto,
  AuditRecordDto,
  CallsDto,
  FrameDto,
  IpcErrorDto,
  LiveCallDto,
  MonitorModeDto,
  PermissionDto,
  ProfileDto,
  ImpactDto,
  RoutingDto,
  RoutingModeDto,
  RoutingChangedDto,
  RoutingPolicyDto,
  RoutingRequestDto,
  ColumnMappingDto,
  FormAgreementDto,
  ImportFormatDto,
  ImportPreviewDto,
  ImportReportDto,
  PullReportDto,
  RoundViewDto,
  ScoringFormDto,
  SheetValueDto,
  SourceEncodingDto,
  SurveyActionDto,
  SurveyDetailDto,
  SurveyExportDto,
  SurveyMetricDto,
  SurveyTrendsDto,
  TrendGroupingDto,
  TrendIntervalDto,
  SurveyFilterDto,
  SurveyNoteDto,
  SurveyPageDto,
  SurveyPersonDto,
  SurveyPullStatusDto,
  SurveyRowDto,
  SurveySortDto,
  SurveyTagDto,
  TeamSettingsDto,
  TrendChartsDto,
  TrendScopeDto,
  WindowDto,
} from "../src/ipc";
import {
  WINDOW_MS,
  agentPage,
  agents,
  alerts,
  calls,
  frame,
  maskNumber,
  profiles,
  teamSettingsFixture,
  type ProfileName,
} from "./fixtures";
import { auditPage, auditRecords } from "./auditFixtures";
import { impactFor, routingFixture } from "./routingFixtures";
import { routingChange } from "./routingBackend";
import {
  surveyDetailOf,
  surveyNotesFixture,
  surveyPage,
  surveyPeopleFixture,
  surveysFixture,
  surveyTagsFixture,
} from "./surveyFixtures";
import {
  qaAgreementFixture,
  qaFormsFixture,
  qaRatersFixture,
  qaRoundsFixture,
  type StoredRound,
} from "./surveyQaFixtures";
import { pullFake, type PullFake } from "./surveyPullFixtures";
import { surveyToolHandlers } from "./surveyToolsBackend";

/** How a `Channel` argument reaches the backend: serialized as `__CHANNEL__:<callback id>`. */
export type ChannelRef = `__CHANNEL__:${number}`;

/** Every command the UI invokes: the arguments as the backend receives them, and its answer. */
export interface Commands {
  subscribe_frames: { args: { channel: ChannelRef }; result: null };
  set_window: { args: { window: WindowDto }; result: null };
  profile: { args: Record<string, never>; result: ProfileDto };
  subscribe_calls: { args: { channel: ChannelRef }; result: null };
  want_every_call: { args: { every: boolean }; result: null };
  set_endpoint: { args: { endpoint: string }; result: ProfileDto };
  monitor_call: { args: { call: number }; result: number };
  agents_page: { args: { query: AgentQueryDto }; result: AgentPageDto };
  monitor_agent: { args: { agent: number }; result: number };
  monitor_mode: { args: { session: number; mode: MonitorModeDto }; result: number };
  monitor_stop: { args: { session: number }; result: number };
  audit_search: { args: { query: AuditQueryDto; limit: number }; result: AuditPageDto };
  audit_export: { args: { query: AuditQueryDto }; result: AuditExportDto };
  training_colleague_barge: { args: { call: number }; result: null };
  subscribe_alerts: { args: { channel: ChannelRef }; result: null };
  acknowledge_alert: { args: { id: number }; result: null };
  set_locale: { args: { locale: string }; result: null };
  team_settings: { args: Record<string, never>; result: TeamSettingsDto };
  set_alert_rules: { args: { rules: AlertRules }; result: TeamSettingsDto };
  set_centre_hours: { args: { timeZone: string; shiftStarts: string }; result: TeamSettingsDto };
  /** `listen()` of @tauri-apps/api/event (the notification's "Open"): answered with an id. */
  "plugin:event|listen": { args: Record<string, unknown>; result: number };
  trend_charts: { args: { scope: TrendScopeDto; dark: boolean }; result: TrendChartsDto };
  subscribe_routing: { args: { channel: ChannelRef }; result: null };
  routing_preview: { args: { mode: RoutingModeDto }; result: ImpactDto };
  routing_change: { args: { request: RoutingRequestDto; expectedVersion: number }; result: RoutingChangedDto };
  set_routing_policy: { args: { policy: RoutingPolicyDto }; result: RoutingPolicyDto };
  survey_page: { args: { filter: SurveyFilterDto; sort: SurveySortDto; offset: number; limit: number }; result: SurveyPageDto };
  survey_detail: { args: { id: number }; result: SurveyDetailDto };
  survey_review: { args: { ids: number[]; action: SurveyActionDto }; result: number };
  survey_note: { args: { id: number; body: string }; result: number };
  survey_tags: { args: Record<string, never>; result: SurveyTagDto[] };
  survey_save_tag: { args: { tag: SurveyTagDto }; result: SurveyTagDto[] };
  survey_people: { args: Record<string, never>; result: SurveyPersonDto[] };
  /** The raw body arrives as text (the harness decodes it) with the invoke's headers. */
  survey_import_stage: { args: { text: string; headers: Record<string, string> }; result: ImportPreviewDto };
  survey_import_preview: { args: { token: number; format: ImportFormatDto; encoding: SourceEncodingDto }; result: ImportPreviewDto };
  survey_import: {
    args: { token: number; format: ImportFormatDto; encoding: SourceEncodingDto; mapping: ColumnMappingDto; skipDuplicates: boolean };
    result: ImportReportDto;
  };
  survey_import_discard: { args: { token: number }; result: null };
  survey_pull_status: { args: Record<string, never>; result: SurveyPullStatusDto | null };
  survey_pull_now: { args: Record<string, never>; result: PullReportDto };
  survey_export_path: { args: Record<string, never>; result: string };
  survey_export: { args: { filter: SurveyFilterDto; sort: SurveySortDto; path: string; overwrite: boolean }; result: SurveyExportDto };
  survey_qa_forms: { args: Record<string, never>; result: ScoringFormDto[] };
  survey_qa_create_form: { args: { form: ScoringFormDto }; result: number };
  survey_qa_raters: { args: Record<string, never>; result: SurveyPersonDto[] };
  survey_qa_open_round: { args: { surveyId: number; formId: number; raters: string[] }; result: number };
  survey_qa_sample: { args: { filter: SurveyFilterDto; perMille: number; seed: number; formId: number; raters: string[] }; result: number[] };
  survey_qa_rounds: { args: Record<string, never>; result: RoundViewDto[] };
  survey_qa_rounds_of_survey: { args: { surveyId: number }; result: RoundViewDto[] };
  survey_qa_round: { args: { id: number }; result: RoundViewDto };
  survey_qa_submit: { args: { id: number; values: SheetValueDto[]; comment: string | null }; result: RoundViewDto };
  survey_qa_agreement: { args: { formId: number }; result: FormAgreementDto };
  survey_trends: {
    args: { filter: SurveyFilterDto; grouping: TrendGroupingDto; interval: TrendIntervalDto; metric: SurveyMetricDto; dark: boolean; centreLabel: string };
    result: SurveyTrendsDto;
  };
}

export type CommandName = keyof Commands;

export type Handlers = {
  [K in CommandName]: (args: Commands[K]["args"]) => Commands[K]["result"];
};

/** A refusal, thrown by a handler exactly as a command rejects: an IpcErrorDto. */
export class Refusal {
  constructor(readonly error: IpcErrorDto) {}
}

// ---------------------------------------------------------------------------------------
// The backend: mutable state, one handler per command, and the streams it publishes on.

export interface BackendState {
  frame: FrameDto;
  /** The calls with the callers' real numbers (masked on the way out when the role says so). */
  calls: CallsDto;
  /** Whether the page asked for every call (want_every_call) or only monitored ones. */
  everyCall: boolean;
  agents: AgentRowDto[];
  profile: ProfileDto;
  audit: AuditRecordDto[];
  alerts: AlertsDto;
  settings: TeamSettingsDto;
  routing: RoutingDto;
  nextMode: number;
  /** The survey store: surveys with their review state, notes by survey, the tag list. */
  surveys: SurveyRowDto[];
  surveyNotes: Record<number, SurveyNoteDto[]>;
  surveyTags: SurveyTagDto[];
  surveyPeople: SurveyPersonDto[];
  /** Where the survey count stops (a test lowers it to see "N+"). */
  surveyCountCap: number;
  nextNote: number;
  /** The survey tools: the held import file, files written, forms, raters, rounds, agreement. */
  importHeld: { token: number; fileName: string; text: string } | null;
  nextToken: number;
  files: Set<string>;
  qaForms: ScoringFormDto[];
  qaRaters: SurveyPersonDto[];
  qaRounds: StoredRound[];
  qaAgreement: Record<number, FormAgreementDto>;
  nextRound: number;
  /** The survey service: its status (null: none configured) and what the next pull finds. */
  surveyPull: PullFake;
  /** Sessions asked for whose phone has not answered yet: session → call. */
  ringing: Map<number, number>;
  nextSession: number;
}

export interface Streams {
  frames(frame: FrameDto): void;
  calls(calls: CallsDto): void;
  alerts(alerts: AlertsDto): void;
  routing(routing: RoutingDto): void;
}

export interface Backend {
  state: BackendState;
  handlers: Handlers;
  /** The calls list as this user may see it. */
  visibleCalls(): CallsDto;
  /** The platform reports the user's ringing sessions as started (their phone answered). */
  answerPhone(): void;
}

const clone = <T>(value: T): T => structuredClone(value);

export function createBackend(profile: ProfileName, streams: Streams): Backend {
  const state: BackendState = {
    frame: clone(frame),
    calls: clone(calls),
    everyCall: true,
    agents: clone(agents),
    profile: clone(profiles[profile]) as ProfileDto,
    audit: clone(auditRecords),
    alerts: clone(alerts),
    settings: { ...clone(teamSettingsFixture), editable: (profiles[profile] as ProfileDto).permissions.includes("editSettings") },
    routing: clone(routingFixture),
    nextMode: 1,
    surveys: clone(surveysFixture),
    surveyNotes: clone(surveyNotesFixture),
    surveyTags: clone(surveyTagsFixture),
    surveyPeople: clone(surveyPeopleFixture),
    surveyCountCap: 10_000,
    nextNote: 100,
    importHeld: null,
    nextToken: 1,
    files: new Set(),
    qaForms: clone(qaFormsFixture),
    qaRaters: clone(qaRatersFixture),
    qaRounds: clone(qaRoundsFixture),
    qaAgreement: clone(qaAgreementFixture),
    nextRound: 20,
    surveyPull: pullFake(),
    ringing: new Map(),
    nextSession: 501,
  };
  const may = (p: PermissionDto) => state.profile.permissions.includes(p);

  function visibleCalls(): CallsDto {
    const seeNumbers = may("seeCallerNumbers");
    return {
      ...state.calls,
      complete: state.everyCall,
      calls: state.calls.calls
        .filter((c) => state.everyCall || c.monitors.length > 0)
        .map((c) => ({ ...c, caller: seeNumbers ? c.caller : maskNumber(c.caller) })),
    };
  }
  const publishCalls = () => streams.calls(visibleCalls());

  function findCall(id: number): LiveCallDto {
    const found = state.calls.calls.find((c) => c.id === id);
    if (!found) throw new Refusal({ code: "denied.call_gone", message: `call ${id} has ended` });
    return found;
  }

  function start(callId: number): number {
    if (!may("listen")) throw new Refusal({ code: "denied.not_permitted", message: "your role may not listen" });
    if (state.profile.endpoint === null) throw new Refusal({ code: "denied.no_endpoint", message: "no phone to ring" });
    const c = findCall(callId);
    if (c.phase !== "talking" && c.phase !== "onHold")
      throw new Refusal({ code: "denied.call_not_connected", message: `call ${callId} is not connected` });
    const session = state.nextSession++;
    state.ringing.set(session, callId);
    return session;
  }

  function mySession(session: number): { call: LiveCallDto; index: number } {
    for (const c of state.calls.calls) {
      const index = c.monitors.findIndex((m) => m.mine && m.session === session);
      if (index >= 0) return { call: c, index };
    }
    throw new Refusal({ code: "denied.session", message: `session ${session} is not yours` });
  }

  /** The survey desk's checks: the role, then the survey. */
  function reviewer(permission: PermissionDto = "reviewSurveys"): void {
    if (state.profile.role === null) throw new Refusal({ code: "survey.unknown_user", message: `no user named "${state.profile.user}" is configured` });
    if (!may(permission))
      throw new Refusal({ code: "survey.not_permitted", message: `the ${state.profile.role} role may not ${permission === "manageSurveys" ? "manage surveys" : "review surveys"}` });
  }
  function findSurvey(id: number): SurveyRowDto {
    const found = state.surveys.find((s) => s.id === id);
    if (!found) throw new Refusal({ code: "survey.no_such_survey", message: `there is no survey ${id}` });
    return found;
  }
  const invalid = (message: string): never => {
    throw new Refusal({ code: "survey.invalid", message });
  };

  function reviewSurveys(ids: number[], action: SurveyActionDto): number {
    reviewer();
    if (ids.length === 0) invalid("no survey chosen");
    if (action.kind === "addTag") {
      const tag = state.surveyTags.find((t) => t.name === action.tag);
      if (!tag) invalid(`"${action.tag}" is not in the tag list`);
      if (tag?.retired) invalid(`the tag "${action.tag}" is retired`);
    }
    if (action.kind === "followUp" && action.owner !== null && !state.surveyPeople.some((p) => p.name === action.owner))
      invalid(`"${action.owner}" is not a user who reviews surveys`);
    let changed = 0;
    for (const row of state.surveys.filter((s) => ids.includes(s.id))) {
      const before = JSON.stringify(row);
      switch (action.kind) {
        case "setStatus":
          row.status = action.status;
          break;
        case "addTag":
          if (!row.tags.includes(action.tag)) row.tags = [...row.tags, action.tag].sort();
          break;
        case "removeTag":
          row.tags = row.tags.filter((t) => t !== action.tag);
          break;
        case "followUp":
          row.followUpOwner = action.owner;
          row.followUpDueMs = action.owner === null ? null : action.dueMs;
          break;
      }
      // The store counts what it touched: a status or follow-up set is a change even when equal.
      if (action.kind === "setStatus" || action.kind === "followUp" || JSON.stringify(row) !== before) {
        row.updatedAtMs = state.frame.atMs;
        changed += 1;
      }
    }
    return changed;
  }

  const handlers: Handlers = {
    ...surveyToolHandlers({ state, may, reviewer, invalid, findSurvey }),
    subscribe_frames: () => null,
    subscribe_calls: () => null,
    want_every_call: ({ every }) => {
      state.everyCall = every;
      publishCalls();
      return null;
    },
    set_window: ({ window }) => {
      state.frame.window = window;
      state.frame.windowStartMs = state.frame.atMs - WINDOW_MS[window];
      streams.frames(state.frame);
      return null;
    },
    profile: () => clone(state.profile),
    set_endpoint: ({ endpoint }) => {
      const value = endpoint.trim();
      if (!/^[A-Za-z0-9_]+\/[A-Za-z0-9_.@:+\-/#*]+$/.test(value) || value.length > 80)
        throw new Refusal({ code: "invalid_endpoint", message: `the phone may not be ${JSON.stringify(value)}` });
      state.profile.endpoint = value;
      return clone(state.profile);
    },
    monitor_call: ({ call: id }) => start(id),
    monitor_agent: ({ agent: id }) => {
      const row = state.agents.find((a) => a.id === id);
      if (!row || row.call === null) throw new Refusal({ code: "denied.agent_not_on_call", message: `agent ${id} is not on a call` });
      return start(row.call);
    },
    monitor_mode: ({ session, mode }) => {
      if (!may(mode)) throw new Refusal({ code: "denied.not_permitted", message: `your role may not ${mode}` });
      const { call: c, index } = mySession(session);
      const monitor = c.monitors[index];
      if (monitor) monitor.mode = mode;
      publishCalls();
      return session;
    },
    monitor_stop: ({ session }) => {
      if (state.ringing.delete(session)) return session;
      const { call: c, index } = mySession(session);
      c.monitors.splice(index, 1);
      publishCalls();
      return session;
    },
    agents_page: ({ query }) => agentPage(state.agents, query, state.frame),
    audit_search: ({ query, limit }) => auditPage(state.audit, query, limit, state.profile),
    audit_export: ({ query }) => ({
      path: `/home/${state.profile.user}/floorwalker-audit.csv`,
      records: auditPage(state.audit, query, Number.MAX_SAFE_INTEGER, state.profile).records.length,
    }),
    subscribe_alerts: () => null,
    acknowledge_alert: ({ id }) => {
      const alert = [...state.alerts.active, ...state.alerts.recent].find((a) => a.id === id);
      if (!alert) throw new Refusal({ code: "unknown_alert", message: `there is no alert ${id}` });
      if (alert.acknowledgedBy === null) {
        alert.acknowledgedBy = state.profile.user;
        alert.acknowledgedAtMs = state.frame.atMs;
      }
      state.alerts.unacknowledged = state.alerts.active.filter((a) => a.acknowledgedBy === null).length;
      streams.alerts(state.alerts);
      return null;
    },
    set_locale: () => null,
    team_settings: () => clone(state.settings),
    set_alert_rules: ({ rules }) => {
      if (!may("editSettings")) throw new Refusal({ code: "denied.not_permitted", message: "your role may not edit settings" });
      state.settings.rules = rules;
      return clone(state.settings);
    },
    set_centre_hours: ({ timeZone, shiftStarts }) => {
      if (!may("editSettings")) throw new Refusal({ code: "denied.not_permitted", message: "your role may not edit settings" });
      if (!/^[A-Za-z]+\/[A-Za-z_]+$/.test(timeZone))
        throw new Refusal({ code: "invalid_setting", message: `unknown time zone "${timeZone}"` });
      state.settings.timeZone = timeZone;
      state.settings.shiftStarts = shiftStarts.split(",").map((x) => x.trim()).filter(Boolean).sort();
      return clone(state.settings);
    },
    "plugin:event|listen": () => 1,
    trend_charts: ({ scope, dark }) => ({
      charts: [0, 1, 2, 3].map(
        (i) =>
          `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="240"><rect width="640" height="240" fill="${dark ? "#151b23" : "#fff"}"/><text x="20" y="40">${scope.kind} ${i}</text></svg>`,
      ),
      intervals: 90,
    }),
    subscribe_routing: () => null,
    routing_preview: ({ mode }) => {
      if (!may("toggleRoutingModes"))
        throw new Refusal({ code: "routing.not_permitted", message: "your role may not toggle disaster-mode routing" });
      return impactFor(mode, state.frame);
    },
    routing_change: ({ request, expectedVersion }) => routingChange(state, may, request, expectedVersion, () => streams.routing(state.routing)),
    set_routing_policy: ({ policy }) => {
      if (!may("editSettings")) throw new Refusal({ code: "settings.not_permitted", message: "the role may not edit settings" });
      state.routing.policy = policy;
      // As the backend does: a new policy moves the plan's version, so every console reads it.
      state.routing.version += 1;
      streams.routing(state.routing);
      return policy;
    },
    survey_page: ({ filter, sort, offset, limit }) => {
      reviewer();
      return surveyPage(state.surveys, filter, sort, offset, limit, state.surveyCountCap);
    },
    survey_detail: ({ id }) => {
      reviewer();
      return clone(surveyDetailOf(state.surveys, state.surveyNotes, findSurvey(id)));
    },
    survey_review: ({ ids, action }) => reviewSurveys(ids, action),
    survey_note: ({ id, body }) => {
      reviewer();
      findSurvey(id);
      if (body.trim() === "") invalid("the note is empty");
      const note = { id: state.nextNote++, author: state.profile.user, atMs: state.frame.atMs, body };
      state.surveyNotes[id] = [...(state.surveyNotes[id] ?? []), note];
      return note.id;
    },
    survey_tags: () => {
      reviewer();
      return clone(state.surveyTags);
    },
    survey_save_tag: ({ tag }) => {
      reviewer("manageSurveys");
      if (!/^[a-z0-9_]{1,40}$/.test(tag.name)) invalid(`a tag key is 1–40 of a–z, 0–9 and _, not "${tag.name}"`);
      if (!tag.labelEn.trim() || !tag.labelZh.trim()) invalid("a tag needs an English and a Chinese label");
      state.surveyTags = [...state.surveyTags.filter((t) => t.name !== tag.name), tag].sort((a, b) => a.name.localeCompare(b.name));
      return clone(state.surveyTags);
    },
    survey_people: () => {
      reviewer();
      return clone(state.surveyPeople);
    },
    training_colleague_barge: ({ call: id }) => {
      findCall(id).monitors.push({ session: 900 + id, supervisor: "colleague", mode: "barge", mine: false, training: true });
      publishCalls();
      return null;
    },
  };

  return {
    state,
    handlers,
    visibleCalls,
    answerPhone() {
      for (const [session, callId] of state.ringing) {
        const c = state.calls.calls.find((x) => x.id === callId);
        c?.monitors.push({ session, supervisor: state.profile.displayName, mode: "listen", mine: true, training: false });
      }
      state.ringing.clear();
      publishCalls();
    },
  };
}
