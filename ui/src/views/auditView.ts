// The audit view: the trail of monitoring (and export) actions with filters, paging and CSV
// export. What a user may read is decided by the backend (their own records, or everyone's
// for roles that read the whole trail); this view only asks.

import { h, setAttr, setHidden, setText } from "../dom";
import { hasMessage, t } from "../i18n";
import type { AuditPageDto, AuditQueryDto, AuditRecordDto } from "../ipc";

export interface AuditViewActions {
  /** Loads the first page for `query` (or the next page when `beforeId` is set). */
  load(query: AuditQueryDto): Promise<AuditPageDto>;
  exportCsv(query: AuditQueryDto): void;
}

export interface AuditView {
  root: HTMLElement;
  /** Re-labels for the current language. */
  render(): void;
  /** Loads the first page with the current filters. */
  refresh(): void;
}

const ACTIONS = ["", "monitor.", "monitor.start", "monitor.mode", "monitor.stop", "monitor.end", "profile.endpoint", "audit.export"];
const OUTCOMES = ["", "allowed", "denied", "failed"];

function actionLabel(action: string): string {
  if (action === "") return t("audit.any");
  const key = action === "monitor." ? "audit.action.monitor" : `audit.action.${action}`;
  return hasMessage(key) ? t(key) : action;
}

function outcomeLabel(outcome: string): string {
  const key = `audit.outcome.${outcome}`;
  return outcome === "" ? t("audit.any") : hasMessage(key) ? t(key) : outcome;
}

/** Local date-time (YYYY-MM-DD HH:mm:ss) of an epoch-ms instant. */
export function fmtDateTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function createAuditView(actions: AuditViewActions): AuditView {
  const field = (labelKey: () => string, input: HTMLElement) => {
    const label = h("label", "field");
    const text = h("span", "field-label");
    label.append(text, input);
    return { label, relabel: () => setText(text, labelKey()) };
  };
  const user = h("input", "", { type: "text", "data-testid": "audit-user", size: "12" });
  const action = h("select", "", { "data-testid": "audit-action" });
  for (const a of ACTIONS) action.append(h("option", "", { value: a }));
  const outcome = h("select", "", { "data-testid": "audit-outcome" });
  for (const o of OUTCOMES) outcome.append(h("option", "", { value: o }));
  const from = h("input", "", { type: "datetime-local", "data-testid": "audit-from" });
  const to = h("input", "", { type: "datetime-local", "data-testid": "audit-to" });
  const callNo = h("input", "", { type: "number", min: "0", "data-testid": "audit-call", style: "width: 7em" });
  const fields = [
    field(() => t("audit.user"), user),
    field(() => t("audit.action"), action),
    field(() => t("audit.outcome"), outcome),
    field(() => t("audit.from"), from),
    field(() => t("audit.to"), to),
    field(() => t("audit.call"), callNo),
  ];
  const apply = h("button", "button", { type: "submit", "data-testid": "audit-apply" });
  const reset = h("button", "button subtle", { type: "button", "data-testid": "audit-reset" });
  const exportButton = h("button", "button", { type: "button", "data-testid": "audit-export" });
  const scope = h("span", "audit-scope", { "data-testid": "audit-scope" });
  const form = h("form", "toolbar audit-filters", {}, ...fields.map((f) => f.label), apply, reset, h("span", "spacer"), scope, exportButton);

  const head = ["audit.col.time", "audit.user", "audit.action", "audit.outcome", "audit.col.mode", "audit.call", "col.agent", "col.queue", "audit.col.detail"] as const;
  const headCells = head.map(() => h("th"));
  const tbody = h("tbody");
  const table = h("table", "grid audit-grid", { "data-testid": "audit-table" }, h("thead", "", {}, h("tr", "", {}, ...headCells)), tbody);
  const empty = h("p", "empty");
  const message = h("p", "notice-inline", { role: "alert" });
  const more = h("button", "button subtle", { type: "button", "data-testid": "audit-more" });
  const root = h("section", "view audit-view", { "data-testid": "audit-view" }, form, message, h("div", "grid-scroll", {}, table, empty), more);

  let nextBefore: number | null = null;
  let loaded = 0;

  function query(): AuditQueryDto {
    const q: AuditQueryDto = {};
    if (user.value.trim()) q.user = user.value.trim();
    if (action.value) q.actionPrefix = action.value;
    if (outcome.value) q.outcome = outcome.value;
    const fromMs = from.value ? new Date(from.value).getTime() : NaN;
    const toMs = to.value ? new Date(to.value).getTime() : NaN;
    if (Number.isFinite(fromMs)) q.fromMs = fromMs;
    if (Number.isFinite(toMs)) q.toMs = toMs;
    const c = Number.parseInt(callNo.value, 10);
    if (Number.isFinite(c) && c >= 0) q.call = c;
    return q;
  }

  function row(r: AuditRecordDto): HTMLTableRowElement {
    const reason = [r.reason, r.detail].filter((v) => v).join(" · ");
    const cells = [
      fmtDateTime(r.atMs),
      r.user,
      actionLabel(r.action),
      outcomeLabel(r.outcome),
      r.mode ? (hasMessage(`mode.${r.mode}`) ? t(`mode.${r.mode}` as "mode.listen") : r.mode) : "—",
      r.call === null ? "—" : String(r.call),
      r.agent ?? "—",
      r.queue ?? "—",
      reason || "—",
    ].map((text) => h("td", "", {}, text));
    const tr = h("tr", "", { "data-testid": "audit-row", "data-outcome": r.outcome, "data-action": r.action }, ...cells);
    return tr;
  }

  async function load(append: boolean): Promise<void> {
    const q = query();
    if (append && nextBefore !== null) q.beforeId = nextBefore;
    setHidden(message, true);
    try {
      const page = await actions.load(q);
      if (!append) {
        tbody.replaceChildren();
        loaded = 0;
      }
      tbody.append(...page.records.map(row));
      loaded += page.records.length;
      nextBefore = page.nextBeforeId;
      setText(scope, page.everyone ? t("audit.everyone") : t("audit.ownOnly"));
      setAttr(scope, "data-everyone", page.everyone ? "true" : "false");
    } catch (error) {
      const text = typeof error === "object" && error && "message" in error ? String(error.message) : String(error);
      setText(message, t("audit.loadFailed", { message: text }));
      setHidden(message, false);
    }
    setHidden(empty, loaded > 0);
    setHidden(more, nextBefore === null);
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void load(false);
  });
  reset.addEventListener("click", () => {
    form.reset();
    void load(false);
  });
  more.addEventListener("click", () => void load(true));
  exportButton.addEventListener("click", () => actions.exportCsv(query()));

  function render(): void {
    for (const f of fields) f.relabel();
    ACTIONS.forEach((a, i) => {
      const option = action.options[i];
      if (option) setText(option, actionLabel(a));
    });
    OUTCOMES.forEach((o, i) => {
      const option = outcome.options[i];
      if (option) setText(option, outcomeLabel(o));
    });
    head.forEach((key, i) => {
      const cell = headCells[i];
      if (cell) setText(cell, t(key));
    });
    setText(apply, t("audit.apply"));
    setText(reset, t("audit.reset"));
    setText(exportButton, t("audit.export"));
    setText(more, t("audit.more"));
    setText(empty, t("audit.empty"));
  }

  render();
  setHidden(more, true);
  return { root, render, refresh: () => void load(false) };
}
