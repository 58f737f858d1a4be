// The chips that say who monitors a call and how, shared by the live-calls and agents views.

import { h } from "../dom";
import { t } from "../i18n";
import type { MonitorDto } from "../ipc";

/**
 * Fills `container` with one chip per supervisor on the call (name · mode; the user's own
 * marked). Rows update at up to 20 Hz, so the chips are rebuilt only when what they say
 * changed: pass the key this returned last time, keep the one it returns.
 */
export function renderMonitorChips(container: HTMLElement, monitors: readonly MonitorDto[], shownKey: string): string {
  const labels = monitors.map((m) => `${m.training ? t("calls.trainingColleague") : m.supervisor} · ${t(`mode.${m.mode}`)}`);
  const key = monitors.map((m, i) => `${labels[i]}|${m.mode}|${m.mine}`).join("\n");
  if (key === shownKey) return key;
  container.replaceChildren(
    ...monitors.map((m, i) => {
      const chip = h("span", "chip", { "data-mode": m.mode, "data-testid": "monitor-chip" }, labels[i] ?? "");
      if (m.mine) chip.dataset["mine"] = "true";
      return chip;
    }),
  );
  return key;
}
