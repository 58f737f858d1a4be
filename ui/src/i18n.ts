// Every user-visible string goes through this module. Two locales: Simplified Chinese and
// English. The choice is persisted in localStorage; the default follows navigator.language.

import { fmtAge } from "./format";
import { en, type MessageKey } from "./locales/en";
import { zhCN } from "./locales/zh-CN";

export type { MessageKey };

export type Locale = "zh-CN" | "en";

const STORAGE_KEY = "floorwalker.locale";

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, "zh-CN": zhCN };

const skills: Record<Locale, Record<string, string>> = {
  en: {
    phones: "Phones",
    smart_home: "Smart home",
    orders: "Orders",
    repairs: "Repairs",
    complaints: "Complaints",
    claims: "Claims",
    tier2: "Tier 2 experts",
  },
  "zh-CN": {
    phones: "手机",
    smart_home: "智能家居",
    orders: "订单",
    repairs: "维修",
    complaints: "投诉",
    claims: "理赔",
    tier2: "二线专家",
  },
};

const sites: Record<Locale, Record<string, string>> = {
  en: { north: "North", east: "East", south: "South" },
  "zh-CN": { north: "华北", east: "华东", south: "华南" },
};

function detectLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === "en" || stored === "zh-CN") return stored;
  } catch {
    // localStorage unavailable: fall through to the browser language.
  }
  const lang = typeof navigator !== "undefined" ? navigator.language : "en";
  return lang.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

let current: Locale = detectLocale();
const listeners = new Set<(locale: Locale) => void>();

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  current = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisted; the choice still applies for this session.
  }
  if (typeof document !== "undefined") document.documentElement.lang = locale;
  for (const listener of listeners) listener(locale);
}

export function toggleLocale(): void {
  setLocale(current === "en" ? "zh-CN" : "en");
}

export function onLocaleChange(listener: (locale: Locale) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether `key` names a message (for keys built from backend codes). */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** The message for `key` in the current locale, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template = dictionaries[current][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** A queue skill's display name; unknown skills fall back to the raw identifier. */
export function skillName(skill: string): string {
  return skills[current][skill] ?? skill;
}

/** A site's display name; unknown sites fall back to the raw name. */
export function siteName(name: string): string {
  return sites[current][name.toLowerCase()] ?? name;
}

/** A data age in the current locale, e.g. "42 s" / "42 秒". */
export function age(ms: number | null): string {
  return fmtAge(ms, { s: t("age.s"), min: t("age.min"), h: t("age.h") });
}

/** A data age with "ago", e.g. "3 s ago" / "3 秒前". */
export function ageAgo(ms: number | null): string {
  return t("age.ago", { age: age(ms) });
}
