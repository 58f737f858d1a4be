// The one and only bridge to the Rust side. Nothing else in the UI imports @tauri-apps/api:
// views receive plain DTOs (generated from Rust by ts-rs into ./bindings) and call the
// typed functions below.

import { Channel, invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
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
import type { SurveyActionDto } from "./bindings/SurveyActionDto";
import type { SurveyDetailDto } from "./bindings/SurveyDetailDto";
import type { SurveyFilterDto } from "./bindings/SurveyFilterDto";
import type { SurveyPageDto } from "./bindings/SurveyPageDto";
import type { SurveyPersonDto } from "./bindings/SurveyPersonDto";
import type { SurveySortDto } from "./bindings/SurveySortDto";
import type { SurveyTagDto } from "./bindings/SurveyTagDto";
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
export type { ApproverDto } from "./bindings/ApproverDto";
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
 * `onFrame`, in order. Resolves once the backend has accepted the subscription; rejects
 * with an IpcErrorDto if it did not.
 */
export async function subscribeFrames(onFrame: (frame: FrameDto) => void): Promise<void> {
  const channel = new Channel<FrameDto>();
  channel.onmessage = onFrame;
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

/** Turns a mode on or off if the plan is still at `expectedVersion`; resolves with the new version. */
export async function routingChange(request: RoutingRequestDto, expectedVersion: number): Promise<number> {
  return call<number>("routing_change", { request, expectedVersion });
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
