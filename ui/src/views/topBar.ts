// The top bar: product mark, platform link pill, window selector, frame clock and the
// language and theme toggles.

import { h, setAttr, setHidden, setText } from "../dom";
import { fmtClock, fmtClockShort } from "../format";
import { age, ageAgo, getLocale, t, type MessageKey } from "../i18n";
import { WINDOWS, type FrameDto, type LinkStateDto, type WindowDto } from "../ipc";
import { NO_FRAMES_AFTER_MS } from "../status";

export type Theme = "dark" | "light";

export interface TopBarActions {
  selectWindow(window: WindowDto): void;
  toggleLocale(): void;
  toggleTheme(): void;
}

export interface TopBarState {
  frame: FrameDto | null;
  sinceFrameMs: number;
  /** A window the user picked that no frame carries yet. */
  pendingWindow: WindowDto | null;
  theme: Theme;
}

export interface TopBar {
  root: HTMLElement;
  update(state: TopBarState): void;
}

const LINK_ICON: Record<LinkStateDto, string> = { connected: "●", reconnecting: "▲", connecting: "○" };

export function createTopBar(actions: TopBarActions): TopBar {
  const product = h("span", "brand-name");
  const subtitle = h("span", "brand-sub");
  const screen = h("span", "brand-screen");
  const brand = h(
    "div",
    "brand",
    {},
    h("span", "brand-mark", { "aria-hidden": "true" }),
    product,
    subtitle,
    h("span", "brand-divider", { "aria-hidden": "true" }),
    screen,
  );

  const platform = h("span", "platform");
  const linkIcon = h("span", "link-icon", { "aria-hidden": "true" });
  const linkLabel = h("span", "link-label");
  const linkAge = h("span", "link-age");
  const pill = h("span", "link-pill", { "data-testid": "link-state", role: "status" }, linkIcon, linkLabel, linkAge);
  const link = h("div", "link", {}, platform, pill);

  const windowLabel = h("label", "window-label", { for: "window-select" });
  const select = h("select", "window-select", { id: "window-select", "data-testid": "window-select" });
  // Shown until the first frame says which window is in force.
  const unknown = h("option", "", { value: "", disabled: "" }, "—");
  unknown.hidden = true;
  select.append(unknown);
  const options = new Map<WindowDto, HTMLOptionElement>();
  for (const w of WINDOWS) {
    const option = h("option", "", { value: w });
    options.set(w, option);
    select.append(option);
  }
  select.addEventListener("change", () => {
    const picked = WINDOWS.find((w) => w === select.value);
    if (picked) actions.selectWindow(picked);
  });
  const since = h("span", "window-since");
  const windowBox = h("div", "window-box", {}, windowLabel, select, since);

  const clock = h("time", "frame-clock", { "data-testid": "frame-clock" });

  const zhPart = h("span", "seg", { lang: "zh-CN" }, "中文");
  const enPart = h("span", "seg", { lang: "en" }, "EN");
  const langToggle = h("button", "toggle lang-toggle", { type: "button", "data-testid": "lang-toggle" }, zhPart, enPart);
  langToggle.addEventListener("click", () => actions.toggleLocale());

  const themeIcon = h("span", "theme-icon", { "aria-hidden": "true" });
  const themeToggle = h("button", "toggle theme-toggle", { type: "button", "data-testid": "theme-toggle" }, themeIcon);
  themeToggle.addEventListener("click", () => actions.toggleTheme());

  const root = h(
    "header",
    "topbar",
    {},
    brand,
    link,
    h("span", "spacer"),
    windowBox,
    clock,
    h("div", "toggles", {}, langToggle, themeToggle),
  );

  return {
    root,
    update({ frame, sinceFrameMs, pendingWindow, theme }) {
      setText(product, t("app.name"));
      setText(subtitle, t("app.subtitle"));
      setHidden(subtitle, t("app.subtitle") === "");
      setText(screen, t("app.screen"));

      // Link pill: before the first frame we are connecting by definition.
      const state: LinkStateDto = frame?.link.state ?? "connecting";
      const stalled = frame !== null && sinceFrameMs > NO_FRAMES_AFTER_MS;
      setAttr(pill, "data-state", state);
      setAttr(pill, "data-stalled", stalled ? "true" : null);
      setText(linkIcon, stalled ? "▲" : LINK_ICON[state]);
      setText(linkLabel, t(`link.${state}` as MessageKey));
      let ageText = "";
      if (stalled) ageText = t("link.noUpdates", { age: age(sinceFrameMs) });
      else if (frame && frame.link.lastEventAgeMs !== null)
        ageText = t("link.lastEvent", { age: ageAgo(frame.link.lastEventAgeMs + sinceFrameMs) });
      setText(linkAge, ageText);
      setHidden(linkAge, ageText === "");
      // Whole seconds since the newest platform event, for tests and tools (not shown).
      const lastEventAge = frame?.link.lastEventAgeMs;
      setAttr(pill, "data-last-event-age-s", lastEventAge == null ? null : String(Math.floor(lastEventAge / 1000)));
      setAttr(pill, "title", t("link.title", { detail: frame?.link.detail ?? "" }).trim());
      setText(platform, frame?.link.platform ?? "");
      setHidden(platform, !frame);

      setText(windowLabel, t("window.label"));
      setAttr(select, "title", t("window.title"));
      for (const [w, option] of options) setText(option, t(`window.${w}` as MessageKey));
      const shown = pendingWindow ?? frame?.window ?? "";
      if (select.value !== shown) select.value = shown;
      setAttr(select, "aria-busy", pendingWindow ? "true" : null);
      select.disabled = frame === null;
      setText(since, frame ? t("window.since", { time: fmtClockShort(frame.windowStartMs) }) : "");

      setText(clock, frame ? fmtClock(frame.atMs) : "--:--:--");
      setAttr(clock, "datetime", frame ? new Date(frame.atMs).toISOString() : null);
      setAttr(clock, "title", t("clock.title"));

      const locale = getLocale();
      setAttr(zhPart, "data-active", locale === "zh-CN" ? "true" : null);
      setAttr(enPart, "data-active", locale === "en" ? "true" : null);
      setAttr(langToggle, "title", t("lang.title"));
      setAttr(langToggle, "aria-label", t("lang.title"));

      setText(themeIcon, theme === "dark" ? "☾" : "☀");
      const themeTitle = `${t("theme.title")} · ${t(theme === "dark" ? "theme.dark" : "theme.light")}`;
      setAttr(themeToggle, "title", themeTitle);
      setAttr(themeToggle, "aria-label", themeTitle);
    },
  };
}
