// The view tabs and who is signed in (name, role; "view only" for someone not in the team).

import { h, setAttr, setHidden, setText } from "../dom";
import { t } from "../i18n";
import type { ProfileDto } from "../ipc";

export type ViewName = "wallboard" | "agents" | "calls" | "alerts" | "connection" | "audit" | "settings" | "routing" | "surveys";
/** In tab order; Ctrl+1… selects them. */
export const VIEWS: readonly ViewName[] = [
  "wallboard",
  "agents",
  "calls",
  "alerts",
  "connection",
  "audit",
  "settings",
  "routing",
  "surveys",
];

export interface Nav {
  root: HTMLElement;
  /** `unacknowledged`: active alerts nobody has acknowledged (the bell shows them). */
  update(view: ViewName, profile: ProfileDto | null, unacknowledged: number): void;
}

export function createNav(select: (view: ViewName) => void): Nav {
  const tabs = new Map<ViewName, HTMLButtonElement>();
  const list = h("div", "tabs", { role: "tablist" });
  for (const view of VIEWS) {
    const tab = h("button", "tab", { type: "button", role: "tab", "data-testid": `nav-${view}` });
    tab.addEventListener("click", () => select(view));
    tabs.set(view, tab);
    list.append(tab);
  }
  const name = h("span", "user-name", { "data-testid": "user-name" });
  const role = h("span", "user-role", { "data-testid": "user-role" });
  const user = h("div", "user", {}, name, role);
  // The bell: on every view, so an alert is never missed on another tab.
  const bell = h("button", "alert-bell", { type: "button", "data-testid": "alert-bell" });
  bell.addEventListener("click", () => select("alerts"));
  const root = h("nav", "nav", {}, list, h("span", "spacer"), bell, user);
  return {
    root,
    update(view, profile, unacknowledged) {
      setHidden(bell, unacknowledged === 0);
      setText(bell, `▲ ${unacknowledged}`);
      setAttr(bell, "title", t("alerts.bell", { n: unacknowledged }));
      setAttr(bell, "aria-label", t("alerts.bell", { n: unacknowledged }));
      setAttr(list, "title", t("nav.title"));
      VIEWS.forEach((v, i) => {
        const tab = tabs.get(v);
        if (!tab) return;
        setText(tab, `${t(`nav.${v}`)}`);
        setAttr(tab, "aria-selected", v === view ? "true" : "false");
        setAttr(tab, "title", `Ctrl+${i + 1}`);
      });
      setHidden(tabs.get("audit") ?? root, !(profile?.monitoringAvailable ?? false));
      // The routing plan lives in the team's store, which a view-only console lacks.
      setHidden(tabs.get("routing") ?? root, !(profile?.monitoringAvailable ?? false));
      // Surveys live in the store too; a role that may not review them is told so in the view.
      setHidden(tabs.get("surveys") ?? root, !(profile?.monitoringAvailable ?? false));
      setHidden(user, !profile);
      if (profile) {
        setText(name, profile.displayName);
        setText(role, profile.role ? t(`role.${profile.role}`) : t("user.viewOnly"));
        setAttr(role, "data-role", profile.role ?? "none");
        setAttr(user, "title", t("user.title", { user: profile.user, endpoint: profile.endpoint ?? "—" }));
      }
    },
  };
}
