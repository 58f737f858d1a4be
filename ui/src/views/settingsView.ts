// The settings view: who the user is and what their role allows, the phone rung when they
// monitor a call (saved in the store, audited, checked by the backend), and the console's
// language and theme.

import { h, setAttr, setHidden, setText } from "../dom";
import { getLocale, t, type Locale } from "../i18n";
import type { IpcErrorDto, ProfileDto } from "../ipc";
import { refusalText } from "../monitoring";
import type { Theme } from "./topBar";

export interface SettingsActions {
  /** Saves the user's phone; resolves with the profile as it now is. */
  saveEndpoint(endpoint: string): Promise<ProfileDto>;
  setLocale(locale: Locale): void;
  setTheme(theme: Theme): void;
}

export interface SettingsState {
  profile: ProfileDto | null;
  theme: Theme;
}

export interface SettingsView {
  root: HTMLElement;
  render(state: SettingsState): void;
  /** Called after a save: the new profile, or why it was refused. */
  saved(result: { profile: ProfileDto } | { error: IpcErrorDto }): void;
}

/** A quick check in the form, so a typo is caught before a round trip; the backend decides. */
export function endpointProblem(text: string): string | null {
  const value = text.trim();
  if (value === "") return t("settings.endpoint.empty");
  if (!/^[A-Za-z0-9_]+\/[A-Za-z0-9_.@:+\-/#*]+$/.test(value)) return t("settings.endpoint.shape");
  return null;
}

export function createSettingsView(actions: SettingsActions): SettingsView {
  const section = (titleTestId: string) => {
    const title = h("h2", "settings-title", { "data-testid": titleTestId });
    const body = h("div", "settings-body");
    return { root: h("section", "settings-section", {}, title, body), title, body };
  };
  const row = (input: HTMLElement) => {
    const label = h("span", "field-label");
    return { label, root: h("label", "settings-row", {}, label, input) };
  };

  // Profile: read-only facts, from the team file or the shared store.
  const profile = section("settings-profile");
  const name = h("span", "settings-value", { "data-testid": "settings-user" });
  const role = h("span", "settings-value", { "data-testid": "settings-role" });
  const permissions = h("ul", "settings-permissions", { "data-testid": "settings-permissions" });
  const nameRow = row(name);
  const roleRow = row(role);
  const permissionsRow = row(permissions);
  profile.body.append(nameRow.root, roleRow.root, permissionsRow.root);

  // The phone rung to join a monitored call.
  const phone = section("settings-phone");
  const endpoint = h("input", "", {
    type: "text",
    "data-testid": "settings-endpoint",
    spellcheck: "false",
    autocomplete: "off",
    maxlength: "80",
    placeholder: "PJSIP/9001",
  });
  const save = h("button", "button", { type: "submit", "data-testid": "settings-endpoint-save" });
  const hint = h("p", "settings-hint");
  const status = h("p", "notice-inline", { role: "status", "data-testid": "settings-endpoint-status" });
  const endpointRow = row(endpoint);
  const phoneForm = h("form", "settings-form", {}, endpointRow.root, save);
  phone.body.append(phoneForm, hint, status);

  // Appearance.
  const looks = section("settings-appearance");
  const language = h("select", "", { "data-testid": "settings-language" });
  language.append(h("option", "", { value: "zh-CN" }, "简体中文"), h("option", "", { value: "en" }, "English"));
  const theme = h("select", "", { "data-testid": "settings-theme" });
  const dark = h("option", "", { value: "dark" });
  const light = h("option", "", { value: "light" });
  theme.append(dark, light);
  const languageRow = row(language);
  const themeRow = row(theme);
  looks.body.append(languageRow.root, themeRow.root);

  const root = h("section", "view settings-view", { "data-testid": "settings-view" }, profile.root, phone.root, looks.root);

  let saving = false;
  /** The phone last shown from a profile: the field is refilled only when that changes, so
   * typing is never overwritten by a render. */
  let shownEndpoint: string | null | undefined;
  let current: SettingsState = { profile: null, theme: "dark" };

  const setStatus = (text: string, kind: "ok" | "error" | null) => {
    setText(status, text);
    setAttr(status, "data-kind", kind);
  };

  phoneForm.addEventListener("submit", (event) => {
    event.preventDefault();
    if (saving) return;
    const problem = endpointProblem(endpoint.value);
    if (problem) {
      setStatus(problem, "error");
      return;
    }
    saving = true;
    setStatus(t("settings.saving"), null);
    save.disabled = true;
    actions
      .saveEndpoint(endpoint.value.trim())
      .then((saved) => view.saved({ profile: saved }))
      .catch((error: unknown) => view.saved({ error: error as IpcErrorDto }));
  });
  language.addEventListener("change", () => actions.setLocale(language.value === "en" ? "en" : "zh-CN"));
  theme.addEventListener("change", () => actions.setTheme(theme.value === "light" ? "light" : "dark"));

  const view: SettingsView = {
    root,
    render(state) {
      current = state;
      const p = state.profile;
      setText(profile.title, t("settings.profile"));
      setText(nameRow.label, t("settings.user"));
      setText(roleRow.label, t("settings.role"));
      setText(permissionsRow.label, t("settings.permissions"));
      setText(name, p ? `${p.displayName} (${p.user})` : "—");
      setText(role, p?.role ? t(`role.${p.role}`) : t("user.viewOnly"));
      const granted = (p?.permissions ?? []).map((perm) => t(`perm.${perm}`)).join("\n");
      if (permissions.dataset["shown"] !== granted) {
        permissions.dataset["shown"] = granted;
        permissions.replaceChildren(
          ...(p?.permissions.length ? p.permissions.map((perm) => h("li", "", { "data-permission": perm }, t(`perm.${perm}`))) : [h("li", "", {}, t("settings.noPermissions"))]),
        );
      }

      const mayMonitor = p?.permissions.includes("listen") ?? false;
      setText(phone.title, t("settings.phone"));
      setText(endpointRow.label, t("settings.endpoint"));
      setText(save, t("settings.save"));
      setHidden(phone.root, !(p?.monitoringAvailable ?? false) || !mayMonitor);
      setText(hint, t("settings.endpoint.hint"));
      const known = p?.endpoint ?? null;
      if (known !== shownEndpoint) {
        shownEndpoint = known;
        endpoint.value = known ?? "";
      }
      save.disabled = saving;

      setText(looks.title, t("settings.appearance"));
      setText(languageRow.label, t("settings.language"));
      setText(themeRow.label, t("settings.theme"));
      setText(dark, t("theme.dark"));
      setText(light, t("theme.light"));
      if (language.value !== getLocale()) language.value = getLocale();
      if (theme.value !== state.theme) theme.value = state.theme;
    },
    saved(result) {
      saving = false;
      save.disabled = false;
      if ("profile" in result) {
        setStatus(t("settings.endpoint.saved", { endpoint: result.profile.endpoint ?? "—" }), "ok");
        view.render({ ...current, profile: result.profile });
      } else {
        setStatus(refusalText(result.error), "error");
      }
    },
  };
  return view;
}
