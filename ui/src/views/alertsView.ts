// The alert centre: active alerts (unacknowledged and critical first) with Acknowledge and
// a way to the queue, and the alerts cleared lately. Rows are keyed by alert id and updated
// in place.

import { kindKey, severity, sortActive, valueText } from "../alerts";
import { h, reconcileChildren, setAttr, setHidden, setText } from "../dom";
import { fmtClock } from "../format";
import { age, siteName, t } from "../i18n";
import type { AlertDto, AlertsDto } from "../ipc";

export interface AlertsActions {
  acknowledge(id: number): void;
  openQueue(queue: number): void;
}

export interface AlertsState {
  alerts: AlertsDto | null;
  /** The platform clock now (the newest frame's time), so ages match the figures. */
  nowMs: number;
  /** The user may acknowledge (anyone on the team but a wallboard). */
  mayAcknowledge: boolean;
}

interface Row {
  root: HTMLElement;
  update(alert: AlertDto, state: AlertsState, cleared: boolean): void;
}

function subjectText(alert: AlertDto): string {
  if (alert.kind === "linkLost") return t("alerts.platform");
  if (alert.agent !== null) return t("alerts.agent", { name: alert.subject });
  return alert.site ? `${alert.subject} · ${siteName(alert.site)}` : alert.subject;
}

function createRow(actions: AlertsActions, id: number): Row {
  const icon = h("span", "alert-icon", { "aria-hidden": "true" });
  const title = h("strong", "alert-title");
  const subject = h("span", "alert-subject");
  const value = h("span", "alert-value");
  const when = h("span", "alert-when");
  const acked = h("span", "alert-acked");
  const ack = h("button", "button", { type: "button", "data-testid": `alert-ack-${id}` });
  const open = h("button", "button ghost", { type: "button", "data-testid": `alert-open-${id}` });
  const root = h(
    "li",
    "alert-row",
    { "data-testid": `alert-${id}` },
    icon,
    h("div", "alert-main", {}, h("div", "", {}, title, " ", subject), h("div", "alert-facts", {}, value, when, acked)),
    h("div", "alert-actions", {}, ack, open),
  );
  let current: AlertDto | null = null;
  ack.addEventListener("click", () => {
    if (current) actions.acknowledge(current.id);
  });
  open.addEventListener("click", () => {
    if (current?.queue !== null && current?.queue !== undefined) actions.openQueue(current.queue);
  });
  return {
    root,
    update(alert, state, cleared) {
      current = alert;
      const level = severity(alert.kind);
      setAttr(root, "data-level", cleared ? "cleared" : level);
      setAttr(root, "data-kind", alert.kind);
      setAttr(root, "data-acknowledged", alert.acknowledgedBy ? "true" : "false");
      // Shape as well as colour: ▲ critical, ◆ warning, ✓ cleared.
      setText(icon, cleared ? "✓" : level === "critical" ? "▲" : "◆");
      setText(title, t(kindKey(alert.kind)));
      setText(subject, subjectText(alert));
      setText(value, valueText(cleared ? { ...alert, value: alert.raisedValue } : alert));
      if (cleared && alert.clearedAtMs !== null) {
        setText(when, t("alerts.clearedAt", { from: fmtClock(alert.raisedAtMs), to: fmtClock(alert.clearedAtMs) }));
      } else {
        setText(
          when,
          t("alerts.since", { time: fmtClock(alert.raisedAtMs), age: age(Math.max(0, state.nowMs - alert.raisedAtMs)) }),
        );
      }
      setText(
        acked,
        alert.acknowledgedBy && alert.acknowledgedAtMs !== null
          ? t("alerts.ackedBy", { user: alert.acknowledgedBy, time: fmtClock(alert.acknowledgedAtMs) })
          : "",
      );
      setText(ack, t("alerts.ack"));
      setAttr(ack, "title", t("alerts.ackTitle"));
      setHidden(ack, alert.acknowledgedBy !== null || !state.mayAcknowledge);
      setText(open, t("alerts.open"));
      setHidden(open, alert.queue === null);
    },
  };
}

export function createAlertsView(actions: AlertsActions): { root: HTMLElement; render(state: AlertsState): void } {
  const activeTitle = h("h2", "settings-title");
  const activeList = h("ul", "alert-list", { "data-testid": "alerts-active" });
  const activeEmpty = h("p", "muted", { "data-testid": "alerts-none" });
  const recentTitle = h("h2", "settings-title");
  const recentList = h("ul", "alert-list", { "data-testid": "alerts-recent" });
  const recentEmpty = h("p", "muted");
  const hint = h("p", "settings-hint");
  const root = h(
    "section",
    "view alerts-view",
    { "data-testid": "alerts-view" },
    h("section", "settings-section", {}, activeTitle, activeEmpty, activeList),
    h("section", "settings-section", {}, recentTitle, recentEmpty, recentList),
    hint,
  );
  const rows = new Map<string, Row>();
  const rowFor = (key: string, id: number) => {
    let row = rows.get(key);
    if (!row) {
      row = createRow(actions, id);
      rows.set(key, row);
    }
    return row;
  };
  return {
    root,
    render(state) {
      setText(activeTitle, t("alerts.active"));
      setText(recentTitle, t("alerts.recent"));
      setText(activeEmpty, t("alerts.none"));
      setText(recentEmpty, t("alerts.noneRecent"));
      setText(hint, t("alerts.rulesHint"));
      const active = sortActive(state.alerts?.active ?? []);
      const recent = state.alerts?.recent ?? [];
      const used = new Set<string>();
      const place = (alert: AlertDto, cleared: boolean) => {
        const key = `${cleared ? "c" : "a"}${alert.id}`;
        used.add(key);
        const row = rowFor(key, alert.id);
        row.update(alert, state, cleared);
        return row.root;
      };
      reconcileChildren(activeList, active.map((a) => place(a, false)));
      reconcileChildren(recentList, recent.map((a) => place(a, true)));
      for (const key of rows.keys()) if (!used.has(key)) rows.delete(key);
      setHidden(activeEmpty, active.length > 0);
      setHidden(recentEmpty, recent.length > 0);
    },
  };
}
