// The team's approval policy for disaster modes, in the settings view: whether centre-wide and
// site modes wait for a second supervisor, and how long a request may wait. Admins edit it;
// everyone else sees it. The backend checks the role, audits and saves; every console takes
// the new policy at its next poll of the plan.

import { wholeNumber } from "../alerts";
import { h, setAttr, setHidden, setText } from "../dom";
import { t } from "../i18n";
import type { IpcErrorDto, ProfileDto, RoutingPolicyDto } from "../ipc";
import { refusalText } from "../monitoring";

export interface RoutingPolicyActions {
  save(policy: RoutingPolicyDto): Promise<RoutingPolicyDto>;
}

/** The largest approval window the backend accepts, in minutes. */
export const MAX_APPROVAL_MINUTES = 240;

/** The policy the form holds, or what is wrong with it. */
export function readPolicy(centre: boolean, sites: boolean, minutes: string): RoutingPolicyDto | { problem: string } {
  const value = wholeNumber(minutes, 1, MAX_APPROVAL_MINUTES);
  if (typeof value !== "number") return { problem: t(value.problem, { field: t("routing.policyMinutes") }) };
  return { secondApproverForCentre: centre, secondApproverForSites: sites, approvalMinutes: value };
}

export function createRoutingPolicyEditor(actions: RoutingPolicyActions): {
  root: HTMLElement;
  render(policy: RoutingPolicyDto | null, profile: ProfileDto | null): void;
} {
  const title = h("h2", "settings-title");
  const hint = h("p", "settings-hint");
  const readOnly = h("p", "muted", { "data-testid": "routing-policy-readonly" });
  const centre = h("input", "", { type: "checkbox", "data-testid": "routing-policy-centre" });
  const centreLabel = h("span");
  const sites = h("input", "", { type: "checkbox", "data-testid": "routing-policy-sites" });
  const sitesLabel = h("span");
  const minutes = h("input", "input", { type: "text", inputmode: "numeric", size: "4", "data-testid": "routing-policy-minutes" });
  const minutesLabel = h("span");
  const save = h("button", "button", { type: "submit", "data-testid": "routing-policy-save" });
  const status = h("p", "settings-status", { "data-testid": "routing-policy-status", role: "status" });
  const form = h(
    "form",
    "routing-policy",
    {},
    h("label", "field inline", {}, centre, centreLabel),
    h("label", "field inline", {}, sites, sitesLabel),
    h("label", "field", {}, minutesLabel, minutes),
    save,
  );
  const root = h("section", "settings-section", { "data-testid": "routing-policy" }, title, hint, readOnly, form, status);

  /** The policy last shown: the fields are refilled only when it changes, so an admin's
   * unsaved edit is never overwritten by a render. */
  let shown = "";
  let saving = false;
  const setStatus = (text: string, kind: "ok" | "error" | null) => {
    setText(status, text);
    setAttr(status, "data-kind", kind);
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (saving) return;
    const policy = readPolicy(centre.checked, sites.checked, minutes.value);
    if ("problem" in policy) {
      setStatus(policy.problem, "error");
      return;
    }
    saving = true;
    save.disabled = true;
    actions
      .save(policy)
      .then(() => setStatus(t("routing.policySaved"), "ok"))
      .catch((error: IpcErrorDto) => setStatus(refusalText(error), "error"))
      .finally(() => {
        saving = false;
        save.disabled = false;
      });
  });

  return {
    root,
    render(policy, profile) {
      setText(title, t("routing.policyTitle"));
      setText(hint, t("routing.policyHint"));
      setText(readOnly, t("routing.policyReadOnly"));
      setText(centreLabel, t("routing.policyCentre"));
      setText(sitesLabel, t("routing.policySites"));
      setText(minutesLabel, t("routing.policyMinutes"));
      setText(save, t("routing.policySave"));
      // Everyone who sees disaster modes sees who must agree; only an admin changes it.
      const visible = profile?.monitoringAvailable ?? false;
      setHidden(root, !visible || policy === null);
      const editable = profile?.permissions.includes("editSettings") ?? false;
      setHidden(readOnly, editable);
      for (const input of [centre, sites, minutes]) input.disabled = !editable;
      setHidden(save, !editable);
      if (!policy) return;
      const key = JSON.stringify(policy);
      if (key === shown) return;
      shown = key;
      centre.checked = policy.secondApproverForCentre;
      sites.checked = policy.secondApproverForSites;
      minutes.value = String(policy.approvalMinutes);
    },
  };
}
