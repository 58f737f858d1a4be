// The team's settings inside the settings view: the centre's hours and the alert rules
// (per queue, with a default for every queue). Read-only for roles that may not edit
// settings; the backend checks, audits and saves.

import { queueRulesFor, wholeNumber, withQueueRules } from "../alerts";
import { h, setAttr, setHidden, setText } from "../dom";
import { t, type MessageKey } from "../i18n";
import type { AlertRules, IpcErrorDto, QueueRules, TeamSettingsDto } from "../ipc";
import { refusalText } from "../monitoring";

export interface TeamSettingsActions {
  saveHours(timeZone: string, shiftStarts: string): Promise<TeamSettingsDto>;
  saveRules(rules: AlertRules): Promise<TeamSettingsDto>;
}

/** One number field of the rule form. */
interface NumberField {
  label: MessageKey;
  min: number;
  max: number;
  /** Percentages may have decimals; seconds and counts are whole. */
  decimal?: boolean;
  input: HTMLInputElement;
  labelEl: HTMLElement;
}

/** One rule: an "on" switch and its numbers. */
interface RuleGroup {
  title: MessageKey;
  on: HTMLInputElement;
  titleEl: HTMLElement;
  fields: NumberField[];
  root: HTMLElement;
}

type Problem = { problem: string };

function numberField(label: MessageKey, min: number, max: number, testId: string, decimal = false): NumberField {
  const input = h("input", "", { type: "text", inputmode: decimal ? "decimal" : "numeric", "data-testid": testId, size: "6" });
  return { label, min, max, decimal, input, labelEl: h("span", "field-label") };
}

function group(title: MessageKey, testId: string, fields: NumberField[]): RuleGroup {
  const on = h("input", "", { type: "checkbox", "data-testid": `${testId}-on` });
  const titleEl = h("span", "rule-title");
  const root = h(
    "fieldset",
    "rule-group",
    { "data-testid": testId },
    h("label", "rule-switch", {}, on, titleEl),
    ...fields.map((f) => h("label", "rule-field", {}, f.labelEl, f.input)),
  );
  return { title, on, titleEl, fields, root };
}

function read(field: NumberField): number | Problem {
  const text = field.input.value;
  const name = t(field.label);
  if (field.decimal) {
    const value = Number(text.trim());
    if (text.trim() === "" || !Number.isFinite(value)) return { problem: t("rules.problem.whole", { field: name }) };
    if (value < field.min || value > field.max) return { problem: t("rules.problem.range", { field: name }) };
    return value;
  }
  const value = wholeNumber(text, field.min, field.max);
  return typeof value === "number" ? value : { problem: t(value.problem, { field: name }) };
}

/** The group's numbers in order, or the first problem; `null` when the rule is off. */
function readGroup(g: RuleGroup): number[] | null | Problem {
  if (!g.on.checked) return null;
  const values: number[] = [];
  for (const field of g.fields) {
    const value = read(field);
    if (typeof value !== "number") return value;
    values.push(value);
  }
  return values;
}

function fill(g: RuleGroup, values: readonly number[] | null, fallback: readonly number[]): void {
  g.on.checked = values !== null;
  g.fields.forEach((f, i) => {
    f.input.value = String((values ?? fallback)[i] ?? "");
  });
}

export function createTeamSettings(actions: TeamSettingsActions): {
  root: HTMLElement;
  render(settings: TeamSettingsDto | null): void;
} {
  // Centre hours.
  const hoursTitle = h("h2", "settings-title", { "data-testid": "settings-hours" });
  const zone = h("input", "", { type: "text", "data-testid": "settings-time-zone", spellcheck: "false", size: "22" });
  const starts = h("input", "", { type: "text", "data-testid": "settings-shift-starts", spellcheck: "false", size: "22" });
  const zoneLabel = h("span", "field-label");
  const startsLabel = h("span", "field-label");
  const hoursSave = h("button", "button", { type: "submit", "data-testid": "settings-hours-save" });
  const hoursForm = h(
    "form",
    "settings-form",
    {},
    h("label", "settings-row", {}, zoneLabel, zone),
    h("label", "settings-row", {}, startsLabel, starts),
    hoursSave,
  );
  const hoursHint = h("p", "settings-hint");
  const hoursStatus = h("p", "notice-inline", { role: "status", "data-testid": "settings-hours-status" });

  // Alert rules.
  const rulesTitle = h("h2", "settings-title", { "data-testid": "settings-rules" });
  const scope = h("select", "", { "data-testid": "rules-scope" });
  const scopeLabel = h("span", "field-label");
  const own = h("input", "", { type: "checkbox", "data-testid": "rules-own" });
  const ownLabel = h("span", "");
  const ownRow = h("label", "rule-switch", {}, own, ownLabel);
  const sl = group("rules.sl", "rule-sl", [
    numberField("rules.sl", 0, 100, "rule-sl-below", true),
    numberField("rules.slClear", 0, 100, "rule-sl-clear", true),
    numberField("rules.for", 0, 3600, "rule-sl-for"),
    numberField("rules.window", 15, 60, "rule-sl-window"),
    numberField("rules.minCalls", 0, 100000, "rule-sl-min"),
  ]);
  const wait = group("rules.wait", "rule-wait", [
    numberField("rules.wait", 1, 86400, "rule-wait-above"),
    numberField("rules.waitClear", 0, 86400, "rule-wait-clear"),
    numberField("rules.for", 0, 3600, "rule-wait-for"),
  ]);
  const abandon = group("rules.abandon", "rule-abandon", [
    numberField("rules.abandon", 0, 100, "rule-abandon-above", true),
    numberField("rules.abandonClear", 0, 100, "rule-abandon-clear", true),
    numberField("rules.for", 0, 3600, "rule-abandon-for"),
    numberField("rules.window", 15, 60, "rule-abandon-window"),
    numberField("rules.minCalls", 0, 100000, "rule-abandon-min"),
  ]);
  const noAgent = group("rules.noAgent", "rule-noagent", [numberField("rules.for", 0, 3600, "rule-noagent-for")]);
  const queueGroups = [sl, wait, abandon, noAgent];
  const breaks = group("rules.break", "rule-break", [numberField("rules.break", 1, 86400, "rule-break-secs")]);
  const wrap = group("rules.wrapUp", "rule-wrap", [numberField("rules.wrapUp", 1, 86400, "rule-wrap-secs")]);
  const onCall = group("rules.onCall", "rule-oncall", [numberField("rules.onCall", 1, 86400, "rule-oncall-secs")]);
  const link = group("rules.link", "rule-link", [numberField("rules.link", 0, 3600, "rule-link-secs")]);
  const teamGroups = [breaks, wrap, onCall, link];
  const queueBox = h("div", "rule-groups", {}, ...queueGroups.map((g) => g.root));
  const agentsTitle = h("h3", "rule-heading");
  const teamBox = h("div", "rule-groups", {}, ...teamGroups.map((g) => g.root));
  const rulesSave = h("button", "button", { type: "submit", "data-testid": "rules-save" });
  const rulesForm = h(
    "form",
    "rules-form",
    {},
    h("label", "settings-row", {}, scopeLabel, scope),
    ownRow,
    queueBox,
    agentsTitle,
    teamBox,
    rulesSave,
  );
  const rulesHint = h("p", "settings-hint");
  const rulesStatus = h("p", "notice-inline", { role: "status", "data-testid": "rules-status" });
  const readOnly = h("p", "settings-hint", { "data-testid": "settings-read-only" });

  const root = h(
    "div",
    "team-settings",
    {},
    h("section", "settings-section", {}, hoursTitle, readOnly, hoursForm, hoursHint, hoursStatus),
    h("section", "settings-section", {}, rulesTitle, rulesForm, rulesHint, rulesStatus),
  );

  let shown: TeamSettingsDto | null = null;
  /** The rules as edited so far (every scope), saved together. */
  let draft: AlertRules | null = null;
  /** The rules a new team starts with, as the backend defines them. */
  let defaults: AlertRules | null = null;
  let scopeShown: string | null = null;
  let busy = false;

  const status = (el: HTMLElement, text: string, kind: "ok" | "error" | null) => {
    setText(el, text);
    setAttr(el, "data-kind", kind);
  };

  /** A rule switched on from off starts at the backend's default rule (`fallback`). */
  const fillRule = <R>(g: RuleGroup, rule: R | null | undefined, fallback: R | null | undefined, values: (r: R) => number[]) =>
    fill(g, rule ? values(rule) : null, fallback ? values(fallback) : []);

  const fillScope = (rules: AlertRules, queue: string | null) => {
    const q = queueRulesFor(rules, queue);
    const d = defaults?.queuesDefault;
    fillRule(sl, q.serviceLevel, d?.serviceLevel, (r) => [r.belowPct, r.clearAtPct, r.forSecs, r.windowMinutes, r.minCalls]);
    fillRule(wait, q.longestWait, d?.longestWait, (r) => [r.aboveSecs, r.clearBelowSecs, r.forSecs]);
    fillRule(abandon, q.abandonRate, d?.abandonRate, (r) => [r.abovePct, r.clearBelowPct, r.forSecs, r.windowMinutes, r.minOffered]);
    fillRule(noAgent, q.noAgent, d?.noAgent, (r) => [r.forSecs]);
    own.checked = queue !== null && rules.queues[queue] !== undefined;
    setHidden(ownRow, queue === null);
    queueBox.toggleAttribute("data-inherited", queue !== null && !own.checked);
  };

  const fillTeam = (rules: AlertRules) => {
    const agent = rules.agentState;
    const d = defaults?.agentState;
    fillRule(breaks, agent?.breakSecs, d?.breakSecs, (secs) => [secs]);
    fillRule(wrap, agent?.wrapUpSecs, d?.wrapUpSecs, (secs) => [secs]);
    fillRule(onCall, agent?.onCallSecs, d?.onCallSecs, (secs) => [secs]);
    fillRule(link, rules.linkLost, defaults?.linkLost, (r) => [r.forSecs]);
  };

  /** The form's current scope folded into `draft`, or the first problem. */
  const collect = (): AlertRules | Problem => {
    if (!draft) return { problem: "" };
    const queue = scopeShown;
    const parts = queueGroups.map(readGroup);
    const team = teamGroups.map(readGroup);
    for (const p of [...parts, ...team]) if (p !== null && !Array.isArray(p)) return p;
    const [s, w, a, n] = parts as (number[] | null)[];
    const next: QueueRules = {
      serviceLevel: s ? { belowPct: s[0]!, clearAtPct: s[1]!, forSecs: s[2]!, windowMinutes: s[3]!, minCalls: s[4]! } : null,
      longestWait: w ? { aboveSecs: w[0]!, clearBelowSecs: w[1]!, forSecs: w[2]! } : null,
      abandonRate: a ? { abovePct: a[0]!, clearBelowPct: a[1]!, forSecs: a[2]!, windowMinutes: a[3]!, minOffered: a[4]! } : null,
      noAgent: n ? { forSecs: n[0]! } : null,
    };
    const [b, wr, oc, l] = team as (number[] | null)[];
    const anyAgent = b || wr || oc;
    const withTeam: AlertRules = {
      ...draft,
      agentState: anyAgent ? { breakSecs: b?.[0] ?? null, wrapUpSecs: wr?.[0] ?? null, onCallSecs: oc?.[0] ?? null } : null,
      linkLost: l ? { forSecs: l[0]! } : null,
    };
    const keepOwn = queue === null || own.checked;
    return withQueueRules(withTeam, queue, next, keepOwn);
  };

  scope.addEventListener("change", () => {
    const folded = collect();
    if ("problem" in folded) {
      status(rulesStatus, folded.problem, "error");
      scope.value = scopeShown ?? "";
      return;
    }
    draft = folded;
    scopeShown = scope.value === "" ? null : scope.value;
    fillScope(draft, scopeShown);
    status(rulesStatus, "", null);
  });
  own.addEventListener("change", () => {
    queueBox.toggleAttribute("data-inherited", !own.checked);
  });

  rulesForm.addEventListener("submit", (event) => {
    event.preventDefault();
    if (busy) return;
    const folded = collect();
    if ("problem" in folded) {
      status(rulesStatus, folded.problem, "error");
      return;
    }
    busy = true;
    status(rulesStatus, t("settings.saving"), null);
    actions
      .saveRules(folded)
      .then((saved) => {
        shown = null; // refill from what the backend now holds
        draft = null;
        view.render(saved);
        status(rulesStatus, t("rules.saved"), "ok");
      })
      .catch((error: unknown) => status(rulesStatus, refusalText(error as IpcErrorDto), "error"))
      .finally(() => {
        busy = false;
      });
  });

  hoursForm.addEventListener("submit", (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    status(hoursStatus, t("settings.saving"), null);
    actions
      .saveHours(zone.value.trim(), starts.value.trim())
      .then((saved) => {
        zone.value = saved.timeZone;
        starts.value = saved.shiftStarts.join(", ");
        status(hoursStatus, t("settings.hoursSaved", { zone: saved.timeZone, starts: saved.shiftStarts.join(", ") }), "ok");
      })
      .catch((error: unknown) => status(hoursStatus, refusalText(error as IpcErrorDto), "error"))
      .finally(() => {
        busy = false;
      });
  });

  const view = {
    root,
    render(settings: TeamSettingsDto | null) {
      setText(hoursTitle, t("settings.hours"));
      setText(zoneLabel, t("settings.timeZone"));
      setText(startsLabel, t("settings.shiftStarts"));
      setText(hoursSave, t("settings.hoursSave"));
      setText(hoursHint, t("settings.hoursHint"));
      setText(readOnly, t("settings.readOnly"));
      setText(rulesTitle, t("rules.title"));
      setText(scopeLabel, t("rules.scope"));
      setText(ownLabel, t("rules.own"));
      setText(agentsTitle, t("rules.agents"));
      setText(rulesSave, t("rules.save"));
      setText(rulesHint, t("rules.hint"));
      for (const g of [...queueGroups, ...teamGroups]) {
        setText(g.titleEl, t(g.title));
        // The first number is what the group's title names; the rest carry their own label.
        g.fields.forEach((f, i) => {
          setText(f.labelEl, i === 0 ? "" : t(f.label));
          setAttr(f.input, "aria-label", t(f.label));
        });
      }
      if (scope.options.length > 0) setText(scope.options[0]!, t("rules.scope.default"));
      if (!settings) return;
      const editable = settings.editable;
      setHidden(readOnly, editable);
      for (const el of root.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>("input, button")) {
        el.disabled = !editable;
      }
      scope.disabled = false; // looking at a queue's rules is always allowed
      if (shown === settings) return;
      shown = settings;
      zone.value = settings.timeZone;
      starts.value = settings.shiftStarts.join(", ");
      draft = settings.rules;
      defaults = settings.defaults;
      const wanted = ["", ...settings.queues];
      if (scope.options.length !== wanted.length) {
        scope.replaceChildren(
          ...wanted.map((q) => h("option", "", { value: q }, q === "" ? t("rules.scope.default") : q)),
        );
      }
      scope.value = scopeShown ?? "";
      fillScope(draft, scopeShown);
      fillTeam(draft);
    },
  };
  return view;
}
