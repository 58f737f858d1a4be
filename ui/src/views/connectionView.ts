// The connection view: which platform, whether the link is up, how old the newest event is,
// why it is down, and what the figures on screen mean meanwhile (stale, never zero).

import { h, setAttr, setHidden, setText } from "../dom";
import { age, t } from "../i18n";
import type { FrameDto, TeamSettingsDto } from "../ipc";
import type { DelaySummary } from "../screenDelay";

export interface ConnectionState {
  frame: FrameDto | null;
  /** Milliseconds since that frame arrived (the event age grows while frames stop). */
  sinceFrameMs: number;
  settings: TeamSettingsDto | null;
  /** Event-to-screen delay over the last frames (null before the first). */
  delay: DelaySummary | null;
  eventsPerSecond: number | null;
}

export function createConnectionView(): { root: HTMLElement; render(state: ConnectionState): void } {
  const title = h("h2", "settings-title");
  const fields = h("dl", "conn-fields");
  const field = (testId: string) => {
    const term = h("dt", "");
    const value = h("dd", "", { "data-testid": testId });
    fields.append(term, value);
    return { term, value };
  };
  const platform = field("conn-platform");
  const linkState = field("conn-state");
  const lastEvent = field("conn-last-event");
  const detail = field("conn-detail");
  const hours = field("conn-hours");
  const quality = field("conn-quality");
  const rate = field("conn-event-rate");
  const delay = field("conn-screen-delay");
  const meaning = h("p", "conn-meaning", { "data-testid": "conn-meaning" });
  const empty = h("p", "muted");
  const root = h(
    "section",
    "view connection-view",
    { "data-testid": "connection-view" },
    h("section", "settings-section", {}, title, empty, fields, meaning),
  );
  return {
    root,
    render(state) {
      setText(title, t("conn.title"));
      setText(empty, t("conn.noFrame"));
      const frame = state.frame;
      setHidden(empty, frame !== null);
      setHidden(fields, frame === null);
      setText(platform.term, t("conn.platform"));
      setText(linkState.term, t("conn.state"));
      setText(lastEvent.term, t("conn.lastEvent"));
      setText(detail.term, t("conn.detail"));
      setText(hours.term, t("conn.hours"));
      setText(quality.term, t("conn.quality"));
      setText(rate.term, t("conn.eventRate"));
      setText(delay.term, t("conn.screenDelay"));
      if (!frame) {
        setText(meaning, t("conn.meaning.down"));
        return;
      }
      const link = frame.link;
      setText(platform.value, link.platform);
      const stateIcon = link.state === "connected" ? "●" : link.state === "reconnecting" ? "▲" : "◌";
      setText(linkState.value, `${stateIcon} ${t(`conn.state.${link.state}`)}`);
      setAttr(linkState.value, "data-state", link.state);
      setText(
        lastEvent.value,
        link.lastEventAgeMs === null ? "—" : t("age.ago", { age: age(link.lastEventAgeMs + state.sinceFrameMs) }),
      );
      setText(detail.value, link.detail ?? "—");
      setText(
        hours.value,
        state.settings ? `${state.settings.timeZone} · ${state.settings.shiftStarts.join(", ")}` : "—",
      );
      const a = frame.anomalies;
      setText(
        quality.value,
        [
          t("footer.duplicates", { n: a.duplicates }),
          t("footer.gaps", { n: a.gaps }),
          t("footer.unknownCalls", { n: a.unknownCalls }),
          t("footer.unknownAgents", { n: a.unknownAgents }),
        ].join(" · "),
      );
      setText(
        rate.value,
        t("conn.eventRate.value", {
          total: link.eventsReceived.toLocaleString(),
          rate: state.eventsPerSecond === null ? "—" : state.eventsPerSecond.toFixed(0),
        }),
      );
      const d = state.delay;
      setText(
        delay.value,
        d === null
          ? "—"
          : t("conn.screenDelay.value", {
              median: d.medianMs.toFixed(0),
              p99: d.p99Ms.toFixed(0),
              n: d.count,
            }),
      );
      setText(meaning, t(link.state === "connected" ? "conn.meaning.connected" : "conn.meaning.down"));
      setAttr(meaning, "data-state", link.state);
    },
  };
}
