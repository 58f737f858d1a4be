// The fake backend's routing changes, as the real one decides them: the role, the plan
// version, a reason, and the team's approval policy (a mode that needs a second supervisor is
// filed as a request; another lead approves, refuses or withdraws it). Every decision goes to
// the fake audit trail.

import type { PermissionDto, RoutingChangedDto, RoutingModeDto, RoutingPolicyDto, RoutingRequestDto } from "../src/ipc";
import { Refusal, type BackendState } from "./backend";

function isCentreWide(mode: RoutingModeDto): boolean {
  if (mode.kind === "regionalPriority") return true;
  return mode.kind !== "siteFailover" && mode.scope.kind === "centre";
}

function needsApproval(mode: RoutingModeDto, policy: RoutingPolicyDto): boolean {
  if (isCentreWide(mode)) return policy.secondApproverForCentre;
  const onASite = mode.kind === "siteFailover" || (mode.kind !== "regionalPriority" && mode.scope.kind === "site");
  return onASite && policy.secondApproverForSites;
}

function actionOf(request: RoutingRequestDto): string {
  switch (request.kind) {
    case "activate":
      return "routing.activate";
    case "deactivate":
      return "routing.deactivate";
    case "approve":
      return "routing.approve";
    case "decline":
      return "routing.decline";
  }
}

export function routingChange(
  state: BackendState,
  may: (p: PermissionDto) => boolean,
  request: RoutingRequestDto,
  expectedVersion: number,
  changed: () => void,
): RoutingChangedDto {
  const routing = state.routing;
  const audit = (action: string, outcome: string, reason: string | null, detail: string) =>
    state.audit.unshift({
      id: state.audit.length + 1000,
      atMs: state.frame.atMs,
      user: state.profile.user,
      role: state.profile.role ?? "",
      action,
      outcome,
      reason,
      call: null,
      agent: null,
      queue: null,
      mode: request.kind === "activate" ? request.mode.kind : null,
      detail,
    });
  const refuse = (code: string, message: string): never => {
    audit(actionOf(request), "denied", message, "");
    throw new Refusal({ code, message });
  };
  if (!may("toggleRoutingModes")) refuse("routing.not_permitted", "your role may not toggle disaster-mode routing");
  if (expectedVersion !== routing.version)
    refuse("routing.conflict", `the routing plan changed while you decided (you saw version ${expectedVersion})`);
  if ("reason" in request && [...request.reason.trim()].length < 5) refuse("routing.rejected", "the reason is too short");
  let awaitingApproval = false;
  let id: number;
  let action: string;
  switch (request.kind) {
    case "activate": {
      id = state.nextMode++;
      const mode = {
        id,
        mode: request.mode,
        targetName: "",
        reason: request.reason,
        activatedBy: state.profile.displayName,
        activatedAtMs: state.frame.atMs,
        revertAtMs: request.revertAtMs,
        approvedBy: null,
      };
      awaitingApproval = needsApproval(request.mode, routing.policy);
      if (awaitingApproval) {
        routing.pending.push({ request: mode, expiresAtMs: state.frame.atMs + routing.policy.approvalMinutes * 60_000, mine: true });
        action = "routing.request";
      } else {
        routing.active.push(mode);
        action = "routing.activate";
      }
      break;
    }
    case "deactivate":
      id = request.id;
      routing.active = routing.active.filter((m) => m.id !== request.id);
      action = "routing.deactivate";
      break;
    case "approve": {
      id = request.id;
      const pending = routing.pending.find((p) => p.request.id === request.id);
      if (!pending) return refuse("routing.rejected", `there is no request mode #${request.id} waiting for approval`);
      if (pending.mine) refuse("routing.rejected", "the approver must be another supervisor");
      routing.pending = routing.pending.filter((p) => p !== pending);
      routing.active.push({ ...pending.request, activatedAtMs: state.frame.atMs, approvedBy: state.profile.displayName });
      action = "routing.approve";
      break;
    }
    case "decline": {
      id = request.id;
      const pending = routing.pending.find((p) => p.request.id === request.id);
      if (!pending) return refuse("routing.rejected", `there is no request mode #${request.id} waiting for approval`);
      routing.pending = routing.pending.filter((p) => p !== pending);
      action = pending.mine ? "routing.withdraw" : "routing.refuse";
      break;
    }
  }
  routing.version += 1;
  audit(action, "allowed", null, "reason" in request ? request.reason : "");
  changed();
  return { version: routing.version, id, awaitingApproval };
}
