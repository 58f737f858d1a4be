// The view tabs and who is signed in (name, role; "view only" for someone not in the team).

import { h, setAttr, setHidden, setText } from "../dom";
import { t } from "../i18n";
import type { ProfileDto } from "../ipc";

export type ViewName = "wallboard" | "agents" | "calls" | "audit" | "settings";
/** In tab order; Ctrl+1… selects them. */
export const VIEWS: readonly ViewName[] = ["wallboard", "agents", "calls", "audit", "settings"];

export interface Nav {
  root: HTMLElement;
  update(view: ViewName, profile: ProfileDto | null): void;
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
  const root = h("nav", "nav", {}, list, h("span", "spacer"), user);
  return {
    root,
    update(view, profile) {
      setAttr(list, "title", t("nav.title"));
      VIEWS.forEach((v, i) => {
        const tab = tabs.get(v);
        if (!tab) return;
        setText(tab, `${t(`nav.${v}`)}`);
        setAttr(tab, "aria-selected", v === view ? "true" : "false");
        setAttr(tab, "title", `Ctrl+${i + 1}`);
      });
      setHidden(tabs.get("audit") ?? root, !(profile?.monitoringAvailable ?? false));
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
