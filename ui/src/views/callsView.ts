// The live-calls view: every call waiting or in progress, who monitors each and how, and the
// Listen action. Rows are keyed by call id and updated in place (the list changes twice a
// second); the selected row survives updates and is driven by ↑/↓ and Enter.

import { h, reconcileChildren, setAttr, setHidden, setText } from "../dom";
import { fmtDuration } from "../format";
import { siteName, t } from "../i18n";
import type { CallsDto, LiveCallDto, ProfileDto } from "../ipc";
import { renderMonitorChips } from "./monitorChips";
import { feesWaivedBadge, filterCalls, isConnected, orderCalls, type CallFilter } from "../monitoring";

export interface CallsViewActions {
  listen(call: number): void;
  trainingBarge(call: number): void;
}

export interface CallsViewState {
  calls: CallsDto | null;
  profile: ProfileDto | null;
  sinceCallsMs: number;
  busy: boolean;
}

export interface CallsView {
  root: HTMLElement;
  render(state: CallsViewState): void;
  /** Moves the selection by `delta` rows (keyboard). */
  moveSelection(delta: number): void;
  /** The selected call, for Enter. */
  selected(): number | null;
}

interface Row {
  tr: HTMLTableRowElement;
  cells: Record<"id" | "caller" | "region" | "queue" | "agent" | "state" | "time", HTMLElement>;
  /** The region's text, beside the fee-waiver badge in the same cell. */
  regionText: HTMLElement;
  feesWaived: HTMLElement;
  monitors: HTMLElement;
  /** What the monitor chips show now, to skip rebuilding them. */
  monitorsKey: string;
  listen: HTMLButtonElement;
  train: HTMLButtonElement;
}

const FILTERS: readonly CallFilter[] = ["all", "waiting", "connected"];

export function createCallsView(actions: CallsViewActions): CallsView {
  let filter: CallFilter = "all";
  let search = "";
  let selectedId: number | null = null;
  let shownIds: number[] = [];
  let last: CallsViewState | null = null;

  const filterButtons = new Map<CallFilter, HTMLButtonElement>();
  const filterBox = h("div", "segmented", { role: "group" });
  for (const f of FILTERS) {
    const b = h("button", "seg-button", { type: "button", "data-testid": `calls-filter-${f}` });
    b.addEventListener("click", () => {
      filter = f;
      if (last) render(last);
    });
    filterButtons.set(f, b);
    filterBox.append(b);
  }
  const searchBox = h("input", "search", { type: "search", "data-testid": "calls-search" });
  searchBox.addEventListener("input", () => {
    search = searchBox.value;
    if (last) render(last);
  });
  const count = h("span", "calls-count", { "data-testid": "calls-count" });
  const masked = h("span", "calls-masked");
  const toolbar = h("div", "toolbar", {}, filterBox, searchBox, count, h("span", "spacer"), masked);

  const headCells = {
    id: h("th", "num"),
    caller: h("th"),
    region: h("th"),
    queue: h("th"),
    agent: h("th"),
    state: h("th"),
    time: h("th", "num"),
    monitors: h("th"),
    actions: h("th"),
  };
  const thead = h("thead", "", {}, h("tr", "", {}, ...Object.values(headCells)));
  const tbody = h("tbody");
  const table = h("table", "grid calls-grid", { "data-testid": "calls-table" }, thead, tbody);
  const empty = h("p", "empty");
  const keys = h("p", "view-keys");
  const root = h("section", "view calls-view", { "data-testid": "calls-view" }, toolbar, h("div", "grid-scroll", {}, table, empty), keys);

  const rows = new Map<number, Row>();

  function makeRow(id: number): Row {
    const td = (cls = "") => h("td", cls);
    const regionText = h("span");
    const feesWaived = h("span", "badge badge-fees-waived", { "data-testid": "fees-waived" });
    const cells = {
      id: td("num"),
      caller: td("mono"),
      region: h("td", "", {}, regionText, feesWaived),
      queue: td(),
      agent: td(),
      state: td(),
      time: td("num"),
    };
    const monitors = td("monitors");
    const listen = h("button", "row-button", { type: "button", "data-testid": "listen" });
    listen.addEventListener("click", (e) => {
      e.stopPropagation();
      actions.listen(id);
    });
    const train = h("button", "row-button subtle", { type: "button", "data-testid": "train-barge" });
    train.addEventListener("click", (e) => {
      e.stopPropagation();
      actions.trainingBarge(id);
    });
    const tr = h(
      "tr",
      "",
      { "data-testid": "call-row", "data-call": String(id) },
      ...Object.values(cells),
      monitors,
      h("td", "actions", {}, listen, train),
    );
    tr.addEventListener("click", () => {
      selectedId = id;
      if (last) render(last);
    });
    return { tr, cells, regionText, feesWaived, monitors, monitorsKey: "", listen, train };
  }

  function updateRow(row: Row, call: LiveCallDto, state: CallsViewState): void {
    const { profile, sinceCallsMs, busy } = state;
    setText(row.cells.id, String(call.id));
    setText(row.cells.caller, call.caller || "—");
    setText(row.regionText, call.region || "—");
    const badge = feesWaivedBadge(call);
    setText(row.feesWaived, badge?.text ?? "");
    setAttr(row.feesWaived, "title", badge?.title ?? null);
    setHidden(row.feesWaived, badge === null);
    setText(row.cells.queue, call.queue ? `${call.queue}${call.site ? ` · ${siteName(call.site)}` : ""}` : "—");
    setText(row.cells.agent, call.agent ?? "—");
    setText(row.cells.state, t(`phase.${call.phase}`));
    const ms = isConnected(call) ? call.talkMs : call.waitMs;
    setText(row.cells.time, ms === null ? "—" : fmtDuration(ms + sinceCallsMs));
    setAttr(row.tr, "data-phase", call.phase);
    setAttr(row.tr, "aria-selected", call.id === selectedId ? "true" : null);
    row.monitorsKey = renderMonitorChips(row.monitors, call.monitors, row.monitorsKey);
    const may = (p: string) => profile?.permissions.some((x) => x === p) ?? false;
    setText(row.listen, t("calls.listen"));
    setAttr(row.listen, "title", t("calls.listenTitle"));
    setHidden(row.listen, !may("listen"));
    row.listen.disabled = busy || !isConnected(call) || call.monitors.some((m) => m.mine);
    setText(row.train, "⚑");
    setAttr(row.train, "title", t("calls.trainBarge"));
    setAttr(row.train, "aria-label", t("calls.trainBarge"));
    setHidden(row.train, !(profile?.simulator ?? false) || !isConnected(call));
  }

  function render(state: CallsViewState): void {
    last = state;
    for (const [f, b] of filterButtons) {
      setText(b, t(`calls.filter.${f}`));
      setAttr(b, "aria-pressed", f === filter ? "true" : "false");
    }
    setAttr(searchBox, "placeholder", t("calls.search"));
    setText(headCells.id, t("col.call"));
    setText(headCells.caller, t("col.caller"));
    setText(headCells.region, t("col.region"));
    setText(headCells.queue, t("col.queue"));
    setText(headCells.agent, t("col.agent"));
    setText(headCells.state, t("col.state"));
    setText(headCells.time, t("col.time"));
    setText(headCells.monitors, t("col.monitors"));
    const seeNumbers = state.profile?.permissions.includes("seeCallerNumbers") ?? false;
    setText(masked, seeNumbers ? "" : t("calls.masked"));
    setText(keys, t("calls.keys"));

    const all = state.calls?.calls ?? [];
    const shown = orderCalls(filterCalls(all, filter, search));
    shownIds = shown.map((c) => c.id);
    setText(count, t("calls.count", { shown: shown.length, n: all.length }));
    const wanted: HTMLElement[] = [];
    const seen = new Set<number>();
    for (const call of shown) {
      let row = rows.get(call.id);
      if (!row) {
        row = makeRow(call.id);
        rows.set(call.id, row);
      }
      updateRow(row, call, state);
      seen.add(call.id);
      wanted.push(row.tr);
    }
    for (const id of rows.keys()) if (!seen.has(id)) rows.delete(id);
    reconcileChildren(tbody, wanted);
    setText(empty, t("calls.empty"));
    setHidden(empty, shown.length > 0);
  }

  return {
    root,
    render,
    moveSelection(delta) {
      if (shownIds.length === 0) return;
      const at = selectedId === null ? -1 : shownIds.indexOf(selectedId);
      const next = Math.min(shownIds.length - 1, Math.max(0, at + delta));
      selectedId = shownIds[next] ?? null;
      if (last) render(last);
      rows.get(selectedId ?? -1)?.tr.scrollIntoView({ block: "nearest" });
    },
    selected: () => selectedId,
  };
}
