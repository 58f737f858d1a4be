// The agents grid: every agent on the floor, filterable by site, queue and state, searchable,
// sortable by any column, and smooth at 10,000 rows. Virtualised twice over: the backend
// filters and sorts and sends only the window of rows in view (plus some either side), and
// the page keeps a small pool of row elements positioned over a canvas as tall as the whole
// list. Listen starts monitoring whatever call the agent is on.

import { h, setAttr, setHidden, setText } from "../dom";
import { fmtDuration } from "../format";
import { siteName, t } from "../i18n";
import type { AgentPageDto, AgentQueryDto, AgentRowDto, AgentSortDto, ProfileDto, StateFilterDto } from "../ipc";
import { renderMonitorChips } from "./monitorChips";
import { ROW_HEIGHT, canListenTo, rowWindow, stateIcon, stateLabel, toggleSort, type SortState } from "../agents";

export interface AgentsViewActions {
  load(query: AgentQueryDto): Promise<AgentPageDto>;
  /** Starts monitoring the call `agent` is on (`call`, as this page showed it). */
  listenToAgent(agent: number, call: number): void;
  failed(message: string): void;
}

export interface AgentsViewState {
  profile: ProfileDto | null;
  busy: boolean;
}

export interface AgentsView {
  root: HTMLElement;
  render(state: AgentsViewState): void;
  /** Fetches the rows in view again (the grid calls it on scroll and filter changes; the
   * app calls it every second while the view is open). */
  refresh(): void;
}

type Column = "name" | "state" | "inState" | "call" | "callTime" | "queues" | "site" | "handled" | "aht" | "monitors" | "actions";
const COLUMNS: readonly Column[] = ["name", "state", "inState", "call", "callTime", "queues", "site", "handled", "aht", "monitors", "actions"];
const SORT_OF: Partial<Record<Column, AgentSortDto>> = {
  name: "name",
  state: "state",
  inState: "timeInState",
  callTime: "callDuration",
  site: "site",
  handled: "handled",
  aht: "aht",
};
const STATE_FILTERS: readonly (StateFilterDto | "")[] = ["", "loggedIn", "available", "ringing", "onCall", "wrapUp", "break", "offline"];

interface Row {
  el: HTMLElement;
  cells: Record<Column, HTMLElement>;
  listen: HTMLButtonElement;
  agent: number | null;
  call: number | null;
  monitorsKey: string;
}

export function createAgentsView(actions: AgentsViewActions): AgentsView {
  let sort: SortState = { sort: "state", descending: false };
  let page: AgentPageDto | null = null;
  let receivedAt = 0;
  let inFlight = false;
  let again = false;
  let last: AgentsViewState = { profile: null, busy: false };

  const search = h("input", "search", { type: "search", "data-testid": "agents-search" });
  const site = h("select", "", { "data-testid": "agents-site" });
  const queue = h("select", "", { "data-testid": "agents-queue" });
  const stateSelect = h("select", "", { "data-testid": "agents-state" });
  for (const f of STATE_FILTERS) stateSelect.append(h("option", "", { value: f }));
  const count = h("span", "calls-count", { "data-testid": "agents-count" });
  const summary = h("span", "agents-summary", { "data-testid": "agents-summary" });
  const toolbar = h("div", "toolbar", {}, search, site, queue, stateSelect, count, h("span", "spacer"), summary);

  const headCells = new Map<Column, HTMLElement>();
  const head = h("div", "agents-row agents-head", { role: "row" });
  for (const column of COLUMNS) {
    const sortKey = SORT_OF[column];
    const cell = sortKey
      ? h("button", "agents-cell sort", { type: "button", role: "columnheader", "data-testid": `agents-sort-${sortKey}` })
      : h("div", "agents-cell", { role: "columnheader" });
    if (sortKey) {
      cell.addEventListener("click", () => {
        sort = toggleSort(sort, sortKey);
        scroller.scrollTop = 0;
        render(last);
        refresh();
      });
    }
    cell.dataset["col"] = column;
    headCells.set(column, cell);
    head.append(cell);
  }
  const canvas = h("div", "agents-canvas", { role: "rowgroup" });
  const scroller = h("div", "agents-scroll", { "data-testid": "agents-grid", role: "grid" }, canvas);
  const empty = h("p", "empty");
  const root = h("section", "view agents-view", { "data-testid": "agents-view" }, toolbar, head, scroller, empty);

  const pool: Row[] = [];

  function makeRow(): Row {
    const cells = {} as Record<Column, HTMLElement>;
    const el = h("div", "agents-row", { role: "row", "data-testid": "agent-row" });
    for (const column of COLUMNS) {
      const cell = h("div", "agents-cell", { role: "gridcell" });
      cell.dataset["col"] = column;
      cells[column] = cell;
      el.append(cell);
    }
    const listen = h("button", "row-button", { type: "button", "data-testid": "agent-listen" });
    cells.actions.append(listen);
    const row: Row = { el, cells, listen, agent: null, call: null, monitorsKey: "" };
    listen.addEventListener("click", () => {
      if (row.agent !== null && row.call !== null) actions.listenToAgent(row.agent, row.call);
    });
    canvas.append(el);
    return row;
  }

  function fillRow(row: Row, agent: AgentRowDto, index: number, sinceMs: number): void {
    row.agent = agent.id;
    row.call = agent.call;
    row.el.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
    setAttr(row.el, "data-agent", String(agent.id));
    setAttr(row.el, "data-state", agent.state);
    setText(row.cells.name, agent.name);
    setAttr(row.cells.name, "title", `${agent.name} · #${agent.id}`);
    setText(row.cells.state, `${stateIcon(agent.state)} ${stateLabel(agent)}`);
    setText(row.cells.inState, agent.inStateMs === null ? "—" : fmtDuration(agent.inStateMs + sinceMs));
    setText(row.cells.call, agent.call === null ? "—" : String(agent.call));
    setText(row.cells.callTime, agent.callMs === null ? "—" : fmtDuration(agent.callMs + sinceMs));
    setText(row.cells.queues, agent.queues.join(", ") || "—");
    setText(row.cells.site, agent.site ? siteName(agent.site) : "—");
    setText(row.cells.handled, String(agent.handledToday));
    setText(row.cells.aht, agent.ahtMsToday === null ? "—" : fmtDuration(agent.ahtMsToday));
    row.monitorsKey = renderMonitorChips(row.cells.monitors, agent.monitors, row.monitorsKey);
    const mayListen = last.profile?.permissions.includes("listen") ?? false;
    setText(row.listen, t("calls.listen"));
    setAttr(row.listen, "title", t("agents.listenTitle", { agent: agent.name }));
    setHidden(row.listen, !mayListen || !canListenTo(agent));
    row.listen.disabled = last.busy;
    setHidden(row.el, false);
  }

  function query(): AgentQueryDto {
    const win = rowWindow(scroller.scrollTop, scroller.clientHeight);
    const num = (v: string) => (v === "" ? null : Number(v));
    return {
      search: search.value,
      site: num(site.value),
      queue: num(queue.value),
      state: (stateSelect.value || null) as StateFilterDto | null,
      sort: sort.sort,
      descending: sort.descending,
      offset: win.offset,
      limit: win.limit,
    };
  }

  function refresh(): void {
    if (root.hidden) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    actions
      .load(query())
      .then((loaded) => {
        page = loaded;
        receivedAt = performance.now();
        render(last);
      })
      .catch((error: unknown) => actions.failed(String((error as { message?: string }).message ?? error)))
      .finally(() => {
        inFlight = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }

  function options(select: HTMLSelectElement, list: { id: number; name: string }[], label: (name: string) => string, any: string): void {
    const key = list.map((o) => `${o.id}:${label(o.name)}`).join("|") + any;
    if (select.dataset["options"] === key) return;
    select.dataset["options"] = key;
    const chosen = select.value;
    select.replaceChildren(h("option", "", { value: "" }, any), ...list.map((o) => h("option", "", { value: String(o.id) }, label(o.name))));
    select.value = list.some((o) => String(o.id) === chosen) ? chosen : "";
  }

  function render(state: AgentsViewState): void {
    last = state;
    setAttr(search, "placeholder", t("agents.search"));
    for (const option of Array.from(stateSelect.options)) {
      const value = option.value as StateFilterDto | "";
      setText(option, value === "" ? t("agents.anyState") : t(`agentFilter.${value}`));
    }
    for (const column of COLUMNS) {
      const cell = headCells.get(column);
      if (!cell) continue;
      const sortKey = SORT_OF[column];
      const arrow = sortKey === sort.sort ? (sort.descending ? " ▼" : " ▲") : "";
      setText(cell, column === "actions" ? "" : `${t(`agentsCol.${column}`)}${arrow}`);
      setAttr(cell, "aria-sort", sortKey === sort.sort ? (sort.descending ? "descending" : "ascending") : null);
    }
    if (page) {
      options(site, page.sites, siteName, t("agents.anySite"));
      options(queue, page.queues, (n) => n, t("agents.anyQueue"));
      const c = page.counts;
      setText(
        summary,
        t("agents.summary", { available: c.available, ringing: c.ringing, onCall: c.onCall, wrapUp: c.wrapUp, onBreak: c.onBreak, offline: c.offline }),
      );
      setText(count, t("agents.count", { shown: page.matched, n: page.total }));
    }
    const matched = page?.matched ?? 0;
    canvas.style.height = `${matched * ROW_HEIGHT}px`;
    const rows = page?.rows ?? [];
    while (pool.length < rows.length) pool.push(makeRow());
    const sinceMs = page ? Math.max(0, performance.now() - receivedAt) : 0;
    rows.forEach((agent, i) => {
      const row = pool[i];
      if (row) fillRow(row, agent, (page?.offset ?? 0) + i, sinceMs);
    });
    for (const row of pool.slice(rows.length)) {
      row.agent = null;
      setHidden(row.el, true);
    }
    setText(empty, page ? t("agents.empty") : t("agents.loading"));
    setHidden(empty, matched > 0);
  }

  let scrollQueued = false;
  scroller.addEventListener("scroll", () => {
    if (scrollQueued) return;
    scrollQueued = true;
    requestAnimationFrame(() => {
      scrollQueued = false;
      refresh();
    });
  });
  const refilter = () => {
    scroller.scrollTop = 0;
    refresh();
  };
  search.addEventListener("input", refilter);
  for (const select of [site, queue, stateSelect]) select.addEventListener("change", refilter);

  return { root, render, refresh };
}
