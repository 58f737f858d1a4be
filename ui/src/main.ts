// Wiring: owns the screen state, feeds frames from the IPC stream into the wallboard and
// maps keys and toggles to actions. Rendering is coalesced to one pass per animation frame.

import "./styles.css";
import { getLocale, onLocaleChange, t, toggleLocale } from "./i18n";
import { WINDOWS, setWindow, subscribeFrames, toIpcError, type FrameDto, type WindowDto } from "./ipc";
import type { Theme } from "./views/topBar";
import { createWallboard, type WallboardState } from "./views/wallboard";

const THEME_KEY = "floorwalker.theme";
const NOTICE_MS = 6_000;
/** A window change that no frame confirms within this long is given up on. */
const PENDING_WINDOW_MS = 5_000;
const TICK_MS = 1_000;

function loadTheme(): Theme {
  try {
    return localStorage.getItem(THEME_KEY) === "light" ? "light" : "dark";
  } catch {
    return "dark";
  }
}

const state: WallboardState = {
  frame: null,
  sinceFrameMs: 0,
  pendingWindow: null,
  subscribeError: null,
  notice: null,
  theme: loadTheme(),
};
let frameReceivedAt = 0;
let pendingSince = 0;
let noticeTimer: number | undefined;
let renderQueued = false;

function applyTheme(): void {
  document.documentElement.dataset["theme"] = state.theme;
}

function requestRender(): void {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    state.sinceFrameMs = state.frame ? Math.max(0, performance.now() - frameReceivedAt) : 0;
    wallboard.render(state);
  });
}

function showNotice(text: string): void {
  state.notice = text;
  window.clearTimeout(noticeTimer);
  noticeTimer = window.setTimeout(() => {
    state.notice = null;
    requestRender();
  }, NOTICE_MS);
  requestRender();
}

function onFrame(frame: FrameDto): void {
  state.frame = frame;
  frameReceivedAt = performance.now();
  state.subscribeError = null;
  if (
    state.pendingWindow !== null &&
    (state.pendingWindow === frame.window || frameReceivedAt - pendingSince > PENDING_WINDOW_MS)
  ) {
    state.pendingWindow = null;
  }
  requestRender();
}

function subscribe(): void {
  state.subscribeError = null;
  requestRender();
  subscribeFrames(onFrame).catch((error: unknown) => {
    const ipcError = toIpcError(error);
    state.subscribeError = ipcError;
    // With frames already on screen the last numbers stay (and go stale); say why.
    if (state.frame) showNotice(t("stream.error", { message: ipcError.message }));
    requestRender();
  });
}

function selectWindow(picked: WindowDto): void {
  if (!state.frame) return;
  if (picked === (state.pendingWindow ?? state.frame.window)) return;
  state.pendingWindow = picked;
  pendingSince = performance.now();
  requestRender();
  setWindow(picked).catch((error: unknown) => {
    const { message } = toIpcError(error);
    state.pendingWindow = null;
    showNotice(t("window.error", { message }));
  });
}

function toggleTheme(): void {
  state.theme = state.theme === "dark" ? "light" : "dark";
  try {
    localStorage.setItem(THEME_KEY, state.theme);
  } catch {
    // Not persisted; the theme still applies for this session.
  }
  applyTheme();
  requestRender();
}

const wallboard = createWallboard({
  selectWindow,
  toggleLocale,
  toggleTheme,
  retrySubscribe: subscribe,
});

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
  const target = event.target;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
  const key = event.key.toLowerCase();
  const index = "12345".indexOf(key);
  const picked = index >= 0 ? WINDOWS[index] : undefined;
  if (key.length === 1 && picked) {
    event.preventDefault();
    selectWindow(picked);
  } else if (key === "l") {
    event.preventDefault();
    toggleLocale();
  } else if (key === "t") {
    event.preventDefault();
    toggleTheme();
  }
});

onLocaleChange(() => requestRender());
document.documentElement.lang = getLocale();
applyTheme();
document.getElementById("app")?.replaceWith(wallboard.root);
wallboard.root.id = "app";
// Keep ages moving and staleness honest even when frames stop arriving.
window.setInterval(requestRender, TICK_MS);
subscribe();
