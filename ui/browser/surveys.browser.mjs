// Survey review in a real browser with the Tauri IPC mocked (./harness.ts, ./surveyFixtures.ts):
// the queue in need order with the reason on each row, filters that really narrow it (chips,
// clear, the comment search), paging past a capped count, a detractor opened, tagged, given a
// follow-up and a note, two surveys closed at once, the tag list, the Chinese labels, and a
// role that may not review surveys.

import assert from "node:assert/strict";
import { describe } from "node:test";
import { eventually, expectContains, expectInvoked, expectText, fill, invoked, screenshot, showView } from "./env.mjs";
import { consoleSuite, notice } from "./suite.mjs";

const { it } = consoleSuite();

const row = (page, id) => page.locator(`[data-testid="survey-row"][data-id="${id}"]`);
const rowIds = (page) => page.getByTestId("survey-row").evaluateAll((rows) => rows.map((r) => Number(r.dataset.id)));

/** Waits until the queue shows exactly `ids`, in order. */
async function expectRows(page, ids) {
  await eventually(async () => assert.deepEqual(await rowIds(page), ids));
}

/** The need order of the fixtures: unhappy, then commented, then the rest; newest first in each. */
const NEED_ORDER = [101, 102, 103, 104, 109, 111, 114, 105, 106, 112, 107, 108, 110, 113];

async function openSurveys(page) {
  await showView(page, "surveys");
  await expectRows(page, NEED_ORDER);
}

describe("survey review", () => {
  it("the queue puts detractors and low CSAT first and says why; filters narrow it, as chips that remove them", async ({ page, en }) => {
    await openSurveys(page);
    assert.deepEqual(await invoked(page, "survey_page"), [{ filter: {}, sort: "need", offset: 0, limit: 50 }]);
    await expectText(page.getByTestId("survey-range"), fill(en["surveys.range"], { from: 1, to: 14, total: 14 }));
    // Each reason is a shape and a word.
    const reasons = (id) => row(page, id).locator(".survey-need").allInnerTexts();
    assert.deepEqual(await reasons(101), [`▼ ${en["surveys.need.detractor"]}`, `☹ ${en["surveys.need.lowCsat"]}`]);
    assert.deepEqual(await reasons(104), [`☹ ${en["surveys.need.lowCsat"]}`]);
    assert.deepEqual(await reasons(105), [`✎ ${en["surveys.need.commented"]}`]);
    assert.deepEqual(await reasons(107), []);
    await expectText(row(page, 103).locator('[data-col="nps"]'), `3 · ${en["surveys.group.detractor"]}`);
    await expectText(row(page, 108).locator('[data-col="fcr"]'), `✗ ${en["surveys.detail.no"]}`);
    await expectText(row(page, 107).locator('[data-col="status"]'), `✓ ${en["surveys.status.closed"]}`);
    await expectText(row(page, 104).locator('[data-col="tags"]'), "Process issue");

    // Site, then NPS group: the backend's answer narrows.
    await page.getByTestId("survey-filter-site").selectOption("east");
    await expectRows(page, [101, 102, 109, 111, 114, 106, 110]);
    await page.getByTestId("survey-filter-npsGroup").selectOption("detractor");
    await expectRows(page, [101, 102, 109, 111, 114]);
    // The comment search waits for a pause in typing, then asks once.
    await page.getByTestId("survey-filter-text").fill("退款");
    await expectRows(page, [102]);
    await expectInvoked(page, "survey_page", { filter: { site: "east", npsGroup: "detractor", text: "退款" }, sort: "need", offset: 0, limit: 50 });
    const chips = page.getByTestId("survey-chips").locator(".survey-chip");
    assert.deepEqual(await chips.allInnerTexts(), [
      `${fill(en["surveys.chip.field"], { label: en["surveys.filter.site"], value: "East" })} ×`,
      `${fill(en["surveys.chip.field"], { label: en["surveys.filter.npsGroup"], value: en["surveys.group.detractor"] })} ×`,
      `${fill(en["surveys.chip.text"], { value: "退款" })} ×`,
    ]);
    await page.getByTestId("survey-chip-text").click();
    await expectRows(page, [101, 102, 109, 111, 114]);
    assert.equal(await page.getByTestId("survey-filter-text").inputValue(), "");
    // A day in the centre's time zone (Shanghai): 109 was answered at 02:30 that day.
    await page.getByTestId("survey-filter-from").fill("2025-03-14");
    await page.getByTestId("survey-filter-to").fill("2025-03-14");
    await expectRows(page, [101, 102, 109]);
    const last = (await invoked(page, "survey_page")).at(-1);
    assert.equal(last.filter.fromMs, Date.UTC(2025, 2, 13, 16));
    assert.equal(last.filter.toMs, Date.UTC(2025, 2, 14, 16));
    // CSAT at most 2 among them; then clear everything.
    await page.getByTestId("survey-filter-csatMax").selectOption("2");
    await expectRows(page, [101, 102]);
    await page.getByTestId("survey-filter-clear").click();
    await expectRows(page, NEED_ORDER);
    assert.equal(await page.getByTestId("survey-chips").isVisible(), false);
    // Another order.
    await page.getByTestId("survey-sort").selectOption("csatAscending");
    await eventually(async () => assert.deepEqual((await rowIds(page)).slice(0, 4), [101, 114, 102, 104]));
    await screenshot(page, "surveys.queue.en");
  });

  it("pages through a large queue, with a capped count read as N+", async ({ page, en }) => {
    await page.evaluate(() => {
      const state = window.__fw.state;
      const base = state.surveys[6];
      for (let i = 0; i < 120; i++) state.surveys.push({ ...structuredClone(base), id: 1000 + i, answeredAtMs: base.answeredAtMs - (i + 1) * 60_000 });
      state.surveyCountCap = 100;
    });
    await showView(page, "surveys");
    await expectText(page.getByTestId("survey-range"), fill(en["surveys.rangeCapped"], { from: 1, to: 50, total: 100 }));
    assert.equal(await page.getByTestId("survey-row").count(), 50);
    assert.equal(await page.getByTestId("survey-prev").isDisabled(), true);
    await page.getByTestId("survey-next").click();
    await expectText(page.getByTestId("survey-range"), fill(en["surveys.rangeCapped"], { from: 51, to: 100, total: 100 }));
    await page.getByTestId("survey-next").click();
    await expectText(page.getByTestId("survey-range"), fill(en["surveys.rangeCapped"], { from: 101, to: 134, total: "134" }));
    assert.equal(await page.getByTestId("survey-next").isDisabled(), true);
    assert.deepEqual((await invoked(page, "survey_page")).map((a) => a.offset), [0, 50, 100]);
  });

  it("a quality manager opens a detractor, tags it, assigns the follow-up and adds a note", { profile: "qualityManager" }, async ({ page, en }) => {
    await openSurveys(page);
    await expectText(page.getByTestId("survey-detail-none"), en["surveys.detail.none"]);
    await row(page, 101).locator('[data-col="comment"]').click();
    const detail = page.getByTestId("survey-detail");
    await expectText(page.getByTestId("survey-detail-title"), fill(en["surveys.detail.title"], { id: 101, time: "2025-03-14 21:30" }));
    assert.equal(await row(page, 101).getAttribute("aria-selected"), "true");
    // The call's facts and the answers; never a caller's number (a survey has none).
    await expectText(detail.locator('[data-fact="queue"]'), "east.complaints");
    await expectText(detail.locator('[data-fact="agent"]'), "张伟");
    await expectText(detail.locator('[data-fact="escalated"]'), en["surveys.detail.yes"]);
    await expectText(detail.locator('[data-fact="csat"]'), fill(en["surveys.detail.csatOf"], { n: 1 }));
    await expectText(detail.locator('[data-fact="nps"]'), `2 · ${en["surveys.group.detractor"]}`);
    await expectText(detail.locator('[data-fact="fcr"]'), `✗ ${en["surveys.fcr.no"]}`);
    await expectText(page.getByTestId("survey-comment"), "等了四十分钟才接通，问题还没解决，我要投诉！");
    const shown = await detail.innerText();
    assert.ok(!/(?<!\d)(\+?86)?1[3-9]\d{9}(?!\d)|\d{3}\*{4}\d{4}/.test(shown), `no caller number in the detail: ${shown}`);
    assert.equal(await detail.locator('[data-fact="caller"]').count(), 0);
    // The agent's earlier surveys and their mean.
    assert.equal(await page.getByTestId("survey-recent-row").count(), 3);
    await expectText(page.getByTestId("survey-recent-mean"), fill(en["surveys.detail.meanCsat"], { mean: "3.0", n: 3 }));

    // Tag it from the managed list (a retired tag is not offered).
    const offered = await page.getByTestId("survey-tag-pick").locator("option").evaluateAll((os) => os.map((o) => o.value));
    assert.ok(offered.includes("long_wait") && !offered.includes("wrong_routing"), `offered: ${offered}`);
    await page.getByTestId("survey-tag-pick").selectOption("long_wait");
    await page.getByTestId("survey-tag-add").click();
    await expectInvoked(page, "survey_review", { ids: [101], action: { kind: "addTag", tag: "long_wait" } });
    await expectContains(page.getByTestId("survey-tags").locator('[data-tag="long_wait"]'), "Long wait");
    await expectText(row(page, 101).locator('[data-col="tags"]'), "Long wait");
    await expectText(notice(page), fill(en["surveys.changed"], { n: 1 }));

    // Close the loop: who calls back, by when (the end of that day in the centre).
    await page.getByTestId("survey-owner").selectOption("li.wei");
    await page.getByTestId("survey-due").fill("2025-03-16");
    await page.getByTestId("survey-follow-up-save").click();
    await expectInvoked(page, "survey_review", { ids: [101], action: { kind: "followUp", owner: "li.wei", dueMs: Date.UTC(2025, 2, 16, 16) - 1 } });
    await expectText(page.getByTestId("survey-follow-up-current"), fill(en["surveys.detail.followUpSet"], { owner: "李伟", due: "2025-03-16" }));
    await page.getByTestId("survey-status").selectOption("followUp");
    await expectInvoked(page, "survey_review", { ids: [101], action: { kind: "setStatus", status: "followUp" } });
    await eventually(async () => assert.equal(await row(page, 101).getAttribute("data-status"), "followUp"));

    // A note.
    await page.getByTestId("survey-note-add").click();
    await expectText(notice(page), en["surveys.detail.noteEmpty"]);
    await page.getByTestId("survey-note-body").fill("已致电客户，承诺三天内处理");
    await page.getByTestId("survey-note-add").click();
    await expectInvoked(page, "survey_note", { id: 101, body: "已致电客户，承诺三天内处理" });
    const note = page.getByTestId("survey-note");
    await expectContains(note, "已致电客户，承诺三天内处理");
    await expectContains(note, "赵敏 · 2025-03-14 22:30");
    assert.equal(await page.getByTestId("survey-note-body").inputValue(), "");
    await screenshot(page, "surveys.detail.en");

    // The new tag narrows the queue to it; removing it from the survey is one click.
    await page.getByTestId("survey-filter-tag").selectOption("long_wait");
    await expectRows(page, [101]);
    await page.getByTestId("survey-tag-remove-long_wait").click();
    await expectInvoked(page, "survey_review", { ids: [101], action: { kind: "removeTag", tag: "long_wait" } });
    await expectRows(page, []);
    await expectText(page.getByTestId("survey-empty"), en["surveys.empty"]);
  });

  it("closes two surveys at once from the selection", async ({ page, en }) => {
    await openSurveys(page);
    assert.equal(await page.getByTestId("survey-bulk").isVisible(), false);
    await row(page, 103).getByTestId("survey-select").check();
    await row(page, 108).getByTestId("survey-select").check();
    await expectText(page.getByTestId("survey-bulk-count"), fill(en["surveys.bulk.selected"], { n: 2 }));
    // Selecting does not open the detail.
    assert.equal(await page.getByTestId("survey-detail-none").isVisible(), true);
    await page.getByTestId("survey-bulk-status").selectOption("closed");
    // The audit trail comes first: when it cannot be written nothing changes, and the user is told.
    await page.evaluate(() => window.__fw.fail("survey_review", { code: "survey.audit_unavailable", message: "the store is unreachable" }));
    await page.getByTestId("survey-bulk-set-status").click();
    await expectText(notice(page), fill(en["surveys.failed"], { reason: `${en["surveys.err.survey.audit_unavailable"]} (the store is unreachable)` }));
    assert.equal(await row(page, 103).getAttribute("data-status"), "new");
    assert.equal(await page.getByTestId("survey-bulk").isVisible(), true, "the selection stays for another try");
    await page.getByTestId("survey-bulk-set-status").click();
    await expectInvoked(page, "survey_review", { ids: [103, 108], action: { kind: "setStatus", status: "closed" } });
    await expectText(notice(page), fill(en["surveys.changed"], { n: 2 }));
    for (const id of [103, 108]) await expectText(row(page, id).locator('[data-col="status"]'), `✓ ${en["surveys.status.closed"]}`);
    await eventually(async () => assert.equal(await page.getByTestId("survey-bulk").isVisible(), false));
    // Only those two changed; "not reviewed" no longer lists them.
    await page.getByTestId("survey-filter-reviewed").selectOption("no");
    await expectRows(page, [101, 102, 114, 105, 106, 113]);
    // The page's box selects every row on it, then the follow-up goes to all of them.
    await page.getByTestId("survey-select-page").check();
    await expectText(page.getByTestId("survey-bulk-count"), fill(en["surveys.bulk.selected"], { n: 6 }));
    await page.getByTestId("survey-bulk-owner").selectOption("zhao.min");
    await page.getByTestId("survey-bulk-assign").click();
    await expectInvoked(page, "survey_review", { ids: [101, 102, 105, 106, 113, 114], action: { kind: "followUp", owner: "zhao.min", dueMs: null } });
  });

  it("a quality manager adds a tag to the managed list and can use it at once", { profile: "qualityManager" }, async ({ page, en }) => {
    await openSurveys(page);
    await page.getByTestId("survey-tag-admin").locator("summary").click();
    await page.getByTestId("survey-tag-key").fill("refund_delay");
    await page.getByTestId("survey-tag-en").fill("Refund delay");
    await page.getByTestId("survey-tag-zh").fill("退款延迟");
    await page.getByTestId("survey-tag-save").click();
    await expectInvoked(page, "survey_save_tag", { tag: { name: "refund_delay", labelEn: "Refund delay", labelZh: "退款延迟", retired: false } });
    await expectText(notice(page), fill(en["surveys.tags.saved"], { tag: "refund_delay" }));
    await eventually(async () => assert.ok((await page.getByTestId("survey-filter-tag").locator("option").allInnerTexts()).includes("Refund delay")));
    // Retiring one takes it off the tag picker.
    await page.getByTestId("survey-tag-toggle-praise").click();
    await row(page, 102).click();
    await page.getByTestId("survey-detail-title").waitFor();
    await eventually(async () => {
      const offered = await page.getByTestId("survey-tag-pick").locator("option").evaluateAll((os) => os.map((o) => o.value));
      assert.ok(offered.includes("refund_delay") && !offered.includes("praise"), `offered: ${offered}`);
    });
  });

  it("a night-shift lead sees no tag list to keep (that is the quality manager's)", async ({ page }) => {
    await openSurveys(page);
    assert.equal(await page.getByTestId("survey-tag-admin").isVisible(), false);
  });

  it("in Chinese the view's labels, reasons, statuses and chips are translated", async ({ page, zh }) => {
    await openSurveys(page);
    await page.getByTestId("lang-toggle").click();
    await expectText(page.getByTestId("nav-surveys"), zh["nav.surveys"]);
    await expectText(page.getByTestId("survey-sort-label"), zh["surveys.sort"]);
    await expectText(page.getByTestId("survey-table").locator("th").nth(2), zh["surveys.col.time"]);
    await expectText(row(page, 101).locator(".survey-need").first(), `▼ ${zh["surveys.need.detractor"]}`);
    await expectText(row(page, 107).locator('[data-col="status"]'), `✓ ${zh["surveys.status.closed"]}`);
    await expectText(row(page, 104).locator('[data-col="tags"]'), "流程问题");
    await expectText(row(page, 101).locator('[data-col="site"]'), "华东");
    assert.equal(await page.locator('[data-testid="survey-sort"] option[value="need"]').textContent(), zh["surveys.sort.need"]);
    await page.getByTestId("survey-filter-site").selectOption("east");
    await expectText(page.getByTestId("survey-chip-site"), `${fill(zh["surveys.chip.field"], { label: zh["surveys.filter.site"], value: "华东" })} ×`);
    await expectText(page.getByTestId("survey-range"), fill(zh["surveys.range"], { from: 1, to: 7, total: 7 }));
    await row(page, 109).click();
    await expectText(page.getByTestId("survey-follow-up-current"), fill(zh["surveys.detail.followUpSet"], { owner: "赵敏", due: "2025-03-15" }));
    await screenshot(page, "surveys.detail.zh-CN");
  });

  it("a role that may not review surveys is told so instead of seeing the queue", { profile: "wallboard" }, async ({ page, en }) => {
    await showView(page, "surveys", "tab");
    await expectText(page.getByTestId("surveys-not-permitted"), en["surveys.notPermitted"]);
    assert.equal(await page.getByTestId("survey-work").isVisible(), false);
    await showView(page, "wallboard");
    await showView(page, "surveys", "key");
    await expectText(page.getByTestId("surveys-not-permitted"), en["surveys.notPermitted"]);
    for (const cmd of ["survey_page", "survey_tags", "survey_people"]) assert.deepEqual(await invoked(page, cmd), [], `${cmd} was not asked`);
  });

  it("a refused page is explained and the next one is asked again", async ({ page, en }) => {
    await page.evaluate(() => window.__fw.fail("survey_page", { code: "survey.store", message: "database is locked" }));
    await showView(page, "surveys");
    await expectText(page.getByTestId("survey-error"), fill(en["surveys.loadFailed"], { reason: `${en["surveys.err.survey.store"]} (database is locked)` }));
    await page.getByTestId("survey-filter-status").selectOption("new");
    await expectRows(page, [101, 102, 103, 114, 105, 106, 108, 113]);
    assert.equal(await page.getByTestId("survey-error").isVisible(), false);
  });
});
