// Pure logic of the agents grid: which rows a scroll position needs, how each state reads
// (a word and a shape as well as a colour), and the sort a column header toggles. No DOM
// here (unit-tested with vitest).

import { t } from "./i18n";
import type { AgentRowDto, AgentSortDto, AgentStateDto } from "./ipc";

/** Row height in CSS pixels; the grid positions rows by it. */
export const ROW_HEIGHT = 32;
/** Rows fetched beyond the visible ones on each side, so a scroll shows no blank rows. */
export const OVERSCAN = 20;

export interface RowWindow {
  offset: number;
  limit: number;
}

/** The rows to fetch for a viewport scrolled to `scrollTop` with `height` visible. */
export function rowWindow(scrollTop: number, height: number, rowHeight = ROW_HEIGHT, overscan = OVERSCAN): RowWindow {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const visible = Math.ceil(Math.max(height, 0) / rowHeight) + 1;
  return { offset: first, limit: visible + 2 * overscan };
}

/** A state's shape, so it never reads by colour alone. */
const STATE_ICON: Record<AgentStateDto, string> = {
  available: "●",
  ringing: "◔",
  onCall: "◆",
  wrapUp: "◇",
  break: "‖",
  offline: "○",
};

export function stateIcon(state: AgentStateDto): string {
  return STATE_ICON[state];
}

/** "Break · Lunch", "On call", …: the word for a row's state in the current language. */
export function stateLabel(row: Pick<AgentRowDto, "state" | "breakReason">): string {
  const word = t(`agentState.${row.state}`);
  if (row.state !== "break" || !row.breakReason || row.breakReason === "unspecified") return word;
  const known = ["lunch", "rest", "training", "coaching", "meeting", "technical"] as const;
  const reason = known.find((k) => k === row.breakReason);
  return `${word} · ${reason ? t(`breakReason.${reason}`) : row.breakReason}`;
}

export interface SortState {
  sort: AgentSortDto;
  descending: boolean;
}

/** Clicking a header: the same column flips direction; a new one starts in its natural
 * direction (figures and times largest first, names and states in order). */
export function toggleSort(current: SortState, column: AgentSortDto): SortState {
  if (current.sort === column) return { sort: column, descending: !current.descending };
  const largestFirst: AgentSortDto[] = ["timeInState", "callDuration", "handled", "aht"];
  return { sort: column, descending: largestFirst.includes(column) };
}

/** Whether the user may start monitoring from this row: on a connected call nobody of ours
 * is already on. */
export function canListenTo(row: AgentRowDto): boolean {
  return row.state === "onCall" && row.call !== null && row.callMs !== null && !row.monitors.some((m) => m.mine);
}
