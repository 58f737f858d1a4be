// The monitoring bar: always on screen for users who may listen, on every view. It says in
// words, shape and colour whether the user is listening (muted), whispering or barged in,
// and holds the only buttons that change it. Escalation is always a deliberate click or a
// Shift-chord; nothing here ever starts in a mode that opens the microphone.

import { h, setAttr, setHidden, setText } from "../dom";
import { fmtDuration } from "../format";
import { t } from "../i18n";
import type { MonitorModeDto, ProfileDto } from "../ipc";
import type { MySession } from "../monitoring";

export interface MonitorBarActions {
  changeMode(mode: MonitorModeDto): void;
  stop(): void;
}

export interface MonitorBarState {
  profile: ProfileDto | null;
  /** The user's session as the platform reports it. */
  session: MySession | null;
  /** Asked for, not yet reported by the platform (the phone is ringing). */
  ringing: boolean;
  /** A request in flight: buttons wait for its answer. */
  busy: boolean;
  /** Local ms since the calls list arrived, to keep the talk time moving. */
  sinceCallsMs: number;
}

export interface MonitorBar {
  root: HTMLElement;
  update(state: MonitorBarState): void;
}

const MODE_ICON: Record<MonitorModeDto, string> = { listen: "🎧", whisper: "🗣", barge: "⚠" };
const MODES: readonly MonitorModeDto[] = ["listen", "whisper", "barge"];

export function createMonitorBar(actions: MonitorBarActions): MonitorBar {
  const icon = h("span", "mon-icon", { "aria-hidden": "true" });
  const state = h("strong", "mon-state", { "data-testid": "monitor-mode" });
  const detail = h("span", "mon-detail", { "data-testid": "monitor-call" });
  const buttons = new Map<MonitorModeDto, HTMLButtonElement>();
  const group = h("div", "mon-buttons", { role: "group" });
  for (const mode of MODES) {
    const button = h("button", "mon-button", { type: "button", "data-mode": mode, "data-testid": `monitor-${mode}` });
    button.addEventListener("click", () => actions.changeMode(mode));
    buttons.set(mode, button);
    group.append(button);
  }
  const stop = h("button", "mon-button mon-stop", { type: "button", "data-testid": "monitor-stop" });
  stop.addEventListener("click", () => actions.stop());
  group.append(stop);
  const keys = h("span", "mon-keys");
  const root = h(
    "section",
    "monitor-bar",
    { role: "status", "aria-live": "assertive", "data-testid": "monitor-bar" },
    icon,
    state,
    detail,
    h("span", "spacer"),
    group,
    keys,
  );

  return {
    root,
    update({ profile, session, ringing, busy, sinceCallsMs }) {
      const may = (p: string) => profile?.permissions.some((x) => x === p) ?? false;
      setHidden(root, !profile || !may("listen"));
      const mode: MonitorModeDto | null = session ? session.monitor.mode : null;
      setAttr(root, "data-mode", mode ?? (ringing ? "ringing" : "idle"));
      if (session && mode) {
        setText(icon, MODE_ICON[mode]);
        setText(state, t(`mon.state.${mode}`));
        const call = session.call;
        const talk = call.talkMs === null ? "" : ` · ${fmtDuration(call.talkMs + sinceCallsMs)}`;
        setText(
          detail,
          t("mon.on", { call: call.id, agent: call.agent ?? "—", queue: call.queue ?? "—" }) + talk,
        );
      } else if (ringing) {
        setText(icon, "☎");
        setText(state, t("mon.ringing", { endpoint: profile?.endpoint ?? "" }));
        setText(detail, "");
      } else {
        setText(icon, "○");
        setText(state, t("mon.idle"));
        setText(detail, "");
      }
      for (const [m, button] of buttons) {
        setText(button, t(`mode.${m}`));
        setAttr(button, "aria-pressed", mode === m ? "true" : "false");
        // Each mode is also the name of the permission it needs.
        setHidden(button, !may(m));
        button.disabled = !session || busy || mode === m;
      }
      setText(stop, t("mon.stop"));
      stop.disabled = !(session || ringing) || busy;
      setText(keys, t("mon.keys"));
      setHidden(keys, !session);
    },
  };
}
