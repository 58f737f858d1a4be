// The survey service on the Surveys view's Import tab, in a real browser with the Tauri IPC
// mocked (./surveyPullFixtures.ts): no service configured, the status of a configured one, a
// pull on demand that stores surveys and one held back by bad items, a pull that is running
// or cannot run, a floor supervisor who may read but not pull, and the Chinese labels.

import assert from "node:assert/strict";
import { describe } from "node:test";
import { eventually, expectContains, expectText, fill, invoked, screenshot, showView } from "./env.mjs";
import { consoleSuite, notice } from "./suite.mjs";

const { it } = consoleSuite();

const URL = "https://surveys.example.com/v1/responses";
/** The fixtures' last scheduled pull, and "Pull now" at the fixtures' now, in Shanghai. */
const LAST_PULL = "2025-03-14 22:25";
const PULLED_NOW = "2025-03-14 22:30";

const byId = (page, id) => page.getByTestId(id);

async function openImport(page) {
  await showView(page, "surveys");
  await page.getByTestId("survey-tab-import").click();
  await eventually(async () => assert.equal(await page.getByTestId("survey-panel-import").isVisible(), true));
}

/** Changes the fake survey service before the tab asks for its status. */
function setPull(page, change, arg) {
  return page.evaluate(change, arg);
}

describe("survey service pull", () => {
  it("with no survey service configured, says so and how to configure one", { profile: "qualityManager" }, async ({ page, en }) => {
    await setPull(page, () => {
      window.__fw.state.surveyPull.status = null;
    });
    await openImport(page);
    await expectText(byId(page, "survey-pull-none"), en["surveys.pull.none"]);
    const text = await byId(page, "survey-pull-none").innerText();
    assert.ok(text.includes("FLOORWALKER_SURVEY_URL") && text.includes("floorwalker-credentials set --survey URL"), text);
    for (const id of ["survey-pull-url", "survey-pull-state", "survey-pull-last", "survey-pull-now"]) assert.equal(await byId(page, id).isVisible(), false, id);
    // Surveys still come in by file.
    assert.equal(await byId(page, "survey-import-file").isVisible(), true);
  });

  it("configured: the status, then Pull now stores surveys, reports the counts and refreshes the queue", { profile: "qualityManager" }, async ({ page, en }) => {
    await openImport(page);
    await expectText(byId(page, "survey-pull-url"), URL);
    await expectText(byId(page, "survey-pull-every"), fill(en["surveys.pull.every"], { n: 5 }));
    await expectText(byId(page, "survey-pull-state"), en["surveys.pull.state.idle"]);
    assert.equal(await byId(page, "survey-pull-state").getAttribute("data-state"), "idle");
    await expectText(byId(page, "survey-pull-success"), LAST_PULL);
    const last = byId(page, "survey-pull-last");
    await expectText(last.getByTestId("survey-pull-last-when"), fill(en["surveys.pull.lastWhen"], { when: LAST_PULL, who: en["surveys.pull.scheduled"] }));
    await expectText(last.getByTestId("survey-pull-last-counts"), fill(en["surveys.pull.counts"], { received: 40, stored: 38, duplicates: 2, pages: 1, retries: 0 }));
    assert.equal(await byId(page, "survey-pull-problems").isVisible(), false);
    assert.equal(await byId(page, "survey-pull-error").isVisible(), false);
    assert.equal(await byId(page, "survey-pull-result").isVisible(), false);

    const pagesBefore = (await invoked(page, "survey_page")).length;
    await byId(page, "survey-pull-now").click();
    const headline = fill(en["surveys.pull.outcome.stored"], { stored: 117, duplicates: 3 });
    await expectText(byId(page, "survey-pull-result"), headline);
    assert.equal(await byId(page, "survey-pull-result").getAttribute("data-outcome"), "stored");
    await expectText(last.getByTestId("survey-pull-last-counts"), fill(en["surveys.pull.counts"], { received: 120, stored: 117, duplicates: 3, pages: 2, retries: 1 }));
    await expectText(last.getByTestId("survey-pull-last-when"), fill(en["surveys.pull.lastWhen"], { when: PULLED_NOW, who: fill(en["surveys.pull.byUser"], { name: "赵敏" }) }));
    await expectText(byId(page, "survey-pull-success"), PULLED_NOW);
    await expectContains(notice(page), headline);
    // Stored surveys: the review queue is asked again.
    await eventually(async () => assert.ok((await invoked(page, "survey_page")).length > pagesBefore, "the queue was reloaded"));
    assert.equal((await invoked(page, "survey_pull_now")).length, 1);
    await screenshot(page, "surveys.pull.en");
  });

  it("a pull held back by bad items lists them with their record numbers and how many there are", { profile: "qualityManager" }, async ({ page, en, fixtures }) => {
    const HELD_BACK = fixtures.pullHeldBack;
    await setPull(page, (next) => {
      window.__fw.state.surveyPull.next = next;
    }, HELD_BACK);
    await openImport(page);
    await expectText(byId(page, "survey-pull-state"), en["surveys.pull.state.idle"]);
    const pagesBefore = (await invoked(page, "survey_page")).length;
    await byId(page, "survey-pull-now").click();
    await expectText(byId(page, "survey-pull-result"), fill(en["surveys.pull.outcome.heldBack"], { problems: "1,204" }));
    assert.equal(await byId(page, "survey-pull-result").getAttribute("data-outcome"), "heldBack");
    const rows = byId(page, "survey-pull-problem");
    await eventually(async () => assert.equal(await rows.count(), 2));
    assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-line"))), ["3", "41"]);
    await expectText(rows.nth(1).locator("td").nth(1), HELD_BACK.problems[1].reason);
    await expectText(byId(page, "survey-pull-problems-note"), fill(en["surveys.import.listedOf"], { listed: 2, total: "1,204" }));
    await expectText(byId(page, "survey-pull-error"), fill(en["surveys.pull.error"], { reason: HELD_BACK.error }));
    await expectText(byId(page, "survey-pull-last-counts"), fill(en["surveys.pull.counts"], { received: "1,250", stored: 0, duplicates: 0, pages: 13, retries: 0 }));
    // Nothing stored: the last success stays, and the queue is not asked again for nothing.
    await expectText(byId(page, "survey-pull-success"), LAST_PULL);
    assert.equal((await invoked(page, "survey_page")).length, pagesBefore);
    await screenshot(page, "surveys.pull.heldBack.en");
  });

  it("while a pull runs, or when it cannot run, Pull now waits and the state says why", { profile: "qualityManager" }, async ({ page, en }) => {
    await setPull(page, () => {
      window.__fw.state.surveyPull.status.state = { kind: "pulling" };
    });
    await openImport(page);
    await expectText(byId(page, "survey-pull-state"), en["surveys.pull.state.pulling"]);
    assert.equal(await byId(page, "survey-pull-now").isDisabled(), true);

    // The state is asked again when the tab is shown again.
    const reason = "no token for https://surveys.example.com/v1/responses: run floorwalker-credentials set --survey";
    await setPull(page, (why) => {
      window.__fw.state.surveyPull.status.state = { kind: "unavailable", reason: why };
    }, reason);
    const asked = (await invoked(page, "survey_pull_status")).length;
    await page.getByTestId("survey-tab-queue").click();
    await page.getByTestId("survey-tab-import").click();
    await expectText(byId(page, "survey-pull-state"), fill(en["surveys.pull.state.unavailable"], { reason }));
    assert.equal(await byId(page, "survey-pull-state").getAttribute("data-state"), "unavailable");
    assert.ok((await invoked(page, "survey_pull_status")).length > asked);
    assert.equal(await byId(page, "survey-pull-now").isDisabled(), true);
    assert.deepEqual(await invoked(page, "survey_pull_now"), []);
  });

  it("a floor supervisor sees the service's state but no Pull now and no file import", { profile: "floorSupervisor" }, async ({ page, en }) => {
    await openImport(page);
    await expectText(byId(page, "survey-pull-url"), URL);
    await expectText(byId(page, "survey-pull-state"), en["surveys.pull.state.idle"]);
    assert.equal(await byId(page, "survey-pull-last").isVisible(), true);
    assert.equal(await byId(page, "survey-pull-now").isVisible(), false);
    assert.equal(await byId(page, "survey-import").isVisible(), false);
    assert.deepEqual(await invoked(page, "survey_pull_now"), []);
  });

  it("in Chinese the survey service is described and a pull reported in Chinese", { profile: "qualityManager" }, async ({ page, zh }) => {
    await showView(page, "surveys");
    await page.getByTestId("lang-toggle").click();
    await openImport(page);
    await expectText(byId(page, "survey-pull").locator("h3"), zh["surveys.pull.title"]);
    await expectText(byId(page, "survey-pull-state"), zh["surveys.pull.state.idle"]);
    await expectText(byId(page, "survey-pull-every"), fill(zh["surveys.pull.every"], { n: 5 }));
    await expectText(byId(page, "survey-pull-last-when"), fill(zh["surveys.pull.lastWhen"], { when: LAST_PULL, who: zh["surveys.pull.scheduled"] }));
    await expectText(byId(page, "survey-pull-now"), zh["surveys.pull.now"]);
    await byId(page, "survey-pull-now").click();
    await expectText(byId(page, "survey-pull-result"), fill(zh["surveys.pull.outcome.stored"], { stored: 117, duplicates: 3 }));
    await expectText(byId(page, "survey-pull-last-counts"), fill(zh["surveys.pull.counts"], { received: 120, stored: 117, duplicates: 3, pages: 2, retries: 1 }));
    await screenshot(page, "surveys.pull.zh-CN");

    // And the explanation when no service is configured.
    await setPull(page, () => {
      window.__fw.state.surveyPull.status = null;
    });
    await page.getByTestId("survey-tab-queue").click();
    await page.getByTestId("survey-tab-import").click();
    await expectText(byId(page, "survey-pull-none"), zh["surveys.pull.none"]);
  });
});
