import { describe, expect, it } from "vitest";
import { setLocale } from "./i18n";
import type { RoutingModeDto } from "./ipc";
import {
  activation,
  needsApproval,
  formMode,
  isCentreWide,
  modeFacts,
  modeText,
  parseRegions,
  reasonProblem,
  sameMode,
  untilText,
  type ModeForm,
} from "./routing";

const names = {
  site: (id: number) => ["north", "east", "south"][id],
  queue: (id: number) => (id === 4 ? "east.phones" : undefined),
};

const form = (over: Partial<ModeForm>): ModeForm => ({
  kind: "emergencyClosure",
  scope: "centre",
  site: null,
  regions: "",
  waiveFees: false,
  revertMinutes: 0,
  ...over,
});

describe("routing", () => {
  it("counts reasons in characters and asks for enough of them", () => {
    setLocale("en");
    expect(reasonProblem("")).toMatch(/reason/i);
    expect(reasonProblem("台风")).toMatch(/2/);
    expect(reasonProblem("台风断电停运")).toBeNull();
    expect(reasonProblem("   typhoon   ")).toBeNull();
    expect(reasonProblem("x".repeat(501))).toMatch(/500/);
  });

  it("splits regions on commas, 、 and spaces", () => {
    expect(parseRegions("0898, Hainan、广东；  ")).toEqual(["0898", "Hainan", "广东"]);
    expect(parseRegions(" , ")).toEqual([]);
  });

  it("builds the mode only when the form is complete", () => {
    expect(formMode(form({ kind: "siteFailover" }))).toBeNull();
    expect(formMode(form({ kind: "siteFailover", site: 1 }))).toEqual({ kind: "siteFailover", site: 1 });
    expect(formMode(form({ kind: "nightMode", scope: "site:2" }))).toEqual({
      kind: "nightMode",
      scope: { kind: "site", id: 2 },
    });
    expect(formMode(form({ scope: "queue:x" }))).toBeNull();
    expect(formMode(form({ kind: "regionalPriority", regions: "" }))).toBeNull();
    expect(formMode(form({ kind: "regionalPriority", regions: "0898 Hainan", waiveFees: true }))).toEqual({
      kind: "regionalPriority",
      regions: ["0898", "Hainan"],
      waiveFees: true,
    });
  });

  it("knows which modes are centre-wide", () => {
    expect(isCentreWide({ kind: "siteFailover", site: 0 })).toBe(false);
    expect(isCentreWide({ kind: "emergencyClosure", scope: { kind: "centre" } })).toBe(true);
    expect(isCentreWide({ kind: "nightMode", scope: { kind: "site", id: 1 } })).toBe(false);
    expect(isCentreWide({ kind: "regionalPriority", regions: ["0898"], waiveFees: false })).toBe(true);
  });

  it("words modes in both languages", () => {
    setLocale("en");
    expect(modeText({ kind: "siteFailover", site: 1 }, names)).toBe("Site failover · site East");
    expect(modeText({ kind: "emergencyClosure", scope: { kind: "queue", id: 4 } }, names)).toBe(
      "Emergency closure · queue east.phones",
    );
    setLocale("zh-CN");
    expect(modeText({ kind: "siteFailover", site: 1 }, names)).toBe("站点切换 · 站点 华东");
    expect(modeText({ kind: "regionalPriority", regions: ["0898", "海南"], waiveFees: true }, names)).toBe(
      "地区优先 · 0898、海南 · 免收费用",
    );
    setLocale("en");
  });

  it("counts down to the revert and says who turned the mode on", () => {
    setLocale("en");
    expect(untilText(30_000)).toBe("<1 min");
    expect(untilText(4 * 60_000 + 59_000)).toBe("4 min");
    expect(untilText(65 * 60_000)).toBe("1 h 05 min");
    const at = new Date(2026, 10, 22, 10, 32).getTime();
    const facts = modeFacts(
      {
        id: 1,
        mode: { kind: "siteFailover", site: 1 },
        targetName: "east",
        reason: "typhoon",
        activatedBy: "赵敏",
        activatedAtMs: at,
        revertAtMs: at + 90 * 60_000,
        approvedBy: null,
      },
      at + 2 * 60_000,
    );
    expect(facts).toBe("by 赵敏 at 10:32 · reverts at 12:02 (in 1 h 28 min)");
  });

  it("sends a trimmed reason and a revert time from the platform clock", () => {
    const mode = { kind: "siteFailover", site: 1 } as const;
    expect(activation(mode, "  typhoon east ", 30, 1_000)).toEqual({
      kind: "activate",
      mode,
      reason: "typhoon east",
      revertAtMs: 1_000 + 30 * 60_000,
    });
    expect(activation(mode, "typhoon", 0, 1_000)).toMatchObject({ revertAtMs: null });
    expect(sameMode(mode, { kind: "siteFailover", site: 1 })).toBe(true);
    expect(sameMode(mode, { kind: "siteFailover", site: 2 })).toBe(false);
  });

  it("knows which modes wait for a second supervisor under the team's policy", () => {
    const centre = { secondApproverForCentre: true, secondApproverForSites: false, approvalMinutes: 15 };
    const sites = { secondApproverForCentre: false, secondApproverForSites: true, approvalMinutes: 15 };
    const failover = { kind: "siteFailover", site: 1 } as const;
    const centreClosure = { kind: "emergencyClosure", scope: { kind: "centre" } } as const;
    const siteNight = { kind: "nightMode", scope: { kind: "site", id: 1 } } as const;
    const queueClosure = { kind: "emergencyClosure", scope: { kind: "queue", id: 4 } } as const;
    const priority: RoutingModeDto = { kind: "regionalPriority", regions: ["0898"], waiveFees: false };
    for (const mode of [centreClosure, priority]) {
      expect(needsApproval(mode, centre)).toBe(true);
      expect(needsApproval(mode, sites)).toBe(false);
    }
    for (const mode of [failover, siteNight]) {
      expect(needsApproval(mode, centre)).toBe(false);
      expect(needsApproval(mode, sites)).toBe(true);
    }
    expect(needsApproval(queueClosure, { ...centre, secondApproverForSites: true })).toBe(false);
    expect(needsApproval(centreClosure, null)).toBe(false);
  });
});
