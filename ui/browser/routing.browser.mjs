// Disaster-mode routing in a real browser with the Tauri IPC mocked (./harness.ts,
// ./routingFixtures.ts): the two-step preview and confirmation, the banner on every view, a
// stale preview and a conflict, turning a mode off, the options in both languages, and a role
// that may only look.

import assert from "node:assert/strict";
import { describe } from "node:test";
import { eventually, expectContains, expectText, fill, invoked, screenshot, showView } from "./env.mjs";
import { consoleSuite, notice, tile } from "./suite.mjs";

const { it } = consoleSuite();

describe("disaster-mode routing", () => {
  /** The form set to fail over the east site (id 2). */
  async function failoverEast(page) {
    await showView(page, "routing");
    await page.getByTestId("routing-kind").selectOption("siteFailover");
    await page.getByTestId("routing-site").selectOption("2");
    await page.getByTestId("routing-revert").selectOption("60");
    await page.getByTestId("routing-preview").click();
    await page.getByTestId("routing-impact").waitFor();
  }

  it("a lead previews a failover, confirms with a typed reason, and every view shows the banner", async ({ page, en, fixtures }) => {
    await tile(page, 11).waitFor();
    assert.equal(await page.getByTestId("routing-banner").isVisible(), false);
    await failoverEast(page);
    assert.deepEqual(await invoked(page, "routing_preview"), [{ mode: { kind: "siteFailover", site: 2 } }]);
    // East's waiting callers (7 + 1) are the ones affected; its queues send, north and south receive.
    await expectText(page.getByTestId("routing-impact-waiting"), fill(en["routing.impact.waiting"], { n: 8 }));
    await expectContains(page.getByTestId("routing-destinations"), "east.orders →");
    // East sends from its two queues; the five queues of north and south receive.
    assert.equal(await page.getByTestId("routing-impact-queue").count(), 7);
    // Step 2 waits for a real reason.
    assert.equal(await page.getByTestId("routing-confirm").isDisabled(), true);
    await page.getByTestId("routing-reason").fill("台风");
    await expectText(page.getByTestId("routing-reason-count"), fill(en["routing.reasonShort"], { n: 2, min: 5 }));
    assert.equal(await page.getByTestId("routing-confirm").isDisabled(), true);
    await page.getByTestId("routing-reason").fill("Typhoon: east site flooded");
    await eventually(async () => assert.equal(await page.getByTestId("routing-confirm").isDisabled(), false));
    await page.getByTestId("routing-confirm").click();
    const [sent] = await invoked(page, "routing_change");
    assert.equal(sent.expectedVersion, 0);
    assert.deepEqual(sent.request.mode, { kind: "siteFailover", site: 2 });
    assert.equal(sent.request.reason, "Typhoon: east site flooded");
    assert.equal(sent.request.revertAtMs, fixtures.routing.nowMs + 60 * 60_000);
    await expectText(notice(page), fill(en["routing.turnedOn"], { what: "Site failover · site East" }));
    // In force here, in the banner, and on the other views too.
    await expectContains(page.getByTestId("routing-active-1"), "Typhoon: east site flooded");
    await expectContains(page.getByTestId("routing-banner"), fill(en["routing.banner"], { n: 1 }));
    await expectContains(page.getByTestId("routing-banner-1"), "Site failover · site East — Typhoon: east site flooded");
    await expectContains(page.getByTestId("routing-banner-1"), "(in 1 h 00 min)");
    await showView(page, "wallboard");
    assert.equal(await page.getByTestId("routing-banner").isVisible(), true);
    await screenshot(page, "routing-banner.en");
    // The history (from the audit trail) has it.
    await page.getByTestId("routing-banner").click();
    await page.getByTestId("routing-view").waitFor();
    await expectContains(page.getByTestId("routing-history"), en["routing.action.routing.activate"]);
    await screenshot(page, "routing.active.en");
  });

  it("a plan changed by another lead is never overwritten: a stale preview cannot be confirmed and a conflict is explained", async ({ page, en }) => {
    await tile(page, 11).waitFor();
    await failoverEast(page);
    await page.getByTestId("routing-reason").fill("Typhoon: east site flooded");
    // Another console turns something on: the preview here is stale.
    await page.evaluate(() => {
      const routing = structuredClone(window.__fw.state.routing);
      routing.version = 1;
      routing.active = [{ id: 7, mode: { kind: "nightMode", scope: { kind: "site", id: 3 } }, targetName: "south", reason: "south team sent home", activatedBy: "赵敏", activatedAtMs: routing.nowMs, revertAtMs: null, approvedBy: null }];
      window.__fw.pushRouting(routing);
    });
    await eventually(async () => assert.equal(await page.getByTestId("routing-stale").isVisible(), true));
    await expectText(page.getByTestId("routing-stale"), en["routing.stale"]);
    await eventually(async () => assert.equal(await page.getByTestId("routing-confirm").isDisabled(), true));
    await expectContains(page.getByTestId("routing-banner-7"), "south team sent home");
    // Preview again; then the backend's plan moves without this console hearing of it yet.
    await page.getByTestId("routing-preview").click();
    await eventually(async () => assert.equal(await page.getByTestId("routing-confirm").isDisabled(), false));
    await page.evaluate(() => {
      window.__fw.state.routing.version = 2;
    });
    await page.getByTestId("routing-confirm").click();
    await expectText(notice(page), en["routing.conflict"]);
    assert.equal(await page.getByTestId("routing-step").isVisible(), false);
  });

  it("a lead turns a mode off with a reason", async ({ page, en }) => {
    await tile(page, 11).waitFor();
    await failoverEast(page);
    await page.getByTestId("routing-reason").fill("Typhoon: east site flooded");
    await page.getByTestId("routing-confirm").click();
    await page.getByTestId("routing-off-1").click();
    await page.getByTestId("routing-off-reason-1").fill("ok");
    await page.getByTestId("routing-off-confirm-1").click();
    await expectText(notice(page), fill(en["routing.reasonShort"], { n: 2, min: 5 }));
    await page.getByTestId("routing-off-reason-1").fill("Power is back at east");
    await page.getByTestId("routing-off-confirm-1").click();
    await eventually(async () => assert.deepEqual((await invoked(page, "routing_change"))[1], { request: { kind: "deactivate", id: 1, reason: "Power is back at east" }, expectedVersion: 1 }));
    await expectText(page.getByTestId("routing-none"), en["routing.noneActive"]);
    await eventually(async () => assert.equal(await page.getByTestId("routing-banner").isVisible(), false));
  });

  it("the form's options follow a language switch made on the routing view", async ({ page, en, zh }) => {
    await showView(page, "routing");
    const centre = page.locator('[data-testid="routing-scope"] option[value="centre"]');
    await eventually(async () => assert.equal(await centre.textContent(), en["routing.scopeCentre"]));
    await page.getByTestId("lang-toggle").click();
    await eventually(async () => assert.equal(await centre.textContent(), zh["routing.scopeCentre"]));
    const kind = page.locator('[data-testid="routing-kind"] option[value="nightMode"]');
    assert.equal(await kind.textContent(), zh["routing.kind.nightMode"]);
  });

  it("a floor supervisor sees the modes in force but no way to toggle them", { profile: "floorSupervisor" }, async ({ page, en }) => {
    await tile(page, 11).waitFor();
    await page.evaluate(() => {
      const routing = structuredClone(window.__fw.state.routing);
      routing.version = 1;
      routing.active = [{ id: 3, mode: { kind: "emergencyClosure", scope: { kind: "centre" } }, targetName: "", reason: "earthquake: evacuate", activatedBy: "赵敏", activatedAtMs: routing.nowMs, revertAtMs: null, approvedBy: "管理员" }];
      window.__fw.pushRouting(routing);
    });
    await expectContains(page.getByTestId("routing-banner-3"), "approved by 管理员");
    await showView(page, "routing");
    await expectText(page.getByTestId("routing-not-permitted"), en["routing.notPermitted"]);
    assert.equal(await page.getByTestId("routing-preview").isVisible(), false);
    assert.equal(await page.getByTestId("routing-off-3").isVisible(), false);
    await expectContains(page.getByTestId("routing-active-3"), "Emergency closure · the whole centre");
  });

  it("under the team's policy a centre-wide mode is asked for, shown on every view, and withdrawn by its requester", async ({ page, en }) => {
    await tile(page, 11).waitFor();
    await page.evaluate(() => {
      const routing = structuredClone(window.__fw.state.routing);
      routing.policy = { secondApproverForCentre: true, secondApproverForSites: false, approvalMinutes: 20 };
      window.__fw.state.routing = routing;
      window.__fw.pushRouting(routing);
    });
    await showView(page, "routing");
    await page.getByTestId("routing-kind").selectOption("emergencyClosure");
    await page.getByTestId("routing-scope").selectOption("centre");
    await page.getByTestId("routing-preview").click();
    await page.getByTestId("routing-impact").waitFor();
    await expectText(page.getByTestId("routing-approval-needed"), fill(en["routing.approvalNeeded"], { minutes: 20 }));
    await expectText(page.getByTestId("routing-confirm"), en["routing.confirmAsk"]);
    await page.getByTestId("routing-reason").fill("Earthquake: evacuate the building");
    await page.getByTestId("routing-confirm").click();
    await expectText(notice(page), fill(en["routing.asked"], { what: "Emergency closure · the whole centre" }));
    // Nothing is on; the request waits, here and in the banner of every view.
    await expectText(page.getByTestId("routing-none"), en["routing.noneActive"]);
    await expectContains(page.getByTestId("routing-request-1"), "Earthquake: evacuate the building");
    await expectText(page.getByTestId("routing-request-yours-1"), en["routing.yours"]);
    assert.equal(await page.getByTestId("routing-approve-1").isVisible(), false, "nobody approves their own request");
    await showView(page, "wallboard");
    await expectText(page.getByTestId("routing-banner-pending"), fill(en["routing.bannerPending"], { n: 1 }));
    await screenshot(page, "routing-pending-banner.en");
    await showView(page, "routing");
    await page.getByTestId("routing-decline-1").click();
    await page.getByTestId("routing-decline-reason-1").fill("Asked by mistake, sorry");
    await page.getByTestId("routing-decline-confirm-1").click();
    await expectText(notice(page), fill(en["routing.withdrawn"], { what: "Emergency closure · the whole centre" }));
    await eventually(async () => assert.equal(await page.getByTestId("routing-pending").isVisible(), false));
    await eventually(async () => assert.equal(await page.getByTestId("routing-banner").isVisible(), false));
    const sent = await invoked(page, "routing_change");
    assert.deepEqual(sent[1], { request: { kind: "decline", id: 1, reason: "Asked by mistake, sorry" }, expectedVersion: 1 });
  });

  it("another lead's request is approved here and goes on with both names", async ({ page, en }) => {
    await tile(page, 11).waitFor();
    await page.evaluate(() => {
      const routing = structuredClone(window.__fw.state.routing);
      routing.version = 4;
      routing.policy = { secondApproverForCentre: true, secondApproverForSites: false, approvalMinutes: 15 };
      routing.pending = [
        {
          request: { id: 5, mode: { kind: "nightMode", scope: { kind: "centre" } }, targetName: "", reason: "typhoon: merge onto the night team", activatedBy: "赵敏", activatedAtMs: routing.nowMs - 60_000, revertAtMs: null, approvedBy: null },
          expiresAtMs: routing.nowMs + 14 * 60_000,
          mine: false,
        },
      ];
      window.__fw.state.routing = routing;
      window.__fw.pushRouting(routing);
    });
    await showView(page, "routing");
    await expectContains(page.getByTestId("routing-request-5"), "赵敏");
    await expectContains(page.getByTestId("routing-request-5"), "14 min");
    await screenshot(page, "routing-request.en");
    await page.getByTestId("routing-approve-5").click();
    await expectText(notice(page), fill(en["routing.approved"], { what: "Night mode · the whole centre" }));
    assert.deepEqual((await invoked(page, "routing_change"))[0], { request: { kind: "approve", id: 5 }, expectedVersion: 4 });
    await expectContains(page.getByTestId("routing-active-5"), "赵敏");
    await expectContains(page.getByTestId("routing-banner-5"), "approved by");
    await expectContains(page.getByTestId("routing-history"), en["routing.action.routing.approve"]);
  });

  it("an admin sets the approval policy in settings; a lead only reads it", { profile: "admin" }, async ({ page, en }) => {
    await showView(page, "settings");
    await page.getByTestId("routing-policy").waitFor();
    assert.equal(await page.getByTestId("routing-policy-centre").isChecked(), false);
    await page.getByTestId("routing-policy-centre").check();
    await page.getByTestId("routing-policy-minutes").fill("0");
    await page.getByTestId("routing-policy-save").click();
    await expectContains(page.getByTestId("routing-policy-status"), en["routing.policyMinutes"]);
    await page.getByTestId("routing-policy-minutes").fill("30");
    await page.getByTestId("routing-policy-save").click();
    await expectText(page.getByTestId("routing-policy-status"), en["routing.policySaved"]);
    assert.deepEqual(await invoked(page, "set_routing_policy"), [
      { policy: { secondApproverForCentre: true, secondApproverForSites: false, approvalMinutes: 30 } },
    ]);
    await screenshot(page, "routing-policy.en");
  });

  it("a night-shift lead sees the approval policy but cannot change it", async ({ page, en }) => {
    await showView(page, "settings");
    await expectText(page.getByTestId("routing-policy-readonly"), en["routing.policyReadOnly"]);
    assert.equal(await page.getByTestId("routing-policy-centre").isDisabled(), true);
    assert.equal(await page.getByTestId("routing-policy-save").isVisible(), false);
  });
});
