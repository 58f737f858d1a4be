// The console in a real browser (Debian's Chromium, headless, via playwright-core) with the
// Tauri IPC mocked at the JS boundary (./harness.ts, ./fixtures.ts): every view, reached by its
// tab and by Ctrl+1…9, with real content; monitoring and its refusals; the phone setting; the
// theme. Routing, survey review and the language switch have files of their own.
//
// Run: npm run test:browser (from ui/). Expected strings come from the app's own dictionaries
// (window.__fw.messages) and the fixtures (window.__fw.fixtures), never from copies here.

import assert from "node:assert/strict";
import { describe } from "node:test";
import {
  VIEWS,
  eventually,
  expectContains,
  expectInvoked,
  expectText,
  fill,
  invoked,
  openConsole,
  screenshot,
  showView,
} from "./env.mjs";
import { callRow, consoleSuite, notice, pct, tile } from "./suite.mjs";

const { it } = consoleSuite();

/** Which of the views' roots are visible. */
async function visibleViews(page) {
  const shown = [];
  for (const view of VIEWS) if (await page.locator(view.root).isVisible()) shown.push(view.name);
  return shown;
}

describe("navigation", () => {
  it("every view is reached by its tab and by Ctrl+1…9, and only that view shows", async ({ page, en }) => {
    await tile(page, 11).waitFor();
    for (const how of ["tab", "key"]) {
      for (const view of [...VIEWS.slice(1), VIEWS[0]]) {
        await showView(page, view.name, how);
        await eventually(async () => assert.deepEqual(await visibleViews(page), [view.name], `after ${how} ${view.name}`));
        assert.equal(await page.getByTestId(`nav-${view.name}`).innerText(), en[`nav.${view.name}`]);
        assert.equal(await page.getByTestId(`nav-${view.name}`).getAttribute("title"), view.key.replace("Control", "Ctrl"));
      }
    }
    // The view is remembered across a reload.
    await showView(page, "calls");
    await page.reload();
    await page.waitForFunction(() => window.__fw?.ready === true);
    await page.getByTestId("calls-view").waitFor();
    assert.deepEqual(await visibleViews(page), ["calls"]);
  });

  it("someone not in the team sees the floor as view only: no monitoring bar, no Listen", { profile: "viewer" }, async ({ page, en }) => {
    await expectText(page.getByTestId("user-role"), en["user.viewOnly"]);
    assert.equal(await page.getByTestId("nav-audit").isVisible(), true, "audit is offered when the console has a trail");
    assert.equal(await page.getByTestId("monitor-bar").isVisible(), false);
    await showView(page, "calls");
    await callRow(page, 9105).waitFor();
    assert.equal(await callRow(page, 9105).getByTestId("listen").isVisible(), false, "no Listen for a viewer");
  });
});

describe("live queues (wallboard)", () => {
  it("shows every site and queue with the fixture's figures", async ({ page, en, fixtures }) => {
    const { frame } = fixtures;
    await expectText(page.getByTestId("total-waiting"), String(frame.total.waiting));
    assert.equal(await page.getByTestId("total-offered").innerText(), String(frame.total.offered));
    assert.equal(await page.getByTestId("total-answered").innerText(), String(frame.total.answered));
    assert.equal(await page.getByTestId("total-sl").innerText(), pct(frame.total.serviceLevelPct));
    assert.equal(await page.locator(".kpi-scope").textContent(), en["kpi.scope"]);
    for (const site of frame.sites) {
      const section = page.getByTestId(`site-${site.id}`);
      const siteName = await page.evaluate((n) => window.__fw.siteName(n), site.name);
      assert.notEqual(siteName, site.name, "sites have display names");
      assert.equal(await section.locator(".site-name").innerText(), siteName);
      for (const q of site.queues) {
        const t = section.getByTestId(`queue-tile-${q.id}`);
        const skill = await page.evaluate((s) => window.__fw.skillName(s), q.skill);
        assert.equal(await t.locator(".tile-name").innerText(), skill);
        assert.equal(await t.locator(".tile-name").getAttribute("title"), fill(en["queue.title"], { skill, name: q.name }));
        assert.equal(await t.getByTestId("queue-waiting").innerText(), String(q.figures.waiting));
        assert.equal(await t.getByTestId("queue-sl").innerText(), pct(q.figures.serviceLevelPct));
        assert.equal(await t.locator(".badge-tier2").isVisible(), q.tier2);
      }
    }
    await expectContains(page.getByTestId("link-state"), en["link.connected"]);
    assert.equal(await page.getByTestId("window-select").inputValue(), frame.window);
  });

  it("shows each threshold state by shape and words as well as colour", async ({ page, en }) => {
    await tile(page, 21).waitFor();
    const sl = (id) => tile(page, id).locator(".tile-sl");
    const cases = [
      { id: 11, status: "ok", icon: "", chip: `✓ ${en["status.slOk"]}` },
      { id: 12, status: "warn", icon: "▲", chip: `▲ ${en["status.slWarn"]}` },
      { id: 21, status: "crit", icon: "✖", chip: `✖ ${en["status.slCrit"]}` },
    ];
    for (const c of cases) {
      assert.equal(await tile(page, c.id).getAttribute("data-status"), c.status, `queue ${c.id}`);
      assert.equal(await sl(c.id).getAttribute("data-status"), c.status);
      assert.equal((await sl(c.id).locator(".stat-icon").textContent()) ?? "", c.icon);
      assert.equal(await sl(c.id).locator(".stat-icon").isVisible(), c.icon !== "");
      assert.equal(await sl(c.id).locator(".chip").innerText(), c.chip);
    }
    // A long wait and a staffing shortfall are flagged the same way.
    const wait = tile(page, 21).locator(".tile-longest");
    assert.equal(await wait.locator(".chip").innerText(), `✖ ${en["status.waitCrit"]}`);
    assert.equal(await tile(page, 22).locator(".tile-longest .chip").innerText(), `▲ ${en["status.waitWarn"]}`);
    assert.equal(await tile(page, 32).getAttribute("data-status"), "warn");
    assert.ok((await tile(page, 32).locator(".tile-erlang .chip").innerText()).startsWith("▲ "));
    // The colours differ too.
    const colour = (id) => sl(id).locator(".chip").evaluate((el) => getComputedStyle(el).color);
    const colours = new Set([await colour(11), await colour(12), await colour(21)]);
    assert.equal(colours.size, 3, "ok, warning and critical have three colours");
    // A figure with no status draws no chip at all (not an empty pill).
    const empty = tile(page, 11).locator(".tile-longest .chip");
    assert.equal(await empty.innerText(), "");
    const box = await empty.boundingBox();
    assert.ok(box === null || box.width === 0, `an empty status chip is ${box?.width}px wide`);
  });

  it("a new frame updates the figures in place", async ({ page }) => {
    await expectText(tile(page, 11).getByTestId("queue-waiting"), "3");
    const before = await tile(page, 11).elementHandle();
    await page.evaluate(() => {
      const q = window.__fw.state.frame.sites[0].queues[0];
      q.figures.waiting = 9;
      q.figures.serviceLevelPct = 71.0;
      window.__fw.state.frame.total.waiting += 6;
      window.__fw.pushFrame();
    });
    await expectText(tile(page, 11).getByTestId("queue-waiting"), "9");
    await expectText(tile(page, 11).getByTestId("queue-sl"), "71.0%");
    assert.equal(await tile(page, 11).getAttribute("data-status"), "warn");
    assert.equal(await page.getByTestId("total-waiting").innerText(), "22");
    assert.equal(await before.evaluate((el) => el.isConnected), true, "the tile was updated, not rebuilt");
    // A queue the platform no longer reports goes away.
    await page.evaluate(() => {
      window.__fw.state.frame.sites[2].queues.pop();
      window.__fw.pushFrame();
    });
    await tile(page, 32).waitFor({ state: "detached" });
  });

  it("a frame with only the queues that changed keeps the others, their waits older by the time between", async ({ page }) => {
    await expectText(tile(page, 11).getByTestId("queue-waiting"), "3");
    const longest = tile(page, 31).locator(".tile-longest .stat-value");
    const before = await longest.innerText();
    await page.evaluate(() => {
      const whole = window.__fw.state.frame;
      const changed = structuredClone(whole.sites[0].queues[0]);
      changed.figures.waiting = 4;
      window.__fw.pushFrame({
        ...whole,
        atMs: whole.atMs + 60_000,
        queuesComplete: false,
        sites: whole.sites.map((site, i) => ({ ...site, queues: i === 0 ? [changed] : [] })),
      });
    });
    await expectText(tile(page, 11).getByTestId("queue-waiting"), "4");
    // Every other queue is still on the wallboard, its oldest caller a minute older.
    assert.equal(await page.locator("[data-testid^=queue-tile-]").count(), 7);
    await expectText(tile(page, 31).getByTestId("queue-waiting"), "1");
    await eventually(async () => assert.notEqual(await longest.innerText(), before));
    // 12 s before, a minute later (with the warning icon the wait has now earned).
    assert.match(await longest.innerText(), /1:12$/);
  });

  it("the window keys ask the backend and the next frame confirms", async ({ page, en }) => {
    await tile(page, 11).waitFor();
    await page.keyboard.press("3");
    await expectInvoked(page, "set_window", { window: "rolling60" });
    await eventually(async () => assert.equal(await page.getByTestId("window-select").inputValue(), "rolling60"));
    await page.getByTestId("window-select").selectOption("shift");
    await expectInvoked(page, "set_window", { window: "shift" });
    await expectContains(page.locator(".window-since"), fill(en["window.since"], { time: "16:00" }));
  });

  it("a refused subscription says so, and Retry subscribes again", { fail: { subscribe_frames: { code: "hub_stopped", message: "the hub is not running" } } }, async ({ page, en, fixtures }) => {
    const boot = page.getByTestId("boot-state");
    await expectContains(boot, en["boot.error"]);
    await expectContains(boot, "the hub is not running");
    await expectContains(boot, "hub_stopped");
    await boot.getByRole("button", { name: en["boot.retry"] }).click();
    await expectText(page.getByTestId("total-waiting"), String(fixtures.frame.total.waiting));
    assert.equal((await invoked(page, "subscribe_frames")).length, 2);
  });
});

describe("agents", () => {
  it("the grid shows the backend's rows and counts", async ({ page, en, fixtures }) => {
    await showView(page, "agents", "tab");
    const rows = page.locator('[data-testid="agent-row"]:visible');
    await eventually(async () => assert.equal(await rows.count(), fixtures.agents.length));
    const query = (await invoked(page, "agents_page")).at(-1).query;
    assert.equal(query.offset, 0);
    assert.equal(query.state, null);
    const counts = { available: 4, ringing: 1, onCall: 3, wrapUp: 2, onBreak: 2, offline: 2 };
    await expectText(page.getByTestId("agents-summary"), fill(en["agents.summary"], counts));
    await expectText(page.getByTestId("agents-count"), fill(en["agents.count"], { shown: 14, n: 14 }));
    // Sorted by state: ringing first, offline last; each state in words and a shape.
    assert.equal(await rows.first().getAttribute("data-state"), "ringing");
    assert.equal(await rows.last().getAttribute("data-state"), "offline");
    const lunch = page.locator('[data-testid="agent-row"][data-agent="1006"]');
    await expectContains(lunch.locator('[data-col="state"]'), `${en["agentState.break"]} · ${en["breakReason.lunch"]}`);
    const monitored = page.locator('[data-testid="agent-row"][data-agent="1003"]');
    await expectText(monitored.getByTestId("monitor-chip"), `李伟 · ${en["mode.listen"]}`);
  });

  it("filtering by state sends the query and shows the answer", async ({ page, en }) => {
    await showView(page, "agents");
    await page.locator('[data-testid="agent-row"]:visible').first().waitFor();
    await page.getByTestId("agents-state").selectOption("onCall");
    await eventually(async () => assert.equal((await invoked(page, "agents_page")).at(-1).query.state, "onCall"));
    const rows = page.locator('[data-testid="agent-row"]:visible');
    await eventually(async () => assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => e.dataset.state)), ["onCall", "onCall", "onCall"]));
    await expectText(page.getByTestId("agents-count"), fill(en["agents.count"], { shown: 3, n: 14 }));
    // Then by site and a search, with a sort by name.
    await page.getByTestId("agents-state").selectOption("");
    await page.getByTestId("agents-site").selectOption({ label: await page.evaluate(() => window.__fw.siteName("south")) });
    await page.getByTestId("agents-search").fill("claims");
    await page.getByTestId("agents-sort-name").click();
    await eventually(async () => {
      const q = (await invoked(page, "agents_page")).at(-1).query;
      assert.deepEqual({ ...q, limit: 0 }, { search: "claims", site: 3, queue: null, state: null, sort: "name", descending: false, offset: 0, limit: 0 });
    });
    // South's claims agents, by name in code-point order as the backend sorts: 周敏, 郑爽, 马超.
    await eventually(async () => assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => e.dataset.agent)), ["1006", "1009", "1012"]));
    // Nothing matches: the grid says so.
    await page.getByTestId("agents-search").fill("nobody-by-this-name");
    await expectText(page.locator(".agents-view .empty"), en["agents.empty"]);
  });

  it("Listen on an agent's row monitors the call that agent is on", async ({ page, en, fixtures }) => {
    await showView(page, "agents");
    const row = page.locator('[data-testid="agent-row"][data-agent="1007"]');
    await row.getByTestId("agent-listen").click();
    await expectInvoked(page, "monitor_agent", { agent: 1007 });
    await expectText(page.getByTestId("monitor-mode"), fill(en["mon.ringing"], { endpoint: fixtures.profiles.nightShiftLead.endpoint }));
    // An agent not on a call offers no Listen.
    assert.equal(await page.locator('[data-testid="agent-row"][data-agent="1002"]').getByTestId("agent-listen").isVisible(), false);
  });
});

describe("live calls", () => {
  it("lists waiting and talking calls with the caller's number as the role may see it", async ({ page, en, fixtures }) => {
    await showView(page, "calls", "tab");
    const rows = page.locator('[data-testid="call-row"]');
    await eventually(async () => assert.equal(await rows.count(), fixtures.calls.calls.length));
    await expectText(page.getByTestId("calls-count"), fill(en["calls.count"], { shown: 7, n: 7 }));
    // Waiting first (longest wait first), then connected calls (longest first).
    assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => e.dataset.call)), ["9102", "9101", "9107", "9103", "9106", "9104", "9105"]);
    const talking = callRow(page, 9104);
    const c9104 = fixtures.calls.calls.find((c) => c.id === 9104);
    assert.equal(await talking.locator("td").nth(1).innerText(), c9104.caller, "a night-shift lead sees the number");
    assert.equal(await talking.locator("td").nth(4).innerText(), c9104.agent);
    assert.equal(await talking.locator("td").nth(5).innerText(), en["phase.talking"]);
    assert.equal(await talking.getByTestId("monitor-chip").innerText(), `李伟 · ${en["mode.listen"]}`);
    assert.equal(await callRow(page, 9102).locator("td").nth(5).innerText(), en["phase.queued"]);
    assert.equal(await callRow(page, 9103).locator("td").nth(1).innerText(), "—", "a withheld number");
    // The fee-waiver mark of a disaster mode, on that call only.
    assert.equal(await callRow(page, 9105).getByTestId("fees-waived").innerText(), en["calls.feesWaived"]);
    assert.equal(await callRow(page, 9104).getByTestId("fees-waived").isVisible(), false);
    assert.equal(await page.locator(".calls-masked").innerText(), "");
    // Waiting calls cannot be listened to yet; connected ones can.
    assert.equal(await callRow(page, 9102).getByTestId("listen").isDisabled(), true);
    assert.equal(await callRow(page, 9105).getByTestId("listen").isEnabled(), true);
    // The phase filter.
    await page.getByTestId("calls-filter-waiting").click();
    await eventually(async () => assert.equal(await rows.count(), 4));
    await page.getByTestId("calls-filter-connected").click();
    await eventually(async () => assert.equal(await rows.count(), 3));
  });

  it("every call is streamed only while the calls view is open; elsewhere only the monitored ones", async ({ page, fixtures }) => {
    await eventually(async () => assert.deepEqual((await invoked(page, "want_every_call")).at(-1), { every: false }));
    await showView(page, "calls");
    await eventually(async () => assert.deepEqual((await invoked(page, "want_every_call")).at(-1), { every: true }));
    await expectContains(page.getByTestId("calls-count"), String(fixtures.calls.calls.length));
    await showView(page, "wallboard");
    await eventually(async () => assert.deepEqual((await invoked(page, "want_every_call")).at(-1), { every: false }));
  });

  it("masks caller numbers for a role that may not see them", { profile: "qualityManager" }, async ({ page, en, fixtures }) => {
    await showView(page, "calls");
    await expectText(page.locator(".calls-masked"), en["calls.masked"]);
    for (const call of fixtures.calls.calls) {
      const masked = await page.evaluate((n) => window.__fw.maskNumber(n), call.caller);
      const cell = callRow(page, call.id).locator("td").nth(1);
      await expectText(cell, masked || "—");
      if (call.caller) assert.ok(masked.includes("****"), masked);
    }
    assert.equal(await callRow(page, 9101).locator("td").nth(1).innerText(), "138****5678");
  });

  it("Listen invokes monitor_call and the monitoring bar follows the session", async ({ page, en, fixtures }) => {
    await showView(page, "calls");
    const bar = page.getByTestId("monitor-bar");
    await expectText(page.getByTestId("monitor-mode"), en["mon.idle"]);
    assert.equal(await bar.getAttribute("data-mode"), "idle");
    await callRow(page, 9105).getByTestId("listen").click();
    await expectInvoked(page, "monitor_call", { call: 9105 });
    await eventually(async () => assert.equal(await bar.getAttribute("data-mode"), "ringing"));
    await expectText(page.getByTestId("monitor-mode"), fill(en["mon.ringing"], { endpoint: fixtures.profiles.nightShiftLead.endpoint }));
    // The phone answers: the platform reports the session, listening muted.
    await page.evaluate(() => window.__fw.answerPhone());
    await eventually(async () => assert.equal(await bar.getAttribute("data-mode"), "listen"));
    await expectText(page.getByTestId("monitor-mode"), en["mon.state.listen"]);
    await expectContains(page.getByTestId("monitor-call"), fill(en["mon.on"], { call: 9105, agent: "赵丽", queue: "south.repairs" }));
    const mine = callRow(page, 9105).locator('[data-testid="monitor-chip"][data-mine="true"]');
    await expectText(mine, `王芳 · ${en["mode.listen"]}`);
    assert.equal(await callRow(page, 9105).getByTestId("listen").isDisabled(), true);
    // Whisper by the button, barge by the chord, then stop.
    await page.getByTestId("monitor-whisper").click();
    await expectInvoked(page, "monitor_mode", { session: 501, mode: "whisper" });
    await expectText(page.getByTestId("monitor-mode"), en["mon.state.whisper"]);
    await page.keyboard.press("Shift+B");
    await expectInvoked(page, "monitor_mode", { session: 501, mode: "barge" });
    await expectText(page.getByTestId("monitor-mode"), en["mon.state.barge"]);
    await expectText(mine, `王芳 · ${en["mode.barge"]}`);
    await page.getByTestId("monitor-stop").click();
    await expectInvoked(page, "monitor_stop", { session: 501 });
    await expectText(page.getByTestId("monitor-mode"), en["mon.idle"]);
    await mine.waitFor({ state: "detached" });
  });

  it("the keyboard selects a call and Enter listens", async ({ page }) => {
    await showView(page, "calls");
    await callRow(page, 9105).waitFor();
    // Connected calls are at the end of the list.
    for (let i = 0; i < 7; i++) await page.keyboard.press("ArrowDown");
    await eventually(async () => assert.equal(await callRow(page, 9105).getAttribute("aria-selected"), "true"));
    await page.keyboard.press("Enter");
    await expectInvoked(page, "monitor_call", { call: 9105 });
  });

  it("a refused Listen says why in words, and nothing starts", async ({ page, en }) => {
    await showView(page, "calls");
    const refusal = { code: "denied.barge_taken", message: "李伟 is barged into call 9104" };
    await page.evaluate((error) => window.__fw.fail("monitor_call", error), refusal);
    await callRow(page, 9104).getByTestId("listen").click();
    await expectInvoked(page, "monitor_call", { call: 9104 });
    await expectText(notice(page), fill(en["err.refused"], { reason: `${en["err.denied.barge_taken"]} (${refusal.message})` }));
    assert.equal(await page.getByTestId("monitor-bar").getAttribute("data-mode"), "idle");
    await expectText(page.getByTestId("monitor-mode"), en["mon.idle"]);
    // A refusal the console has no words for still says it was refused, with the backend's.
    await page.evaluate(() => window.__fw.fail("monitor_call", { code: "denied.new_rule", message: "a rule this console predates" }));
    await callRow(page, 9104).getByTestId("listen").click();
    await expectText(notice(page), fill(en["err.refused"], { reason: `${en["err.other"]} (a rule this console predates)` }));
  });
});

describe("audit trail", () => {
  it("shows the records and filters by outcome", async ({ page, en, fixtures }) => {
    await showView(page, "audit", "tab");
    await expectInvoked(page, "audit_search", { query: {}, limit: 100 });
    const rows = page.locator('[data-testid="audit-row"]');
    await eventually(async () => assert.equal(await rows.count(), fixtures.auditRecords.length));
    await expectText(page.getByTestId("audit-scope"), en["audit.everyone"]);
    const first = fixtures.auditRecords[0];
    const cells = await rows.first().locator("td").allInnerTexts();
    assert.equal(cells[1], first.user);
    assert.equal(cells[2], en[`audit.action.${first.action}`]);
    assert.equal(cells[3], en[`audit.outcome.${first.outcome}`]);
    assert.equal(cells[8], first.detail);
    await page.getByTestId("audit-outcome").selectOption("denied");
    await page.getByTestId("audit-apply").click();
    await expectInvoked(page, "audit_search", { query: { outcome: "denied" }, limit: 100 });
    const denied = fixtures.auditRecords.filter((r) => r.outcome === "denied");
    await eventually(async () => assert.equal(await rows.count(), denied.length));
    assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => e.dataset.outcome)), denied.map(() => "denied"));
    await expectContains(rows.first(), denied[0].reason);
    // Export writes every matching record and says where.
    await page.getByTestId("audit-export").click();
    await expectInvoked(page, "audit_export", { query: { outcome: "denied" } });
    await expectText(notice(page), fill(en["audit.exported"], { n: denied.length, path: "/home/wang.fang/floorwalker-audit.csv" }));
  });

  it("a role without the whole trail reads only its own records", { profile: "floorSupervisor" }, async ({ page, en, fixtures }) => {
    await showView(page, "audit");
    await expectText(page.getByTestId("audit-scope"), en["audit.ownOnly"]);
    const own = fixtures.auditRecords.filter((r) => r.user === "li.wei");
    const rows = page.locator('[data-testid="audit-row"]');
    await eventually(async () => assert.equal(await rows.count(), own.length));
    for (const text of await rows.locator("td:nth-child(2)").allInnerTexts()) assert.equal(text, "li.wei");
  });

  it("a trail that cannot be read says why", async ({ page, en }) => {
    await page.evaluate(() => window.__fw.fail("audit_search", { code: "store", message: "database is locked" }));
    await showView(page, "audit");
    await expectText(page.locator(".audit-view .notice-inline"), fill(en["audit.loadFailed"], { message: "database is locked" }));
  });
});

describe("alerts, connection and the team's settings", () => {
  it("the bell counts the unacknowledged alerts; the centre lists them and acknowledging is sent and shown", async ({ page, en }) => {
    await expectText(page.getByTestId("alert-bell"), "▲ 1");
    await page.getByTestId("alert-bell").click();
    await page.getByTestId("alerts-view").waitFor();
    // Unacknowledged and critical first: the no-agent alert (9) above the acknowledged wait (7).
    const ids = await page.locator('[data-testid="alerts-active"] > li').evaluateAll((rows) => rows.map((r) => r.dataset.testid));
    assert.deepEqual(ids, ["alert-9", "alert-7"]);
    const first = page.getByTestId("alert-9");
    await expectContains(first, en["alert.kind.noAgentAvailable"]);
    await expectContains(first, "4 waiting");
    assert.equal(await first.getAttribute("data-level"), "critical");
    await expectContains(page.getByTestId("alert-7"), "3:05 (limit 2:00)");
    await expectContains(page.getByTestId("alert-7"), "Seen by li.wei");
    await expectContains(page.getByTestId("alerts-recent"), en["alert.kind.linkLost"]);
    await page.getByTestId("alert-ack-9").click();
    await eventually(async () => assert.deepEqual(await invoked(page, "acknowledge_alert"), [{ id: 9 }]));
    await eventually(async () => assert.equal(await first.getAttribute("data-acknowledged"), "true"));
    await expectContains(first, "Seen by wang.fang");
    await eventually(async () => assert.equal(await page.getByTestId("alert-bell").isVisible(), false));
    // Open queue goes to the wallboard with the queue's tile marked.
    await page.getByTestId("alert-open-7").click();
    await eventually(async () => assert.equal(await tile(page, 11).getAttribute("data-flash"), "true"));
  });

  it("today's trends are drawn for the centre, and for a queue when it is chosen", async ({ page }) => {
    await page.getByTestId("trend-3").waitFor();
    assert.deepEqual((await invoked(page, "trend_charts"))[0], { scope: { kind: "centre" }, dark: true });
    await page.getByTestId("trends-scope").selectOption("queue:21");
    await eventually(async () => assert.ok((await invoked(page, "trend_charts")).some((a) => a.scope.kind === "queue" && a.scope.id === 21)));
    assert.ok((await page.getByTestId("trend-0").getAttribute("src")).startsWith("data:image/svg+xml"));
  });

  it("the connection view says what the link is and what the numbers mean while it is down", async ({ page, en, fixtures }) => {
    await showView(page, "connection");
    await expectText(page.getByTestId("conn-platform"), fixtures.frame.link.platform);
    await expectContains(page.getByTestId("conn-state"), en["conn.state.connected"]);
    await expectText(page.getByTestId("conn-meaning"), en["conn.meaning.connected"]);
    await expectContains(page.getByTestId("conn-hours"), "Asia/Shanghai");
    await expectContains(page.getByTestId("conn-event-rate"), "123,456");
    // A frame stamped with when its newest events arrived: the view reports the delay to screen.
    await page.evaluate(() => {
      const frame = structuredClone(window.__fw.state.frame);
      frame.firstNewEventReceivedMs = performance.timeOrigin + performance.now() - 40;
      window.__fw.pushFrame(frame);
    });
    await expectContains(page.getByTestId("conn-screen-delay"), "99th percentile");
    await page.evaluate(() => {
      const frame = structuredClone(window.__fw.state.frame);
      frame.link = { ...frame.link, state: "reconnecting", detail: "connection refused" };
      window.__fw.pushFrame(frame);
    });
    await expectContains(page.getByTestId("conn-state"), en["conn.state.reconnecting"]);
    await expectText(page.getByTestId("conn-detail"), "connection refused");
    await expectText(page.getByTestId("conn-meaning"), en["conn.meaning.down"]);
  });

  it("an admin edits the alert rules and the centre's hours; a bad number is caught in the form", { profile: "admin" }, async ({ page, en }) => {
    await showView(page, "settings");
    await page.getByTestId("rule-sl-below").waitFor();
    await eventually(async () => assert.equal(await page.getByTestId("rule-sl-below").inputValue(), "80"));
    await page.getByTestId("rule-wait-for").fill("abc");
    await page.getByTestId("rules-save").click();
    await expectContains(page.getByTestId("rules-status"), "whole number");
    assert.deepEqual(await invoked(page, "set_alert_rules"), []);
    await page.getByTestId("rule-wait-for").fill("45");
    await page.getByTestId("rule-sl-below").fill("70");
    await page.getByTestId("rule-abandon-on").uncheck();
    // A queue of its own: fewer seconds of waiting before it alerts.
    await page.getByTestId("rules-scope").selectOption("east.orders");
    await page.getByTestId("rules-own").check();
    await page.getByTestId("rule-wait-above").fill("60");
    await page.getByTestId("rules-save").click();
    await expectText(page.getByTestId("rules-status"), en["rules.saved"]);
    const [{ rules }] = await invoked(page, "set_alert_rules");
    assert.equal(rules.queuesDefault.serviceLevel.belowPct, 70);
    assert.equal(rules.queuesDefault.longestWait.forSecs, 45);
    assert.equal(rules.queuesDefault.abandonRate, null);
    assert.equal(rules.queues["east.orders"].longestWait.aboveSecs, 60);
    assert.equal(rules.queues["north.phones"], undefined);

    await page.getByTestId("settings-time-zone").fill("Asia/Tokyo");
    await page.getByTestId("settings-shift-starts").fill("20:00, 08:00");
    await page.getByTestId("settings-hours-save").click();
    await expectContains(page.getByTestId("settings-hours-status"), "Asia/Tokyo");
    assert.deepEqual(await invoked(page, "set_centre_hours"), [{ timeZone: "Asia/Tokyo", shiftStarts: "20:00, 08:00" }]);
    await eventually(async () => assert.equal(await page.getByTestId("settings-shift-starts").inputValue(), "08:00, 20:00"));
    await page.getByTestId("settings-time-zone").fill("Mars/Olympus Mons");
    await page.getByTestId("settings-hours-save").click();
    await expectContains(page.getByTestId("settings-hours-status"), en["err.invalid_setting"]);
  });

  it("the team's settings are read-only for a role that may not edit them", async ({ page }) => {
    await showView(page, "settings");
    await page.getByTestId("settings-read-only").waitFor();
    assert.equal(await page.getByTestId("rules-save").isDisabled(), true);
    assert.equal(await page.getByTestId("rule-sl-below").isDisabled(), true);
    assert.equal(await page.getByTestId("rules-scope").isDisabled(), false, "looking is allowed");
  });
});

describe("settings", () => {
  it("shows who runs the console and what the role may do", async ({ page, en, fixtures }) => {
    await showView(page, "settings", "tab");
    const me = fixtures.profiles.nightShiftLead;
    await expectText(page.getByTestId("settings-user"), `${me.displayName} (${me.user})`);
    assert.equal(await page.getByTestId("settings-role").innerText(), en["role.nightShiftLead"]);
    assert.deepEqual(await page.getByTestId("settings-permissions").locator("li").allInnerTexts(), me.permissions.map((p) => en[`perm.${p}`]));
    assert.equal(await page.getByTestId("settings-endpoint").inputValue(), me.endpoint);
  });

  it("a phone with & is refused in the form; a valid one is saved through set_endpoint", async ({ page, en }) => {
    await showView(page, "settings");
    const field = page.getByTestId("settings-endpoint");
    const status = page.getByTestId("settings-endpoint-status");
    await field.fill("PJSIP/9001&PJSIP/9002");
    await page.getByTestId("settings-endpoint-save").click();
    await expectText(status, en["settings.endpoint.shape"]);
    assert.equal(await status.getAttribute("data-kind"), "error");
    assert.deepEqual(await invoked(page, "set_endpoint"), [], "the form refused it before asking the backend");
    // The backend has the last word.
    await page.evaluate(() => window.__fw.fail("set_endpoint", { code: "store", message: "database is locked" }));
    await field.fill("PJSIP/9010");
    await field.press("Enter");
    await expectInvoked(page, "set_endpoint", { endpoint: "PJSIP/9010" });
    await expectText(status, fill(en["err.refused"], { reason: `${en["err.store"]} (database is locked)` }));
    assert.equal(await status.getAttribute("data-kind"), "error");
    await field.fill("  PJSIP/9009 ");
    await page.getByTestId("settings-endpoint-save").click();
    await expectInvoked(page, "set_endpoint", { endpoint: "PJSIP/9009" });
    await expectText(status, fill(en["settings.endpoint.saved"], { endpoint: "PJSIP/9009" }));
    assert.equal(await status.getAttribute("data-kind"), "ok");
    // The next session rings the new phone.
    await showView(page, "calls");
    await callRow(page, 9105).getByTestId("listen").click();
    await expectText(page.getByTestId("monitor-mode"), fill(en["mon.ringing"], { endpoint: "PJSIP/9009" }));
  });
});

describe("theme", () => {
  it("the toggle, the T key and the settings switch change data-theme on <html>, and it is kept", async ({ page }) => {
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    await tile(page, 11).waitFor();
    assert.equal(await theme(), "dark");
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const dark = await background();
    await page.getByTestId("theme-toggle").click();
    await eventually(async () => assert.equal(await theme(), "light"));
    assert.notEqual(await background(), dark, "the light theme looks different");
    await page.keyboard.press("t");
    await eventually(async () => assert.equal(await theme(), "dark"));
    await showView(page, "settings");
    await page.getByTestId("settings-theme").selectOption("light");
    await eventually(async () => assert.equal(await theme(), "light"));
    await page.reload();
    await page.waitForFunction(() => window.__fw?.ready === true);
    assert.equal(await theme(), "light");
    await page.getByTestId("settings-permissions").locator("li").first().waitFor();
    await screenshot(page, "settings.en.light");
  });
});
