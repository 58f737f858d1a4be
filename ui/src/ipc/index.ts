// The one and only bridge to the Rust side. Nothing else in the UI imports @tauri-apps/api:
// views receive plain DTOs (generated from Rust by ts-rs into ./bindings) and call the
// typed functions below.

import { Channel, invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { FrameAssembler } from "../frameAssembly";
import type { AgentPageDto } from "./bindings/AgentPageDto";
import type { AgentQueryDto } from "./bindings/AgentQueryDto";
import type { AlertRules } from "./bindings/AlertRules";
import type { AlertsDto } from "./bindings/AlertsDto";
import type { AuditExportDto } from "./bindings/AuditExportDto";
import type { AuditPageDto } from "./bindings/AuditPageDto";
import type { AuditQueryDto } from "./bindings/AuditQueryDto";
import type { CallsDto } from "./bindings/CallsDto";
import type { FrameDto } from "./bindings/FrameDto";
import type { IpcErrorDto } from "./bindings/IpcErrorDto";
import type { MonitorModeDto } from "./bindings/MonitorModeDto";
import type { ProfileDto } from "./bindings/ProfileDto";
import type { ImpactDto } from "./bindings/ImpactDto";
import type { RoutingDto } from "./bindings/RoutingDto";
import type { RoutingModeDto } from "./bindings/RoutingModeDto";
import type { RoutingRequestDto } from "./bindings/RoutingRequestDto";
import type { RoutingChangedDto } from "./bindings/RoutingChangedDto";
import type { RoutingPolicyDto } from "./bindings/RoutingPolicyDto";
import type { SurveyActionDto } from "./bindings/SurveyActionDto";
import type { SurveyDetailDto } from "./bindings/SurveyDetailDto";
import type { SurveyFilterDto } from "./bindings/SurveyFilterDto";
import type { SurveyPageDto } from "./bindings/SurveyPageDto";
import type { SurveyPersonDto } from "./bindings/SurveyPersonDto";
import type { SurveySortDto } from "./bindings/SurveySortDto";
import type { SurveyTagDto } from "./bindings/SurveyTagDto";
import type { ColumnMappingDto } from "./bindings/ColumnMappingDto";
import type { FormAgreementDto } from "./bindings/FormAgreementDto";
import type { ImportFormatDto } from "./bindings/ImportFormatDto";
import type { ImportPreviewDto } from "./bindings/ImportPreviewDto";
import type { ImportReportDto } from "./bindings/ImportReportDto";
import type { PullReportDto } from "./bindings/PullReportDto";
import type { SurveyPullStatusDto } from "./bindings/SurveyPullStatusDto";
import type { RoundViewDto } from "./bindings/RoundViewDto";
import type { ScoringFormDto } from "./bindings/ScoringFormDto";
import type { SheetValueDto } from "./bindings/SheetValueDto";
import type { SourceEncodingDto } from "./bindings/SourceEncodingDto";
import type { SurveyExportDto } from "./bindings/SurveyExportDto";
import type { SurveyMetricDto } from "./bindings/SurveyMetricDto";
import type { SurveyTrendsDto } from "./bindings/SurveyTrendsDto";
import type { TrendGroupingDto } from "./bindings/TrendGroupingDto";
import type { TrendIntervalDto } from "./bindings/TrendIntervalDto";
import type { TeamSettingsDto } from "./bindings/TeamSettingsDto";
import type { TrendChartsDto } from "./bindings/TrendChartsDto";
import type { TrendScopeDto } from "./bindings/TrendScopeDto";
import type { WindowDto } from "./bindings/WindowDto";

export type { AgentCountsDto } from "./bindings/AgentCountsDto";
export type { AbandonRateRule } from "./bindings/AbandonRateRule";
export type { AgentStateRule } from "./bindings/AgentStateRule";
export type { AlertDto } from "./bindings/AlertDto";
export type { AlertKindDto } from "./bindings/AlertKindDto";
export type { AlertRules } from "./bindings/AlertRules";
export type { AlertsDto } from "./bindings/AlertsDto";
export type { LinkLostRule } from "./bindings/LinkLostRule";
export type { LongestWaitRule } from "./bindings/LongestWaitRule";
export type { NoAgentRule } from "./bindings/NoAgentRule";
export type { QueueRules } from "./bindings/QueueRules";
export type { ServiceLevelRule } from "./bindings/ServiceLevelRule";
export type { TeamSettingsDto } from "./bindings/TeamSettingsDto";
export type { TrendChartsDto } from "./bindings/TrendChartsDto";
export type { TrendScopeDto } from "./bindings/TrendScopeDto";
export type { AgentPageDto } from "./bindings/AgentPageDto";
export type { AgentQueryDto } from "./bindings/AgentQueryDto";
export type { AgentRowDto } from "./bindings/AgentRowDto";
export type { AgentSortDto } from "./bindings/AgentSortDto";
export type { AgentStateDto } from "./bindings/AgentStateDto";
export type { FilterOptionDto } from "./bindings/FilterOptionDto";
export type { StateCountsDto } from "./bindings/StateCountsDto";
export type { StateFilterDto } from "./bindings/StateFilterDto";
export type { AuditExportDto } from "./bindings/AuditExportDto";
export type { AuditPageDto } from "./bindings/AuditPageDto";
export type { AuditQueryDto } from "./bindings/AuditQueryDto";
export type { AuditRecordDto } from "./bindings/AuditRecordDto";
export type { CallPhaseDto } from "./bindings/CallPhaseDto";
export type { CallsDto } from "./bindings/CallsDto";
export type { LiveCallDto } from "./bindings/LiveCallDto";
export type { MonitorDto } from "./bindings/MonitorDto";
export type { MonitorEndDto } from "./bindings/MonitorEndDto";
export type { MonitorEndReasonDto } from "./bindings/MonitorEndReasonDto";
export type { MonitorModeDto } from "./bindings/MonitorModeDto";
export type { PermissionDto } from "./bindings/PermissionDto";
export type { ProfileDto } from "./bindings/ProfileDto";
export type { RoleDto } from "./bindings/RoleDto";
export type { AnomaliesDto } from "./bindings/AnomaliesDto";
export type { ErlangDto } from "./bindings/ErlangDto";
export type { FiguresDto } from "./bindings/FiguresDto";
export type { FrameDto } from "./bindings/FrameDto";
export type { IpcErrorDto } from "./bindings/IpcErrorDto";
export type { LinkDto } from "./bindings/LinkDto";
export type { LinkStateDto } from "./bindings/LinkStateDto";
export type { QueueFrameDto } from "./bindings/QueueFrameDto";
export type { ServiceLevelsDto } from "./bindings/ServiceLevelsDto";
export type { SiteFrameDto } from "./bindings/SiteFrameDto";
export type { SlVariantDto } from "./bindings/SlVariantDto";
export type { WindowDto } from "./bindings/WindowDto";
export type { ActiveModeDto } from "./bindings/ActiveModeDto";
export type { PendingRequestDto } from "./bindings/PendingRequestDto";
export type { RoutingChangedDto } from "./bindings/RoutingChangedDto";
export type { RoutingPolicyDto } from "./bindings/RoutingPolicyDto";
export type { DestinationDto } from "./bindings/DestinationDto";
export type { ImpactDto } from "./bindings/ImpactDto";
export type { InteractionDto } from "./bindings/InteractionDto";
export type { ProjectionDto } from "./bindings/ProjectionDto";
export type { QueueImpactDto } from "./bindings/QueueImpactDto";
export type { RegionalQueueDto } from "./bindings/RegionalQueueDto";
export type { RoutingDto } from "./bindings/RoutingDto";
export type { RoutingModeDto } from "./bindings/RoutingModeDto";
export type { RoutingRequestDto } from "./bindings/RoutingRequestDto";
export type { RoutingScopeDto } from "./bindings/RoutingScopeDto";
export type { ShareDto } from "./bindings/ShareDto";
export type { NpsGroupDto } from "./bindings/NpsGroupDto";
export type { ReviewNeedDto } from "./bindings/ReviewNeedDto";
export type { ReviewStatusDto } from "./bindings/ReviewStatusDto";
export type { SurveyActionDto } from "./bindings/SurveyActionDto";
export type { SurveyDetailDto } from "./bindings/SurveyDetailDto";
export type { SurveyFilterDto } from "./bindings/SurveyFilterDto";
export type { SurveyNoteDto } from "./bindings/SurveyNoteDto";
export type { SurveyPageDto } from "./bindings/SurveyPageDto";
export type { SurveyPersonDto } from "./bindings/SurveyPersonDto";
export type { SurveyRowDto } from "./bindings/SurveyRowDto";
export type { SurveySortDto } from "./bindings/SurveySortDto";
export type { SurveyTagDto } from "./bindings/SurveyTagDto";
export type { ColumnMappingDto } from "./bindings/ColumnMappingDto";
export type { DuplicateRowDto } from "./bindings/DuplicateRowDto";
export type { FormAgreementDto } from "./bindings/FormAgreementDto";
export type { FormItemDto } from "./bindings/FormItemDto";
export type { ImportFormatDto } from "./bindings/ImportFormatDto";
export type { ImportPreviewDto } from "./bindings/ImportPreviewDto";
export type { ImportReportDto } from "./bindings/ImportReportDto";
export type { ItemAgreementDto } from "./bindings/ItemAgreementDto";
export type { PullReportDto } from "./bindings/PullReportDto";
export type { PullStateDto } from "./bindings/PullStateDto";
export type { PullTriggerDto } from "./bindings/PullTriggerDto";
export type { SurveyPullStatusDto } from "./bindings/SurveyPullStatusDto";
export type { ItemSpreadDto } from "./bindings/ItemSpreadDto";
export type { MetricDto } from "./bindings/MetricDto";
export type { RoundItemSpreadDto } from "./bindings/RoundItemSpreadDto";
export type { RoundViewDto } from "./bindings/RoundViewDto";
export type { RowProblemDto } from "./bindings/RowProblemDto";
export type { ScoreSheetDto } from "./bindings/ScoreSheetDto";
export type { ScoreVisibilityDto } from "./bindings/ScoreVisibilityDto";
export type { ScoringFormDto } from "./bindings/ScoringFormDto";
export type { SheetValueDto } from "./bindings/SheetValueDto";
export type { SourceEncodingDto } from "./bindings/SourceEncodingDto";
export type { SurveyExportDto } from "./bindings/SurveyExportDto";
export type { SurveyMetricDto } from "./bindings/SurveyMetricDto";
export type { SurveyTrendsDto } from "./bindings/SurveyTrendsDto";
export type { TrendGroupingDto } from "./bindings/TrendGroupingDto";
export type { TrendIntervalDto } from "./bindings/TrendIntervalDto";
export type { TrendLineDto } from "./bindings/TrendLineDto";
export type { TrendPointDto } from "./bindings/TrendPointDto";

/** Every window the backend accepts, in selector order (keys 1–5). */
export const WINDOWS: readonly WindowDto[] = ["rolling15", "rolling30", "rolling60", "shift", "day"];

export function isIpcError(value: unknown): value is IpcErrorDto {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

/**
 * Normalises whatever an invoke rejected with into an IpcErrorDto. Commands reject with
 * `{ code, message }`; anything else (Tauri's own string errors, a missing runtime) is
 * classified here so callers only ever handle one shape.
 */
export function toIpcError(error: unknown): IpcErrorDto {
  if (isIpcError(error)) return { code: error.code, message: error.message };
  if (typeof error === "string") return { code: "ipc", message: error };
  if (error instanceof Error) return { code: "ipc", message: error.message };
  return { code: "ipc", message: String(error) };
}

async function call<T>(command: string, args: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toIpcError(error);
  }
}

/**
 * Opens the live frame stream: every frame the backend sends on the channel is handed to
 * `onFrame` whole (every queue listed, see FrameAssembler), in order. Resolves once the
 * backend has accepted the subscription; rejects with an IpcErrorDto if it did not.
 */
export async function subscribeFrames(onFrame: (frame: FrameDto) => void): Promise<void> {
  const channel = new Channel<FrameDto>();
  const assembler = new FrameAssembler();
  channel.onmessage = (frame) => {
    const whole = assembler.assemble(frame);
    if (whole) onFrame(whole);
  };
  await call<void>("subscribe_frames", { channel });
}

/** Selects the statistics window; later frames carry it. Rejects with an IpcErrorDto. */
export async function setWindow(window: WindowDto): Promise<void> {
  await call<void>("set_window", { window });
}

/** Who runs the console: name, role, permissions, phone, and what this console offers. */
export async function getProfile(): Promise<ProfileDto> {
  return call<ProfileDto>("profile", {});
}

/** Opens the live-calls stream (at most twice a second, only on change). */
export async function subscribeCalls(onCalls: (calls: CallsDto) => void): Promise<void> {
  const channel = new Channel<CallsDto>();
  channel.onmessage = onCalls;
  await call<void>("subscribe_calls", { channel });
}

/**
 * Whether the calls stream should carry every call (the calls view is open, or the page
 * follows a session it asked for) or only the monitored ones.
 */
export async function wantEveryCall(every: boolean): Promise<void> {
  await call<void>("want_every_call", { every });
}

/** Sets the user's own phone for monitoring (checked and audited); resolves with the new profile. */
export async function setEndpoint(endpoint: string): Promise<ProfileDto> {
  return call<ProfileDto>("set_endpoint", { endpoint });
}

/** Starts listening (muted) to a call; resolves with the session id. */
export async function monitorCall(callId: number): Promise<number> {
  return call<number>("monitor_call", { call: callId });
}

/** One window of the agents grid: filtered, sorted, only the rows asked for. */
export async function agentsPage(query: AgentQueryDto): Promise<AgentPageDto> {
  return call<AgentPageDto>("agents_page", { query });
}

/** Starts listening to whatever call the agent is on. */
export async function monitorAgent(agent: number): Promise<number> {
  return call<number>("monitor_agent", { agent });
}

/** Switches a session's mode without redialling. */
export async function monitorMode(session: number, mode: MonitorModeDto): Promise<number> {
  return call<number>("monitor_mode", { session, mode });
}

/** Ends the supervisor's own leg; the call goes on. */
export async function monitorStop(session: number): Promise<number> {
  return call<number>("monitor_stop", { session });
}

/** One page of the audit trail, newest first. */
export async function auditSearch(query: AuditQueryDto, limit: number): Promise<AuditPageDto> {
  return call<AuditPageDto>("audit_search", { query, limit });
}

/** Writes every matching audit record to a CSV file; resolves with where and how many. */
export async function auditExport(query: AuditQueryDto): Promise<AuditExportDto> {
  return call<AuditExportDto>("audit_export", { query });
}

/** Training (simulator only): a simulated colleague barges into a call. */
export async function trainingColleagueBarge(callId: number): Promise<void> {
  await call<void>("training_colleague_barge", { call: callId });
}

/** Opens the alert centre's stream: the whole board whenever it changes. */
export async function subscribeAlerts(onAlerts: (alerts: AlertsDto) => void): Promise<void> {
  const channel = new Channel<AlertsDto>();
  channel.onmessage = onAlerts;
  await call<void>("subscribe_alerts", { channel });
}

/** Marks an alert as seen by this user (audited). */
export async function acknowledgeAlert(id: number): Promise<void> {
  await call<void>("acknowledge_alert", { id });
}

/** Tells the backend the UI's language, for desktop notifications. */
export async function setNotificationLocale(locale: string): Promise<void> {
  await call<void>("set_locale", { locale });
}

/** Calls `onOpen` when the user clicks "Open" on an alert's desktop notification. */
export async function onAlertOpened(onOpen: (alert: { id: number; queue: number | null }) => void): Promise<void> {
  await listen<{ id: number; queue: number | null }>("alert-open", (event) => onOpen(event.payload));
}

/** The team's settings: the centre's hours and the alert rules. */
export async function teamSettings(): Promise<TeamSettingsDto> {
  return call<TeamSettingsDto>("team_settings", {});
}

/** Replaces the alert rules (checked and audited); resolves with the settings as they now are. */
export async function setAlertRules(rules: AlertRules): Promise<TeamSettingsDto> {
  return call<TeamSettingsDto>("set_alert_rules", { rules });
}

/** Sets the centre's time zone and shift starts (`HH:MM, HH:MM`). */
export async function setCentreHours(timeZone: string, shiftStarts: string): Promise<TeamSettingsDto> {
  return call<TeamSettingsDto>("set_centre_hours", { timeZone, shiftStarts });
}

/** Today's trend charts (SVG) for the centre, a site or a queue. */
export async function trendCharts(scope: TrendScopeDto, dark: boolean): Promise<TrendChartsDto> {
  return call<TrendChartsDto>("trend_charts", { scope, dark });
}

/** Opens the routing plan's stream: the plan whenever it changes, and once a second. */
export async function subscribeRouting(onRouting: (routing: RoutingDto) => void): Promise<void> {
  const channel = new Channel<RoutingDto>();
  channel.onmessage = onRouting;
  await call<void>("subscribe_routing", { channel });
}

/** What turning `mode` on would do now, computed from the live figures. */
export async function routingPreview(mode: RoutingModeDto): Promise<ImpactDto> {
  return call<ImpactDto>("routing_preview", { mode });
}

/** Turns a mode on or off, or asks for, approves, refuses or withdraws one, if the plan is
 * still at `expectedVersion`; resolves with the new version and whether it awaits approval. */
export async function routingChange(request: RoutingRequestDto, expectedVersion: number): Promise<RoutingChangedDto> {
  return call<RoutingChangedDto>("routing_change", { request, expectedVersion });
}

/** Saves the team's approval policy (admins; checked and audited). */
export async function setRoutingPolicy(policy: RoutingPolicyDto): Promise<RoutingPolicyDto> {
  return call<RoutingPolicyDto>("set_routing_policy", { policy });
}

/** Calls `onOpen` when the user clicks "Open" on a routing notification. */
export async function onRoutingOpened(onOpen: () => void): Promise<void> {
  await listen<null>("routing-open", () => onOpen());
}

/** One page of the survey review queue, filtered and sorted by the backend. */
export async function surveyPage(filter: SurveyFilterDto, sort: SurveySortDto, offset: number, limit: number): Promise<SurveyPageDto> {
  return call<SurveyPageDto>("survey_page", { filter, sort, offset, limit });
}

/** One survey with its notes and the agent's recent scores. */
export async function surveyDetail(id: number): Promise<SurveyDetailDto> {
  return call<SurveyDetailDto>("survey_detail", { id });
}

/** A review action on one survey or a selection (audited); resolves with how many changed. */
export async function surveyReview(ids: number[], action: SurveyActionDto): Promise<number> {
  return call<number>("survey_review", { ids, action });
}

/** Adds a note to a survey (audited); resolves with the note's id. */
export async function surveyNote(id: number, body: string): Promise<number> {
  return call<number>("survey_note", { id, body });
}

/** The managed tag list, retired tags included. */
export async function surveyTags(): Promise<SurveyTagDto[]> {
  return call<SurveyTagDto[]>("survey_tags", {});
}

/** Adds, relabels, retires or restores a tag (audited); resolves with the list as it now is. */
export async function surveySaveTag(tag: SurveyTagDto): Promise<SurveyTagDto[]> {
  return call<SurveyTagDto[]>("survey_save_tag", { tag });
}

/** Who may own a follow-up: the team's users who review surveys. */
export async function surveyPeople(): Promise<SurveyPersonDto[]> {
  return call<SurveyPersonDto[]>("survey_people", {});
}

/**
 * Hands the console a file to import and resolves with its preview. The bytes travel once, as
 * Tauri's raw IPC body (no JSON array of numbers); the name, format and encoding go in
 * headers (the name percent-encoded: header values are ASCII). The backend holds the file
 * until it is imported or discarded.
 */
export async function surveyImportStage(
  fileName: string,
  bytes: Uint8Array,
  format: ImportFormatDto,
  encoding: SourceEncodingDto,
): Promise<ImportPreviewDto> {
  try {
    return await invoke<ImportPreviewDto>("survey_import_stage", bytes, {
      headers: { "x-fw-file-name": encodeURIComponent(fileName), "x-fw-format": format, "x-fw-encoding": encoding },
    });
  } catch (error) {
    throw toIpcError(error);
  }
}

/** The held file's preview read as another format or encoding. */
export async function surveyImportPreview(token: number, format: ImportFormatDto, encoding: SourceEncodingDto): Promise<ImportPreviewDto> {
  return call<ImportPreviewDto>("survey_import_preview", { token, format, encoding });
}

/** Imports the held file as set up (audited; all or nothing); resolves with the report. */
export async function surveyImport(
  token: number,
  format: ImportFormatDto,
  encoding: SourceEncodingDto,
  mapping: ColumnMappingDto,
  skipDuplicates: boolean,
): Promise<ImportReportDto> {
  return call<ImportReportDto>("survey_import", { token, format, encoding, mapping, skipDuplicates });
}

/** Lets the held file go. */
export async function surveyImportDiscard(token: number): Promise<void> {
  await call<void>("survey_import_discard", { token });
}

/** The survey service pull's state and last result; null when no service is configured. */
export async function surveyPullStatus(): Promise<SurveyPullStatusDto | null> {
  return call<SurveyPullStatusDto | null>("survey_pull_status", {});
}

/**
 * Pulls from the survey service now (audited) and resolves when it is done, with its report:
 * a pull the service or bad items held back is a report with the reason, not a rejection.
 */
export async function surveyPullNow(): Promise<PullReportDto> {
  return call<PullReportDto>("survey_pull_now", {});
}

/** Where an export goes by default: the downloads folder and a dated name. */
export async function surveyExportPath(): Promise<string> {
  return call<string>("survey_export_path", {});
}

/** Writes the filtered queue, in its order, as CSV to `path` (audited); `overwrite` replaces a file. */
export async function surveyExport(filter: SurveyFilterDto, sort: SurveySortDto, path: string, overwrite: boolean): Promise<SurveyExportDto> {
  return call<SurveyExportDto>("survey_export", { filter, sort, path, overwrite });
}

/** The scoring forms in use (the standard form on a new store). */
export async function surveyQaForms(): Promise<ScoringFormDto[]> {
  return call<ScoringFormDto[]>("survey_qa_forms", {});
}

/** Saves a new scoring form (audited); resolves with its id. */
export async function surveyQaCreateForm(form: ScoringFormDto): Promise<number> {
  return call<number>("survey_qa_create_form", { form });
}

/** The users who may score calls. */
export async function surveyQaRaters(): Promise<SurveyPersonDto[]> {
  return call<SurveyPersonDto[]>("survey_qa_raters", {});
}

/** Opens a blind round on one survey's call (audited); resolves with its id. */
export async function surveyQaOpenRound(surveyId: number, formId: number, raters: string[]): Promise<number> {
  return call<number>("survey_qa_open_round", { surveyId, formId, raters });
}

/** Opens rounds on a reproducible sample of the filtered surveys (audited); resolves with their ids. */
export async function surveyQaSample(filter: SurveyFilterDto, perMille: number, seed: number, formId: number, raters: string[]): Promise<number[]> {
  return call<number[]>("survey_qa_sample", { filter, perMille, seed, formId, raters });
}

/** The rounds this user rates (and, for a manager, every recent round), blind while open. */
export async function surveyQaRounds(): Promise<RoundViewDto[]> {
  return call<RoundViewDto[]>("survey_qa_rounds", {});
}

/** The rounds on one survey's call. */
export async function surveyQaRoundsOfSurvey(surveyId: number): Promise<RoundViewDto[]> {
  return call<RoundViewDto[]>("survey_qa_rounds_of_survey", { surveyId });
}

/** One round as this user may see it. */
export async function surveyQaRound(id: number): Promise<RoundViewDto> {
  return call<RoundViewDto>("survey_qa_round", { id });
}

/** Hands in this user's sheet (audited; the first stands); resolves with the round as they now see it. */
export async function surveyQaSubmit(id: number, values: SheetValueDto[], comment: string | null): Promise<RoundViewDto> {
  return call<RoundViewDto>("survey_qa_submit", { id, values, comment });
}

/** Krippendorff's alpha and spread per item of a form, over its complete rounds. */
export async function surveyQaAgreement(formId: number): Promise<FormAgreementDto> {
  return call<FormAgreementDto>("survey_qa_agreement", { formId });
}

/** CSAT, NPS or FCR over days or weeks per group, for a filter: an SVG chart and its numbers. */
export async function surveyTrends(
  filter: SurveyFilterDto,
  grouping: TrendGroupingDto,
  interval: TrendIntervalDto,
  metric: SurveyMetricDto,
  dark: boolean,
  centreLabel: string,
): Promise<SurveyTrendsDto> {
  return call<SurveyTrendsDto>("survey_trends", { filter, grouping, interval, metric, dark, centreLabel });
}

/** Every survey command, shaped as the Surveys view takes them (the shell adds its notice). */
export const surveyBackend = {
  page: surveyPage,
  detail: surveyDetail,
  review: surveyReview,
  note: surveyNote,
  tags: surveyTags,
  saveTag: surveySaveTag,
  people: surveyPeople,
  exportPath: surveyExportPath,
  exportCsv: surveyExport,
  importer: { stage: surveyImportStage, preview: surveyImportPreview, run: surveyImport, discard: surveyImportDiscard },
  pull: { status: surveyPullStatus, pullNow: surveyPullNow },
  forms: surveyQaForms,
  raters: surveyQaRaters,
  scoring: { rounds: surveyQaRounds, round: surveyQaRound, submit: surveyQaSubmit, createForm: surveyQaCreateForm },
  sample: surveyQaSample,
  detailQa: { roundsOf: surveyQaRoundsOfSurvey, openRound: surveyQaOpenRound },
  agreement: { agreement: surveyQaAgreement },
  trends: surveyTrends,
};
