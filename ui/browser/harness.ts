// The console in a plain browser: Tauri's IPC is mocked at the JS boundary (mockIPC from
// @tauri-apps/api/mocks) by the simulated backend in ./fixtures, installed BEFORE the app's
// entry module is imported. Served by the Vite dev server in tests only; never part of the
// production build (vite build's only input is ui/index.html).
//
// The tests drive it through `window.__fw` and configure it before the page loads through
// `window.__fwBoot` (set by an init script).

import { mockIPC } from "@tauri-apps/api/mocks";
import { siteName, skillName } from "../src/i18n";
import type { AlertsDto, CallsDto, FrameDto, IpcErrorDto, RoutingDto } from "../src/ipc";
import { en } from "../src/locales/en";
import { zhCN } from "../src/locales/zh-CN";
import * as fixtures from "./fixtures";
import { auditRecords } from "./auditFixtures";
import { routingFixture } from "./routingFixtures";
import * as surveyFixtures from "./surveyFixtures";
import { createBackend, Refusal, type CommandName, type Commands } from "./backend";
import type { ProfileName } from "./fixtures";
import { pullHeldBackFixture } from "./surveyPullFixtures";

export interface Boot {
  /** Who runs the console (a key of `fixtures.profiles`); the night-shift lead by default. */
  profile?: ProfileName;
  /** Commands whose first invocation is refused with this error. */
  fail?: Partial<Record<CommandName, IpcErrorDto>>;
  /** The backend republishes the current frame this often, like the hub (0: never). */
  publishEveryMs?: number;
}

export interface Invocation {
  cmd: string;
  /** The arguments as the backend receives them (JSON: a Channel is `__CHANNEL__:<id>`). */
  args: Record<string, unknown>;
}

type Stream = "subscribe_frames" | "subscribe_calls" | "subscribe_alerts" | "subscribe_routing";

interface TauriInternals {
  runCallback(id: number, data: unknown): void;
}

declare global {
  interface Window {
    __fwBoot?: Boot;
    __fw: typeof api;
    __TAURI_INTERNALS__: TauriInternals;
  }
}

const boot: Boot = window.__fwBoot ?? {};
const invocations: Invocation[] = [];
/** Commands the UI invoked that no fixture answers: a test failure. */
const unmocked: string[] = [];
const failures = new Map<string, { error: IpcErrorDto; times: number }>();
for (const [cmd, error] of Object.entries(boot.fail ?? {})) failures.set(cmd, { error, times: 1 });

/** The open stream channels: the latest subscription of each, and the next message index. */
const channels = new Map<Stream, { id: number; next: number }>();

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Sends one message on a stream as Tauri's Rust side does: `{ index, message }` to the
 * channel's callback, indices in order from 0. */
function send(stream: Stream, message: unknown): boolean {
  const channel = channels.get(stream);
  if (!channel) return false;
  window.__TAURI_INTERNALS__.runCallback(channel.id, { index: channel.next++, message: json(message) });
  return true;
}

const backend = createBackend(boot.profile ?? "nightShiftLead", {
  frames: (frame) => send("subscribe_frames", frame),
  calls: (calls) => send("subscribe_calls", calls),
  alerts: (alerts) => send("subscribe_alerts", alerts),
  routing: (routing) => send("subscribe_routing", routing),
});

function isCommand(cmd: string): cmd is CommandName {
  return Object.prototype.hasOwnProperty.call(backend.handlers, cmd);
}

function dispatch<K extends CommandName>(cmd: K, args: Commands[K]["args"]): Commands[K]["result"] {
  return backend.handlers[cmd](args);
}

/** The options (headers) of the invoke being handled: mockIPC does not pass them on, so the
 * harness wraps Tauri's invoke to see them (a raw-body command sends its metadata there). */
let invokeHeaders: Record<string, string> = {};

mockIPC((cmd, payload) => {
  // A raw body (bytes) reaches the backend as its text and the invoke's headers.
  const args =
    payload instanceof Uint8Array
      ? { text: new TextDecoder().decode(payload), headers: invokeHeaders }
      : json((payload ?? {}) as Record<string, unknown>);
  invocations.push({ cmd, args });
  const failure = failures.get(cmd);
  if (failure) {
    failure.times -= 1;
    if (failure.times <= 0) failures.delete(cmd);
    return Promise.reject(failure.error);
  }
  if (!isCommand(cmd)) {
    unmocked.push(cmd);
    return Promise.reject({ code: "unsupported", message: `the browser harness has no fixture for ${cmd}` });
  }
  let result: unknown;
  try {
    result = dispatch(cmd, args as Commands[typeof cmd]["args"]);
  } catch (error) {
    return Promise.reject(error instanceof Refusal ? error.error : error);
  }
  if (cmd === "subscribe_frames" || cmd === "subscribe_calls" || cmd === "subscribe_alerts" || cmd === "subscribe_routing") {
    const ref = String(args["channel"]);
    const id = Number(/^__CHANNEL__:(\d+)$/.exec(ref)?.[1]);
    if (!Number.isFinite(id)) return Promise.reject({ code: "ipc", message: `not a channel: ${ref}` });
    channels.set(cmd, { id, next: 0 });
    // The first message follows the subscription, as the backend's first publish does.
    const first =
      cmd === "subscribe_frames"
        ? backend.state.frame
        : cmd === "subscribe_alerts"
          ? backend.state.alerts
          : cmd === "subscribe_routing"
            ? backend.state.routing
            : backend.visibleCalls();
    setTimeout(() => send(cmd, first), 0);
  }
  return Promise.resolve(json(result));
});

{
  const internals = window.__TAURI_INTERNALS__ as unknown as {
    invoke: (cmd: string, args: unknown, options?: { headers?: Record<string, string> }) => Promise<unknown>;
  };
  const inner = internals.invoke;
  internals.invoke = (cmd, args, options) => {
    invokeHeaders = { ...(options?.headers ?? {}) };
    return inner(cmd, args, options);
  };
}

const publishEveryMs = boot.publishEveryMs ?? 1_000;
if (publishEveryMs > 0) window.setInterval(() => send("subscribe_frames", backend.state.frame), publishEveryMs);

const api = {
  /** Set once the app's entry module has run. */
  ready: false,
  /** The message dictionaries the app uses. */
  messages: { en, "zh-CN": zhCN } as const,
  /** The pristine fixtures (the backend works on its own copy, `state`). */
  fixtures: {
    frame: fixtures.frame,
    calls: fixtures.calls,
    agents: fixtures.agents,
    profiles: fixtures.profiles,
    auditRecords,
    alerts: fixtures.alerts,
    teamSettings: fixtures.teamSettingsFixture,
    routing: routingFixture,
    surveys: surveyFixtures.surveysFixture,
    surveyTags: surveyFixtures.surveyTagsFixture,
    surveyPeople: surveyFixtures.surveyPeopleFixture,
    pullHeldBack: pullHeldBackFixture,
  },
  /** The backend's live state: change it, then push. */
  state: backend.state,
  invocations,
  unmocked,
  /** The arguments of every invocation of `cmd`, in order. */
  invoked(cmd: string): Record<string, unknown>[] {
    return invocations.filter((i) => i.cmd === cmd).map((i) => i.args);
  },
  clearInvocations(): void {
    invocations.length = 0;
  },
  /** Publishes a frame (the backend's current one unless given; a given one becomes current). */
  pushFrame(frame?: FrameDto): boolean {
    if (frame) backend.state.frame = json(frame);
    return send("subscribe_frames", backend.state.frame);
  },
  /** Publishes the calls list (the backend's current one unless given; a given one becomes current). */
  pushCalls(calls?: CallsDto): boolean {
    if (calls) backend.state.calls = json(calls);
    return send("subscribe_calls", backend.visibleCalls());
  },
  /** Publishes the alert board (the backend's current one unless given). */
  pushAlerts(alerts?: AlertsDto): boolean {
    if (alerts) backend.state.alerts = json(alerts);
    return send("subscribe_alerts", backend.state.alerts);
  },
  /** Publishes the routing plan (the backend's current one unless given). */
  pushRouting(routing?: RoutingDto): boolean {
    if (routing) backend.state.routing = json(routing);
    return send("subscribe_routing", backend.state.routing);
  },
  /** Refuses the next `times` invocations of `cmd` with `error`. */
  fail(cmd: CommandName, error: IpcErrorDto, times = 1): void {
    failures.set(cmd, { error, times });
  },
  /** The user's phone answers: the platform reports their ringing sessions as listening. */
  answerPhone(): void {
    backend.answerPhone();
  },
  maskNumber: fixtures.maskNumber,
  /** The app's own display names, in the current language. */
  skillName,
  siteName,
};
window.__fw = api;

void import("../src/main").then(() => {
  api.ready = true;
});
