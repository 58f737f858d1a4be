import { afterEach, describe, expect, it } from "vitest";
import { canListenTo, rowWindow, stateIcon, stateLabel, toggleSort } from "./agents";
import { setLocale } from "./i18n";
import type { AgentRowDto } from "./ipc";

function row(over: Partial<AgentRowDto> = {}): AgentRowDto {
  return {
    id: 7,
    name: "林平",
    site: "east",
    queues: ["east.repairs"],
    state: "onCall",
    breakReason: null,
    inStateMs: 60_000,
    call: 42,
    callMs: 55_000,
    handledToday: 12,
    ahtMsToday: 240_000,
    monitors: [],
    ...over,
  };
}

describe("the rows a scroll position needs", () => {
  it("covers the visible rows plus an overscan either side, never before the first", () => {
    expect(rowWindow(0, 320, 32, 20)).toEqual({ offset: 0, limit: 51 });
    // Scrolled to row 1,000 of 10,000: rows 980 … 1,030 are fetched.
    expect(rowWindow(32_000, 320, 32, 20)).toEqual({ offset: 980, limit: 51 });
    expect(rowWindow(10, 0, 32, 0)).toEqual({ offset: 0, limit: 1 });
  });
});

describe("agent states", () => {
  afterEach(() => setLocale("en"));

  it("read as a word and a shape, with a break's reason", () => {
    setLocale("en");
    expect(stateLabel(row())).toBe("On call");
    expect(stateLabel(row({ state: "break", breakReason: "lunch" }))).toBe("Break · Lunch");
    expect(stateLabel(row({ state: "break", breakReason: "dentist" }))).toBe("Break · dentist");
    expect(stateLabel(row({ state: "break", breakReason: "unspecified" }))).toBe("Break");
    setLocale("zh-CN");
    expect(stateLabel(row({ state: "break", breakReason: "training" }))).toBe("休息 · 培训");
    const icons = new Set((["available", "ringing", "onCall", "wrapUp", "break", "offline"] as const).map(stateIcon));
    expect(icons.size).toBe(6);
  });
});

describe("sorting by a column header", () => {
  it("flips the same column and starts figures largest first", () => {
    expect(toggleSort({ sort: "name", descending: false }, "name")).toEqual({ sort: "name", descending: true });
    expect(toggleSort({ sort: "name", descending: false }, "aht")).toEqual({ sort: "aht", descending: true });
    expect(toggleSort({ sort: "aht", descending: true }, "state")).toEqual({ sort: "state", descending: false });
  });
});

describe("listening from an agent", () => {
  it("is offered on a connected call the user is not already on", () => {
    expect(canListenTo(row())).toBe(true);
    expect(canListenTo(row({ state: "ringing", callMs: null }))).toBe(false);
    expect(canListenTo(row({ state: "available", call: null, callMs: null }))).toBe(false);
    expect(
      canListenTo(row({ monitors: [{ session: 1, supervisor: "Alice", mode: "listen", mine: true, training: false }] })),
    ).toBe(false);
  });
});
