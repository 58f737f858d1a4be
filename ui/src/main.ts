// Wiring: owns the screen state, feeds frames from the IPC stream into the wallboard and
// maps keys and toggles to actions. Rendering is coalesced to one pass per animation frame.

import "./styles.css";
import "./console.css";
import "./settings.css";
import "./agents.css";
import "./alerts.css";
import "./routing.css";
import "./surveys.css";
import { getLocale, onLocaleChange, setLocale, t, toggleLocale } from "./i18n";
import { ScreenDelay, wallClockMs } from "./screenDelay";
import {
  WINDOWS,
  acknowledgeAlert,
  agentsPage,
  auditExport,
  auditSearch,
  getProfile,
  monitorAgent,
  onAlertOpened,
  setRoutingPolicy,
  onRoutingOpened,
  routingChange,
  routingPreview,
  monitorCall,
  monitorMode,
  monitorStop,
  setAlertRules,
  setCentreHours,
  setEndpoint,
  setNotificationLocale,
  setWindow,
  subscribeAlerts,
  subscribeCalls,
  wantEveryCall,
  subscribeFrames,
  subscribeRouting,
  surveyBackend,
  toIpcError,
  teamSettings,
  trainingColleagueBarge,
  trendCharts,
  type AlertsDto,
  type CallsDto,
  type FrameDto,
  type MonitorModeDto,
  type ProfileDto,
  type RoutingDto,
  type TeamSettingsDto,
  type WindowDto,
} from "./ipc";
import { endedText, findEnd, findMySession, refusalText } from "./monitoring";
import { createAgentsView } from "./views/agentsView";
import { createAlertsView } from "./views/alertsView";
import { createConnectionView } from "./views/connectionView";
import { createTeamSettings } from "./views/teamSettings";
import { createRoutingPolicyEditor } from "./views/routingPolicyEditor";
import { createTrendsPanel } from "./views/trendsPanel";
import { createAuditView } from "./views/auditView";
import { createCallsView } from "./views/callsView";
import { createMonitorBar } from "./views/monitorBar";
import { VIEWS, createNav, type ViewName } from "./views/nav";
import { createRoutingBanner } from "./views/routingBanner";
import { createRoutingView } from "./views/routingView";
import { createSettingsView } from "./views/settingsView";
import { createSurveysView } from "./views/surveysView";
import type { Theme } from "./views/topBar";
import { createWallboard, type WallboardState } from "./views/wallboard";

const THEME_KEY = "floorwalker.theme";
const VIEW_KEY = "floorwalker.view";
const NOTICE_MS = 6_000;
/** A window change that no frame confirms within this long is given up on. */
const PENDING_WINDOW_MS = 5_000;
const TICK_MS = 1_000;
/** A phone that has not joined by now is not going to (platforms ring for about 30 s); the
 * platform's own verdict is in the audit trail. */
const RING_GIVE_UP_MS = 45_000;

function loadTheme(): Theme {
  try {
    return localStorage.getItem(THEME_KEY) === "light" ? "light" : "dark";
  } catch {
    return "dark";
  }
}

function loadView(): ViewName {
  try {
    const saved = localStorage.getItem(VIEW_KEY);
    return VIEWS.find((v) => v === saved) ?? "wallboard";
  } catch {
    return "wallboard";
  }
}

const state: WallboardState & { view: ViewName } = {
  frame: null,
  sinceFrameMs: 0,
  pendingWindow: null,
  subscribeError: null,
  notice: null,
  theme: loadTheme(),
  view: loadView(),
};

/** Monitoring state: the profile, the calls list, and the user's session as requested. */
const desk = {
  profile: null as ProfileDto | null,
  calls: null as CallsDto | null,
  callsReceivedAt: 0,
  /** The session the user asked for, until the platform ends it. */
  session: null as { id: number; call: number; seen: boolean; askedAt: number } | null,
  busy: false,
};
/** The alert centre and the team's settings, as the backend last sent them. */
const team = {
  alerts: null as AlertsDto | null,
  settings: null as TeamSettingsDto | null,
  /** The disaster-mode routing plan, as the backend last sent it. */
  routing: null as RoutingDto | null,
};
/** What the calls stream was last asked to carry (null: not asked yet, or the ask failed). */
let everyCallAsked: boolean | null = null;
let frameReceivedAt = 0;
/** Event-to-screen delays and the event rate; the scale benchmark reads it from `window`. */
const screen = new ScreenDelay();
window.floorwalkerScreen = screen;
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
    const sinceCallsMs = desk.calls ? Math.max(0, performance.now() - desk.callsReceivedAt) : 0;
    const mine = findMySession(desk.calls);
    nav.update(state.view, desk.profile, team.alerts?.unacknowledged ?? 0);
    monitorBar.update({
      profile: desk.profile,
      session: mine,
      ringing: desk.session !== null && !desk.session.seen,
      busy: desk.busy,
      sinceCallsMs,
    });
    syncEveryCall();
    routingBanner.update(team.routing, state.frame);
    wallboard.render(state);
    trends.render(state.frame, state.theme === "dark", state.view === "wallboard");
    callsView.root.hidden = state.view !== "calls";
    agentsView.root.hidden = state.view !== "agents";
    if (state.view === "agents") agentsView.render({ profile: desk.profile, busy: desk.busy });
    auditView.root.hidden = state.view !== "audit";
    settingsView.root.hidden = state.view !== "settings";
    if (state.view === "settings") {
      settingsView.render({ profile: desk.profile, theme: state.theme });
      teamSection.render(team.settings);
      policyEditor.render(team.routing?.policy ?? null, desk.profile);
    }
    alertsView.root.hidden = state.view !== "alerts";
    if (state.view === "alerts") {
      alertsView.render({
        alerts: team.alerts,
        nowMs: state.frame ? state.frame.atMs + state.sinceFrameMs : Date.now(),
        mayAcknowledge: desk.profile?.permissions.includes("acknowledgeAlerts") ?? false,
      });
    }
    routingView.root.hidden = state.view !== "routing";
    if (state.view === "routing") routingView.render({ routing: team.routing, frame: state.frame, profile: desk.profile });
    surveysView.root.hidden = state.view !== "surveys";
    if (state.view === "surveys") {
      surveysView.render({
        profile: desk.profile,
        frame: state.frame,
        timeZone: team.settings?.timeZone ?? null,
        nowMs: state.frame ? state.frame.atMs + state.sinceFrameMs : Date.now(),
      });
    }
    connectionView.root.hidden = state.view !== "connection";
    if (state.view === "connection") {
      connectionView.render({
        frame: state.frame,
        sinceFrameMs: state.sinceFrameMs,
        settings: team.settings,
        delay: screen.summary(),
        eventsPerSecond: screen.eventsPerSecond(),
      });
    }
    if (state.view === "calls") callsView.render({ calls: desk.calls?.complete ? desk.calls : null, profile: desk.profile, sinceCallsMs, busy: desk.busy });
    // A task queued from an animation frame runs once that frame is painted.
    if (state.frame) window.setTimeout(() => screen.painted(wallClockMs()), 0);
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
  screen.frameArrived(frame.firstNewEventReceivedMs, frame.link.eventsReceived, wallClockMs());
  state.subscribeError = null;
  if (
    state.pendingWindow !== null &&
    (state.pendingWindow === frame.window || frameReceivedAt - pendingSince > PENDING_WINDOW_MS)
  ) {
    state.pendingWindow = null;
  }
  requestRender();
}

/**
 * Every live call is streamed only while the calls view is open or a session of the user's
 * is followed (its call must be seen to go); otherwise only monitored calls, which is all the
 * monitoring bar needs. A centre at its peak has thousands of calls.
 */
function syncEveryCall(): void {
  const wanted = state.view === "calls" || desk.session !== null;
  if (wanted === everyCallAsked) return;
  everyCallAsked = wanted;
  wantEveryCall(wanted).catch(() => {
    everyCallAsked = null; // asked again at the next render
  });
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
  pickTheme(state.theme === "dark" ? "light" : "dark");
}

function pickTheme(theme: Theme): void {
  state.theme = theme;
  try {
    localStorage.setItem(THEME_KEY, state.theme);
  } catch {
    // Not persisted; the theme still applies for this session.
  }
  applyTheme();
  requestRender();
}

function selectView(view: ViewName): void {
  if ((view === "audit" || view === "routing" || view === "surveys") && !desk.profile?.monitoringAvailable) return;
  state.view = view;
  try {
    localStorage.setItem(VIEW_KEY, view);
  } catch {
    // Not remembered; the view still changes.
  }
  if (view === "audit") auditView.refresh();
  if (view === "routing") routingView.refreshHistory();
  if (view === "surveys") surveysView.refresh();
  if (view === "settings" || view === "connection") loadTeamSettings();
  requestRender();
  // After the render has shown the grid, so it measures its real height.
  if (view === "agents") requestAnimationFrame(() => agentsView.refresh());
}

function onCalls(calls: CallsDto): void {
  desk.calls = calls;
  desk.callsReceivedAt = performance.now();
  const pending = desk.session;
  const end = pending ? findEnd(calls, pending.id) : null;
  if (pending && end) {
    // The platform said why: say it in words the supervisor can act on.
    showNotice(endedText(end, desk.profile?.endpoint ?? null));
    desk.session = null;
  } else if (pending) {
    const reported = calls.calls.some((c) => c.monitors.some((m) => m.mine && m.session === pending.id));
    if (reported) {
      pending.seen = true;
    } else if (
      pending.seen ||
      (calls.complete && !calls.calls.some((c) => c.id === pending.call)) ||
      performance.now() - pending.askedAt > RING_GIVE_UP_MS
    ) {
      // Reported before and gone now, or its call is gone: the platform ended it.
      showNotice(t("mon.ended", { call: pending.call }));
      desk.session = null;
    }
  } else {
    // A session from before a reload: adopt it, so it can be changed or stopped here.
    const mine = findMySession(calls);
    if (mine) desk.session = { id: mine.monitor.session, call: mine.call.id, seen: true, askedAt: 0 };
  }
  requestRender();
}

/** Runs one monitoring request: one at a time, refusals shown in words. */
function monitorRequest(run: () => Promise<number>, then: (session: number) => void): void {
  if (desk.busy) return;
  desk.busy = true;
  requestRender();
  run()
    .then(then)
    .catch((error: unknown) => showNotice(refusalText(toIpcError(error))))
    .finally(() => {
      desk.busy = false;
      requestRender();
    });
}

/** Starts listening to `callId`, asked for by call or (with `agent`) by the agent on it. */
function listen(callId: number, agent?: number): void {
  if (desk.session) {
    showNotice(refusalText({ code: "denied.session", message: "stop the current session first" }));
    return;
  }
  monitorRequest(
    () => (agent === undefined ? monitorCall(callId) : monitorAgent(agent)),
    (session) => {
      desk.session = { id: session, call: callId, seen: false, askedAt: performance.now() };
    },
  );
}

function changeMode(mode: MonitorModeDto): void {
  const session = desk.session;
  if (!session?.seen) return;
  monitorRequest(
    () => monitorMode(session.id, mode),
    () => undefined,
  );
}

function stopMonitoring(): void {
  const session = desk.session;
  if (!session) return;
  monitorRequest(
    () => monitorStop(session.id),
    () => {
      desk.session = null;
    },
  );
}

const nav = createNav(selectView);
const monitorBar = createMonitorBar({ changeMode, stop: stopMonitoring });
const callsView = createCallsView({
  listen,
  trainingBarge: (callId) => {
    trainingColleagueBarge(callId).catch((error: unknown) => showNotice(toIpcError(error).message));
  },
});
const agentsView = createAgentsView({
  load: agentsPage,
  listenToAgent: (agent, callId) => listen(callId, agent),
  failed: (message) => showNotice(t("agents.loadFailed", { message })),
});
const auditView = createAuditView({
  load: (query) => auditSearch(query, 100),
  exportCsv: (query) => {
    auditExport(query)
      .then((done) => showNotice(t("audit.exported", { n: done.records, path: done.path })))
      .catch((error: unknown) => showNotice(t("audit.exportFailed", { message: toIpcError(error).message })));
  },
});

const settingsView = createSettingsView({
  saveEndpoint: async (endpoint) => {
    const profile = await setEndpoint(endpoint);
    desk.profile = profile;
    requestRender();
    return profile;
  },
  setLocale,
  setTheme: pickTheme,
});

const teamSection = createTeamSettings({
  saveHours: async (zone, starts) => {
    team.settings = await setCentreHours(zone, starts);
    requestRender();
    return team.settings;
  },
  saveRules: async (rules) => {
    team.settings = await setAlertRules(rules);
    requestRender();
    return team.settings;
  },
});
const policyEditor = createRoutingPolicyEditor({
  save: async (policy) => {
    const saved = await setRoutingPolicy(policy);
    if (team.routing) team.routing = { ...team.routing, policy: saved };
    requestRender();
    return saved;
  },
});
settingsView.root.append(teamSection.root, policyEditor.root);

function loadTeamSettings(): void {
  teamSettings()
    .then((settings) => {
      team.settings = settings;
      requestRender();
    })
    .catch((error: unknown) => showNotice(toIpcError(error).message));
}

const alertsView = createAlertsView({
  acknowledge: (id) => {
    acknowledgeAlert(id).catch((error: unknown) =>
      showNotice(t("alerts.ackFailed", { message: refusalText(toIpcError(error)) })),
    );
  },
  openQueue,
});
const connectionView = createConnectionView();
const routingView = createRoutingView({
  preview: routingPreview,
  change: routingChange,
  history: () => auditSearch({ actionPrefix: "routing." }, 50),
  notice: showNotice,
  error: (error) => (error.code === "routing.conflict" ? t("routing.conflict") : t("routing.failed", { message: error.message })),
});
const surveysView = createSurveysView({ ...surveyBackend, notice: showNotice });
const routingBanner = createRoutingBanner(() => selectView("routing"));

/** Shows a queue's tile on the live wallboard, briefly highlighted. */
function openQueue(queue: number): void {
  selectView("wallboard");
  requestAnimationFrame(() => {
    const tile = document.querySelector<HTMLElement>(`[data-testid="queue-tile-${queue}"]`);
    if (!tile) return;
    tile.scrollIntoView({ block: "center" });
    tile.dataset["flash"] = "true";
    window.setTimeout(() => delete tile.dataset["flash"], 4_000);
  });
}

const trends = createTrendsPanel(trendCharts);

const wallboard = createWallboard(
  {
    selectWindow,
    toggleLocale,
    toggleTheme,
    retrySubscribe: subscribe,
  },
  {
    bars: [nav.root, routingBanner.root, monitorBar.root],
    views: [
      agentsView.root,
      callsView.root,
      alertsView.root,
      connectionView.root,
      auditView.root,
      settingsView.root,
      routingView.root,
      surveysView.root,
    ],
    below: [trends.root],
  },
);

document.addEventListener("keydown", (event) => {
  if (event.repeat || event.altKey || event.metaKey) return;
  if (event.ctrlKey) {
    const view = VIEWS["123456789".indexOf(event.key)];
    if (view && !event.shiftKey) {
      event.preventDefault();
      selectView(view);
    }
    return;
  }
  const target = event.target;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement)
    return;
  if (event.shiftKey) {
    // Monitoring chords: deliberate by design (a plain letter never opens the microphone).
    const mode: Record<string, MonitorModeDto> = { L: "listen", W: "whisper", B: "barge" };
    const picked = mode[event.key];
    if (picked) {
      event.preventDefault();
      changeMode(picked);
    } else if (event.key === "S") {
      event.preventDefault();
      stopMonitoring();
    }
    return;
  }
  if (state.view === "calls" && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
    event.preventDefault();
    callsView.moveSelection(event.key === "ArrowDown" ? 1 : -1);
    return;
  }
  if (state.view === "calls" && event.key === "Enter") {
    const selected = callsView.selected();
    if (selected !== null) {
      event.preventDefault();
      listen(selected);
    }
    return;
  }
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

onLocaleChange((locale) => {
  setNotificationLocale(locale).catch(() => undefined);
  auditView.render();
  if (state.view === "audit") auditView.refresh();
  requestRender();
});
document.documentElement.lang = getLocale();
applyTheme();
document.getElementById("app")?.replaceWith(wallboard.root);
wallboard.root.id = "app";
// Keep ages moving and staleness honest even when frames stop arriving.
window.setInterval(() => {
  requestRender();
  if (state.view === "agents") agentsView.refresh();
}, TICK_MS);
subscribe();
getProfile()
  .then((profile) => {
    desk.profile = profile;
    if (state.view === "audit" && profile.monitoringAvailable) auditView.refresh();
    if ((state.view === "audit" || state.view === "routing" || state.view === "surveys") && !profile.monitoringAvailable) state.view = "wallboard";
    requestRender();
  })
  .catch((error: unknown) => showNotice(toIpcError(error).message));
subscribeCalls(onCalls).catch((error: unknown) => showNotice(toIpcError(error).message));
subscribeAlerts((alerts) => {
  team.alerts = alerts;
  requestRender();
}).catch((error: unknown) => showNotice(toIpcError(error).message));
onAlertOpened((opened) => {
  if (opened.queue !== null) openQueue(opened.queue);
  else selectView("alerts");
}).catch(() => undefined);
subscribeRouting((routing) => {
  const before = team.routing?.version;
  team.routing = routing;
  // Another console's change: the history shows it too.
  if (state.view === "routing" && before !== undefined && before !== routing.version) routingView.refreshHistory();
  requestRender();
}).catch((error: unknown) => showNotice(toIpcError(error).message));
onRoutingOpened(() => selectView("routing")).catch(() => undefined);
setNotificationLocale(getLocale()).catch(() => undefined);
loadTeamSettings();
