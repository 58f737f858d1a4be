// The routing view: the disaster modes in force (with "Turn off…"), the requests waiting for a
// second supervisor (approve, refuse or withdraw), a form to turn one on in two steps
// (preview the impact from the live figures, then confirm with a typed reason; where the
// team's policy asks for a second supervisor, the confirmation files a request instead), and
// the history from the audit trail. The backend checks the role, the rules and the plan
// version again.

import { h, reconcileChildren, setAttr, setHidden, setText } from "../dom";
import { fmtClock } from "../format";
import { getLocale, hasMessage, siteName, t, type MessageKey } from "../i18n";
import type {
  ActiveModeDto,
  AuditPageDto,
  FrameDto,
  ImpactDto,
  IpcErrorDto,
  ProfileDto,
  RoutingChangedDto,
  RoutingDto,
  RoutingModeDto,
  RoutingRequestDto,
} from "../ipc";
import {
  MIN_REASON_CHARS,
  MODE_KINDS,
  REVERT_CHOICES,
  activation,
  formMode,
  modeFacts,
  needsApproval,
  modeText,
  reasonLength,
  reasonProblem,
  sameMode,
  type ModeKind,
  type Names,
} from "../routing";
import { renderImpact } from "./routingImpact";
import { createRoutingRequests } from "./routingRequests";

export interface RoutingActions {
  preview(mode: RoutingModeDto): Promise<ImpactDto>;
  change(request: RoutingRequestDto, expectedVersion: number): Promise<RoutingChangedDto>;
  history(): Promise<AuditPageDto>;
  /** A short message for the notice line. */
  notice(text: string): void;
  error(error: IpcErrorDto): string;
}

export interface RoutingViewState {
  routing: RoutingDto | null;
  frame: FrameDto | null;
  profile: ProfileDto | null;
}

export interface RoutingView {
  root: HTMLElement;
  render(state: RoutingViewState): void;
  refreshHistory(): void;
}

/** Names of the frame's sites and queues, for wording modes. */
export function namesOf(frame: FrameDto | null): Names {
  return {
    site: (id) => frame?.sites.find((s) => s.id === id)?.name,
    queue: (id) => frame?.sites.flatMap((s) => s.queues).find((q) => q.id === id)?.name,
  };
}

function option(value: string, text: string): HTMLOptionElement {
  const el = h("option", "", { value });
  el.textContent = text;
  return el;
}

interface ActiveRow {
  root: HTMLElement;
  update(mode: ActiveModeDto, state: RoutingViewState, mayToggle: boolean): void;
}

function createActiveRow(mode: ActiveModeDto, actions: RoutingActions, version: () => number): ActiveRow {
  const title = h("strong", "routing-mode-title");
  const reason = h("span", "routing-reason");
  const facts = h("div", "routing-mode-facts");
  const off = h("button", "button", { type: "button", "data-testid": `routing-off-${mode.id}` });
  const offReason = h("input", "input", { type: "text", "data-testid": `routing-off-reason-${mode.id}`, maxlength: "500" });
  const offConfirm = h("button", "button danger", { type: "button", "data-testid": `routing-off-confirm-${mode.id}` });
  const offCancel = h("button", "button ghost", { type: "button" });
  const offBox = h("div", "routing-off", {}, offReason, offConfirm, offCancel);
  offBox.hidden = true;
  const root = h(
    "li",
    "routing-mode",
    { "data-testid": `routing-active-${mode.id}` },
    h("span", "routing-icon", { "aria-hidden": "true" }, "⚠"),
    h("div", "routing-mode-main", {}, h("div", "", {}, title, " — ", reason), facts, offBox),
    off,
  );
  let label = "";
  off.addEventListener("click", () => {
    offBox.hidden = false;
    off.hidden = true;
    offReason.focus();
  });
  offCancel.addEventListener("click", () => {
    offBox.hidden = true;
    off.hidden = false;
  });
  offConfirm.addEventListener("click", () => {
    const problem = reasonProblem(offReason.value);
    if (problem) {
      actions.notice(problem);
      return;
    }
    offConfirm.disabled = true;
    actions
      .change({ kind: "deactivate", id: mode.id, reason: offReason.value.trim() }, version())
      .then(() => actions.notice(t("routing.turnedOff", { what: label })))
      .catch((error: IpcErrorDto) => actions.notice(actions.error(error)))
      .finally(() => {
        offConfirm.disabled = false;
      });
  });
  return {
    root,
    update(current, state, mayToggle) {
      label = modeText(current.mode, namesOf(state.frame));
      setText(title, label);
      setText(reason, current.reason);
      setText(facts, modeFacts(current, state.routing?.nowMs ?? Date.now()));
      setText(off, t("routing.turnOff"));
      setAttr(offReason, "placeholder", t("routing.turnOffReason"));
      setText(offConfirm, t("routing.confirmOff"));
      setText(offCancel, t("routing.cancel"));
      setHidden(off, !mayToggle || !offBox.hidden);
    },
  };
}

function revertLabel(minutes: number): string {
  if (minutes === 0) return t("routing.revertNone");
  return minutes < 60 ? t("routing.revertMinutes", { n: minutes }) : t("routing.revertHours", { n: minutes / 60 });
}

export function createRoutingView(actions: RoutingActions): RoutingView {
  let state: RoutingViewState = { routing: null, frame: null, profile: null };
  const version = () => state.routing?.version ?? 0;

  // In force.
  const activeTitle = h("h2", "settings-title");
  const activeNone = h("p", "muted", { "data-testid": "routing-none" });
  const activeList = h("ul", "routing-list", { "data-testid": "routing-active" });
  const rows = new Map<number, ActiveRow>();

  // The form.
  const formTitle = h("h2", "settings-title");
  const notPermitted = h("p", "muted", { "data-testid": "routing-not-permitted" });
  const kindLabel = h("span");
  const kind = h("select", "input", { "data-testid": "routing-kind" });
  const kindHelp = h("p", "settings-hint");
  const scopeLabel = h("span");
  const scope = h("select", "input", { "data-testid": "routing-scope" });
  const siteLabel = h("span");
  const site = h("select", "input", { "data-testid": "routing-site" });
  const regionsLabel = h("span");
  const regions = h("input", "input", { type: "text", "data-testid": "routing-regions" });
  const waive = h("input", "", { type: "checkbox", "data-testid": "routing-waive" });
  const waiveLabel = h("span");
  const revertLabelEl = h("span");
  const revert = h("select", "input", { "data-testid": "routing-revert" });
  const previewButton = h("button", "button", { type: "button", "data-testid": "routing-preview" });
  const scopeRow = h("label", "field", {}, scopeLabel, scope);
  const siteRow = h("label", "field", {}, siteLabel, site);
  const regionsRow = h("label", "field", {}, regionsLabel, regions);
  const waiveRow = h("label", "field inline", {}, waive, waiveLabel);
  const form = h(
    "div",
    "routing-form",
    {},
    h("label", "field", {}, kindLabel, kind),
    kindHelp,
    scopeRow,
    siteRow,
    regionsRow,
    waiveRow,
    h("label", "field", {}, revertLabelEl, revert),
    previewButton,
  );

  // Step 1: the preview; step 2: the reason and the confirmation.
  const previewTitle = h("h3", "routing-step");
  const previewBody = h("div", "", { "data-testid": "routing-preview-body" });
  const stale = h("p", "routing-warning", { "data-testid": "routing-stale" });
  const confirmTitle = h("h3", "routing-step");
  const reasonLabelEl = h("span");
  const reason = h("textarea", "input", { "data-testid": "routing-reason", rows: "2", maxlength: "500" });
  const reasonCount = h("span", "muted", { "data-testid": "routing-reason-count" });
  const approvalNeeded = h("p", "settings-hint", { "data-testid": "routing-approval-needed" });
  const confirm = h("button", "button danger", { type: "button", "data-testid": "routing-confirm" });
  const step = h(
    "div",
    "routing-confirm",
    { "data-testid": "routing-step" },
    previewTitle,
    previewBody,
    stale,
    confirmTitle,
    h("label", "field", {}, reasonLabelEl, reason),
    reasonCount,
    approvalNeeded,
    confirm,
  );
  step.hidden = true;

  // History.
  const historyTitle = h("h2", "settings-title");
  const historyRefresh = h("button", "button ghost", { type: "button", "data-testid": "routing-history-refresh" });
  const historyEmpty = h("p", "muted");
  const historyList = h("ul", "routing-history", { "data-testid": "routing-history" });

  const formSection = h("section", "settings-section", { "data-testid": "routing-form" }, formTitle, notPermitted, form, step);
  const requests = createRoutingRequests(actions, version);
  const root = h(
    "section",
    "view routing-view",
    { "data-testid": "routing-view" },
    h("section", "settings-section", {}, activeTitle, activeNone, activeList),
    requests.root,
    formSection,
    h("section", "settings-section", {}, h("div", "routing-history-head", {}, historyTitle, historyRefresh), historyEmpty, historyList),
  );

  let shown: { mode: RoutingModeDto; version: number } | null = null;
  let topologyKey = "";

  function readForm(): RoutingModeDto | null {
    return formMode({
      kind: kind.value as ModeKind,
      scope: scope.value,
      site: site.value === "" ? null : Number(site.value),
      regions: regions.value,
      waiveFees: waive.checked,
      revertMinutes: Number(revert.value),
    });
  }

  function updateStep(): void {
    const current = readForm();
    const isStale = shown !== null && (!sameMode(shown.mode, current) || shown.version !== version());
    setHidden(stale, !isStale);
    const problem = reasonProblem(reason.value);
    setText(reasonCount, problem ?? t("routing.reasonCount", { n: reasonLength(reason.value), min: MIN_REASON_CHARS }));
    setAttr(reasonCount, "data-ok", problem ? "false" : "true");
    const policy = state.routing?.policy;
    const asks = shown !== null && needsApproval(shown.mode, policy);
    setHidden(approvalNeeded, !asks);
    setText(approvalNeeded, t("routing.approvalNeeded", { minutes: policy?.approvalMinutes ?? 0 }));
    setText(confirm, asks ? t("routing.confirmAsk") : t("routing.confirmOn"));
    confirm.disabled = shown === null || isStale || problem !== null;
  }

  function formChanged(): void {
    const k = kind.value as ModeKind;
    setHidden(scopeRow, k !== "emergencyClosure" && k !== "nightMode");
    setHidden(siteRow, k !== "siteFailover");
    setHidden(regionsRow, k !== "regionalPriority");
    setHidden(waiveRow, k !== "regionalPriority");
    setText(kindHelp, t(`routing.kindHelp.${k}`));
    previewButton.disabled = readForm() === null;
    updateStep();
  }

  for (const el of [kind, scope, site, revert]) el.addEventListener("change", formChanged);
  for (const el of [regions, reason]) el.addEventListener("input", formChanged);
  waive.addEventListener("change", formChanged);

  previewButton.addEventListener("click", () => {
    const mode = readForm();
    if (!mode) return;
    const at = version();
    previewButton.disabled = true;
    previewBody.replaceChildren(h("p", "muted", {}, t("routing.previewing")));
    step.hidden = false;
    actions
      .preview(mode)
      .then((impact) => {
        shown = { mode, version: at };
        previewBody.replaceChildren(renderImpact(impact));
      })
      .catch((error: IpcErrorDto) => {
        shown = null;
        previewBody.replaceChildren(h("p", "routing-warning", { "data-testid": "routing-preview-error" }, actions.error(error)));
      })
      .finally(() => {
        previewButton.disabled = false;
        updateStep();
      });
  });

  confirm.addEventListener("click", () => {
    if (!shown) return;
    const request = activation(shown.mode, reason.value, Number(revert.value), state.routing?.nowMs ?? Date.now());
    const what = modeText(shown.mode, namesOf(state.frame));
    confirm.disabled = true;
    actions
      .change(request, shown.version)
      .then((changed) => {
        actions.notice(changed.awaitingApproval ? t("routing.asked", { what }) : t("routing.turnedOn", { what }));
        shown = null;
        step.hidden = true;
        reason.value = "";
        refreshHistory();
      })
      .catch((error: IpcErrorDto) => {
        actions.notice(actions.error(error));
        if (error.code === "routing.conflict") {
          // The loser decides again, from what is on now.
          shown = null;
          step.hidden = true;
        }
      })
      .finally(updateStep);
  });

  function refreshHistory(): void {
    actions
      .history()
      .then((page) => {
        historyList.replaceChildren(
          ...page.records.map((r) => {
            const action = `routing.action.${r.action}`;
            const outcome = `routing.outcome.${r.outcome}`;
            return h(
              "li",
              "routing-history-row",
              { "data-testid": "routing-history-row", "data-outcome": r.outcome },
              h("span", "routing-history-time", {}, fmtClock(r.atMs)),
              h("strong", "", {}, hasMessage(action) ? t(action) : r.action),
              h("span", "", {}, `${r.user} · ${hasMessage(outcome) ? t(outcome) : r.outcome}${r.reason ? ` (${r.reason})` : ""}`),
              h("span", "routing-history-detail", {}, r.detail),
            );
          }),
        );
        setHidden(historyEmpty, page.records.length > 0);
      })
      .catch((error: IpcErrorDto) => actions.notice(actions.error(error)));
  }
  historyRefresh.addEventListener("click", refreshHistory);

  function fillOptions(frame: FrameDto | null): void {
    // Cheap enough for every frame (a 504-queue centre has three sites), and it changes with
    // the language so the options are reworded.
    const sites = frame?.sites ?? [];
    const key = `${getLocale()}|${sites.map((s) => `${s.id}:${s.name}:${s.queues.length}:${s.queues[0]?.id ?? ""}`).join(",")}`;
    if (key === topologyKey) return;
    topologyKey = key;
    const keepScope = scope.value;
    const keepSite = site.value;
    scope.replaceChildren(option("centre", t("routing.scopeCentre")));
    site.replaceChildren(option("", "—"));
    for (const s of frame?.sites ?? []) {
      scope.append(option(`site:${s.id}`, t("routing.scopeSite", { name: siteName(s.name) })));
      site.append(option(String(s.id), siteName(s.name)));
    }
    for (const s of frame?.sites ?? []) {
      for (const q of s.queues) scope.append(option(`queue:${q.id}`, t("routing.scopeQueue", { name: q.name })));
    }
    scope.value = keepScope || "centre";
    site.value = keepSite;
  }

  /** Static texts, by message key: re-set on every render (a no-op unless the language changed). */
  const texts: [Element, MessageKey][] = [
    [activeTitle, "routing.inForce"],
    [formTitle, "routing.newMode"],
    [notPermitted, "routing.notPermitted"],
    [kindLabel, "routing.kindLabel"],
    [scopeLabel, "routing.scopeLabel"],
    [siteLabel, "routing.siteLabel"],
    [regionsLabel, "routing.regionsLabel"],
    [waiveLabel, "routing.waiveFees"],
    [revertLabelEl, "routing.revertLabel"],
    [previewButton, "routing.preview"],
    [previewTitle, "routing.previewTitle"],
    [stale, "routing.stale"],
    [confirmTitle, "routing.confirmTitle"],
    [reasonLabelEl, "routing.reasonLabel"],
    [historyTitle, "routing.history"],
    [historyRefresh, "routing.historyRefresh"],
    [historyEmpty, "routing.historyEmpty"],
  ];

  /** Labels `select`'s options (one per value, created once) in place, so a choice survives a
   * language switch. */
  function labelOptions<T>(select: HTMLSelectElement, values: readonly T[], label: (value: T) => string): void {
    values.forEach((value, i) => setText(select.options[i] ?? select.appendChild(option(String(value), "")), label(value)));
  }

  function labels(): void {
    for (const [el, key] of texts) setText(el, t(key));
    setAttr(regions, "placeholder", t("routing.regionsHint"));
    setAttr(reason, "placeholder", t("routing.reasonPlaceholder"));
    labelOptions(kind, MODE_KINDS, (k) => t(`routing.kind.${k}`));
    labelOptions(revert, REVERT_CHOICES, revertLabel);
  }

  return {
    root,
    render(next) {
      state = next;
      const routing = next.routing;
      labels();
      fillOptions(next.frame);
      const mayToggle = next.profile?.permissions.includes("toggleRoutingModes") ?? false;
      setHidden(notPermitted, mayToggle);
      setHidden(form, !mayToggle);
      if (!mayToggle) step.hidden = true;
      const active = routing?.active ?? [];
      setText(activeNone, routing?.known ? t("routing.noneActive") : t("routing.unknown"));
      setHidden(activeNone, active.length > 0);
      const used = new Set<number>();
      reconcileChildren(
        activeList,
        active.map((mode) => {
          used.add(mode.id);
          let row = rows.get(mode.id);
          if (!row) {
            row = createActiveRow(mode, actions, version);
            rows.set(mode.id, row);
          }
          row.update(mode, next, mayToggle);
          return row.root;
        }),
      );
      for (const id of rows.keys()) if (!used.has(id)) rows.delete(id);
      requests.render({
        pending: routing?.pending ?? [],
        names: namesOf(next.frame),
        nowMs: routing?.nowMs ?? Date.now(),
        version: version(),
        mayToggle,
      });
      formChanged();
    },
    refreshHistory,
  };
}
