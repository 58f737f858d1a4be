// The survey tools in a real browser with the Tauri IPC mocked (./surveyQaFixtures.ts): the
// sub-view tabs by role, an import from preview through the column mapping to a report with
// bad rows and then a stored file, the CSV export with its replace step, blind scoring (a
// rater sees only their own sheet until the round is complete, then every sheet and each
// item's spread), the agreement table, the trend chart with its small-sample marks, and the
// Chinese labels.

import assert from "node:assert/strict";
import { describe } from "node:test";
import { eventually, expectContains, expectInvoked, expectText, fill, invoked, screenshot, showView } from "./env.mjs";
import { consoleSuite, notice } from "./suite.mjs";

const { it } = consoleSuite();

async function openTab(page, tab) {
  await showView(page, "surveys");
  await page.getByTestId(`survey-tab-${tab}`).click();
  await eventually(async () => assert.equal(await page.getByTestId(`survey-panel-${tab}`).isVisible(), true));
}

const BAD_CSV = ["通话ID,评价时间,满意度,备注", "A-1,2025-03-14 09:30,5,很好", "A-2,2025-03-14 10:00,9,太慢", "A-3,,4,", ""].join("\n");
const GOOD_CSV = ["通话ID,评价时间,满意度,备注", "A-1,2025-03-14 09:30,5,很好", "A-2,2025-03-14 10:00,2,太慢", "A-3,2025-03-14 11:00,4,"].join("\n");

describe("survey tools", () => {
  it("a quality manager imports: preview, a corrected mapping, a report with bad rows, then the fixed file", { profile: "qualityManager" }, async ({ page, en, fixtures }) => {
    await openTab(page, "import");
    await page.getByTestId("survey-import-file").setInputFiles({ name: "三月回访.csv", mimeType: "text/csv", buffer: Buffer.from(BAD_CSV) });
    // The bytes crossed once, as a raw body, with the name (percent-encoded) and layout in headers.
    // The file is read and staged asynchronously after the pick: wait for it.
    const staged = await eventually(async () => {
      const calls = await invoked(page, "survey_import_stage");
      assert.equal(calls.length, 1);
      return calls;
    });
    assert.equal(staged[0].text, BAD_CSV);
    assert.equal(staged[0].headers["x-fw-file-name"], encodeURIComponent("三月回访.csv"));
    assert.equal(staged[0].headers["x-fw-format"], "csv");
    await expectText(page.getByTestId("survey-import-fileinfo"), `三月回访.csv · 1 KB`);
    const headers = await page.getByTestId("survey-import-preview").locator("thead th").allInnerTexts();
    assert.deepEqual(headers, ["通话ID", "评价时间", "满意度", "备注"]);
    assert.equal(await page.getByTestId("survey-import-sample-row").count(), 3);
    // The guess: the call, the CSAT and the comment; the time is not recognised, so it waits.
    assert.equal(await page.getByTestId("survey-import-map-callRef").inputValue(), "通话ID");
    assert.equal(await page.getByTestId("survey-import-map-csat").inputValue(), "满意度");
    assert.equal(await page.getByTestId("survey-import-map-nps").inputValue(), "");
    await expectText(page.getByTestId("survey-import-missing"), fill(en["surveys.import.missing"], { fields: en["surveys.import.field.answeredAt"] }));
    assert.equal(await page.getByTestId("survey-import-run").isDisabled(), true);
    await page.getByTestId("survey-import-map-answeredAt").selectOption("评价时间");
    assert.equal(await page.getByTestId("survey-import-missing").isVisible(), false);
    assert.equal(await page.getByTestId("survey-import-offset").inputValue(), "480");
    await page.getByTestId("survey-import-run").click();
    // All or nothing: two bad rows, each with its line and reason; nothing stored.
    await expectText(page.getByTestId("survey-import-summary"), fill(en["surveys.import.outcome.refusedRows"], { file: "三月回访.csv", problems: 2 }));
    const problems = page.getByTestId("survey-import-problem");
    assert.deepEqual(await problems.evaluateAll((rows) => rows.map((r) => r.dataset.line)), ["3", "4"]);
    await expectContains(problems.first(), 'CSAT "9" is not 1–5');
    await expectContains(problems.nth(1), 'the time "" is not a date');
    const asked = (await invoked(page, "survey_import")).at(-1);
    assert.equal(asked.mapping.answeredAt, "评价时间");
    assert.equal(asked.mapping.nps, null);
    assert.equal(asked.skipDuplicates, false);
    assert.equal(await page.evaluate(() => window.__fw.state.surveys.length), fixtures.surveys.length);
    await screenshot(page, "surveys.import.refused.en");

    // The corrected file, with one call already stored: refused unless told to skip it.
    await page.evaluate(() => {
      window.__fw.state.surveys[0].callRef = "A-2";
    });
    await page.getByTestId("survey-import-file").setInputFiles({ name: "三月回访-修正.csv", mimeType: "text/csv", buffer: Buffer.from(GOOD_CSV) });
    await expectText(page.getByTestId("survey-import-fileinfo"), `三月回访-修正.csv · 1 KB`);
    await page.getByTestId("survey-import-map-answeredAt").selectOption("评价时间");
    await page.getByTestId("survey-import-run").click();
    await expectText(page.getByTestId("survey-import-summary"), fill(en["surveys.import.outcome.refusedDuplicates"], { file: "三月回访-修正.csv", duplicates: 1, rows: 3 }));
    await expectContains(page.getByTestId("survey-import-duplicate"), "A-2");
    await page.getByTestId("survey-import-skip").check();
    await page.getByTestId("survey-import-run").click();
    await expectText(page.getByTestId("survey-import-summary"), fill(en["surveys.import.outcome.stored"], { file: "三月回访-修正.csv", stored: 2, rows: 3, duplicates: 1 }));
    assert.equal(await page.evaluate(() => window.__fw.state.surveys.length), fixtures.surveys.length + 2);
    assert.equal(await page.getByTestId("survey-import-run").isVisible(), false, "the stored file is let go");
  });

  it("exports the filtered queue to the prefilled path, and replaces a file only when told", { profile: "qualityManager" }, async ({ page, en }) => {
    await showView(page, "surveys");
    await page.getByTestId("survey-filter-site").selectOption("east");
    await page.getByTestId("survey-export-open").click();
    const path = "/home/zhao.min/Downloads/floorwalker-surveys-2025-03-14-2230.csv";
    await eventually(async () => assert.equal(await page.getByTestId("survey-export-path").inputValue(), path));
    await page.getByTestId("survey-export-run").click();
    await expectText(page.getByTestId("survey-export-result"), fill(en["surveys.export.done"], { rows: 7, path }));
    await expectInvoked(page, "survey_export", { filter: { site: "east" }, sort: "need", path, overwrite: false });
    await page.getByTestId("survey-export-run").click();
    await expectText(page.getByTestId("survey-export-exists"), fill(en["surveys.export.exists"], { path }));
    await page.getByTestId("survey-export-replace").click();
    await expectInvoked(page, "survey_export", { filter: { site: "east" }, sort: "need", path, overwrite: true });
    await expectText(notice(page), fill(en["surveys.export.done"], { rows: 7, path }));
    assert.equal(await page.getByTestId("survey-export-exists").isVisible(), false);
  });

  it("a rater scores blind: only their own sheet until the last rater hands in, then every sheet and the spread", { profile: "qualityManager" }, async ({ page, en }) => {
    await openTab(page, "scoring");
    const row = page.locator('[data-testid="survey-round-row"][data-id="7"]');
    await expectText(row.locator('[data-col="progress"]'), fill(en["surveys.qa.progress"], { done: 1, of: 3 }));
    assert.equal(await row.getAttribute("data-state"), "yourTurn");
    await expectText(page.getByTestId("survey-rounds-waiting"), fill(en["surveys.qa.waiting"], { n: 1 }));
    await row.getByTestId("survey-round-open").click();
    await expectText(page.getByTestId("survey-round-progress"), fill(en["surveys.qa.progress"], { done: 1, of: 3 }));
    // li.na's sheet never reached the page.
    const shown = (await invoked(page, "survey_qa_round")).length;
    assert.equal(shown, 1);
    const round = await page.getByTestId("survey-round").innerText();
    assert.ok(!round.includes("语气生硬"), "another rater's comment is not shown");
    assert.equal(await page.getByTestId("survey-round-sheets").count(), 0);
    // The sheet: every item on its scale, bilingual labels; unscored items are named.
    await expectContains(page.getByTestId("survey-sheet"), "Greeting and identification (1–5)");
    await page.getByTestId("survey-score-greeting").selectOption("4");
    await page.getByTestId("survey-score-submit").click();
    await expectText(page.getByTestId("survey-score-problem"), fill(en["surveys.qa.unscored"], { item: "Resolution" }));
    await page.getByTestId("survey-score-resolution").selectOption("2");
    await page.getByTestId("survey-score-empathy").selectOption("4");
    await page.getByTestId("survey-score-comment").fill("解决方案不完整");
    await page.getByTestId("survey-score-submit").click();
    await expectInvoked(page, "survey_qa_submit", {
      id: 7,
      values: [
        { key: "greeting", value: 4 },
        { key: "resolution", value: 2 },
        { key: "empathy", value: 4 },
      ],
      comment: "解决方案不完整",
    });
    await expectText(page.getByTestId("survey-round-progress"), fill(en["surveys.qa.progress"], { done: 2, of: 3 }));
    await expectContains(page.getByTestId("survey-round-own"), "Resolution");
    assert.equal(await page.getByTestId("survey-round-sheets").count(), 0, "still blind: sun.li has not scored");
    await eventually(async () => assert.equal(await row.getAttribute("data-state"), "waitingOthers"));

    // The last rater hands in: every sheet side by side, with each item's spread.
    await page.evaluate(() => {
      window.__fw.state.qaRounds.find((r) => r.id === 7).sheets.push({
        rater: "sun.li",
        values: [
          { key: "greeting", value: 3 },
          { key: "resolution", value: 5 },
          { key: "empathy", value: 4 },
        ],
        comment: null,
      });
    });
    await page.getByTestId("survey-rounds-refresh").click();
    await eventually(async () => assert.equal(await row.getAttribute("data-state"), "complete"));
    await row.getByTestId("survey-round-open").click();
    const sheets = page.getByTestId("survey-round-sheets");
    await expectContains(sheets, "李娜");
    const cells = (item) => sheets.locator(`tr[data-item="${item}"] td[data-rater]`).allInnerTexts();
    assert.deepEqual(await cells("resolution"), ["1", "5", "2"]);
    await expectText(page.getByTestId("survey-round-spread-resolution"), `⚠ ${fill(en["surveys.qa.spreadText"], { mean: "2.7", range: "1–5", sd: "1.70" })}`);
    assert.equal(await page.getByTestId("survey-round-spread-resolution").getAttribute("data-wide"), "true");
    await expectText(page.getByTestId("survey-round-spread-empathy"), fill(en["surveys.qa.spreadText"], { mean: "4.3", range: "4–5", sd: "0.47" }));
    await expectContains(page.getByTestId("survey-round-comments"), "语气生硬");
    await screenshot(page, "surveys.scoring.complete.en");
  });

  it("a quality manager starts blind scoring from a survey and samples the filter for three raters", { profile: "qualityManager" }, async ({ page, en }) => {
    await showView(page, "surveys");
    await page.locator('[data-testid="survey-row"][data-id="103"]').click();
    await page.getByTestId("survey-qa-start").click();
    await page.getByTestId("survey-qa-form").selectOption("1");
    await page.getByTestId("survey-qa-rater-li.na").check();
    await page.getByTestId("survey-qa-rater-sun.li").check();
    assert.equal(await page.getByTestId("survey-qa-open").isDisabled(), true, "two raters are not enough");
    await page.getByTestId("survey-qa-rater-zhao.min").check();
    await page.getByTestId("survey-qa-open").click();
    await expectInvoked(page, "survey_qa_open_round", { surveyId: 103, formId: 1, raters: ["li.na", "sun.li", "zhao.min"] });
    await expectText(notice(page), fill(en["surveys.qa.opened"], { id: 20, survey: 103 }));
    await expectContains(page.locator('[data-testid="survey-qa-round"][data-id="20"]'), fill(en["surveys.qa.progress"], { done: 0, of: 3 }));

    await page.getByTestId("survey-filter-site").selectOption("north");
    await page.getByTestId("survey-tab-scoring").click();
    await page.getByTestId("survey-sample-permille").fill("500");
    await page.getByTestId("survey-sample-seed").fill("4242");
    for (const r of ["li.na", "root", "sun.li"]) await page.getByTestId(`survey-rater-${r}`).check();
    await page.getByTestId("survey-sample-run").click();
    await expectInvoked(page, "survey_qa_sample", { filter: { site: "north" }, perMille: 500, seed: 4242, formId: 1, raters: ["li.na", "root", "sun.li"] });
    await expectText(notice(page), fill(en["surveys.qa.sampled"], { n: 2, seed: 4242 }));
  });

  it("the agreement table reads alpha per item, and says when there is too little data", { profile: "qualityManager" }, async ({ page, en }) => {
    await openTab(page, "agreement");
    const table = page.getByTestId("survey-agreement-table");
    await expectText(page.getByTestId("survey-agreement-rounds"), fill(en["surveys.agreement.rounds"], { complete: 12, open: 1 }));
    const band = (key) => table.locator(`[data-key="${key}"]`).getAttribute("data-band");
    await eventually(async () => assert.deepEqual([await band("greeting"), await band("resolution"), await band("empathy")], ["good", "tentative", "calibrate"]));
    await expectText(table.locator('[data-key="empathy"] [data-col="alpha"]'), "0.420");
    await expectText(table.locator('[data-key="empathy"] [data-col="reading"]'), `! ${en["surveys.agreement.band.calibrate"]}`);
    await expectText(table.locator('[data-key="greeting"] [data-col="units"]'), "12");
    await expectContains(page.getByTestId("survey-agreement-help"), en["surveys.agreement.help.good"]);
    assert.equal(await page.getByTestId("survey-agreement-none").isVisible(), false);
    await page.getByTestId("survey-agreement-form").selectOption("2");
    await expectText(page.getByTestId("survey-agreement-none"), en["surveys.agreement.notEnough"]);
    await expectText(table.locator('[data-key="accuracy"] [data-col="alpha"]'), "—");
  });

  it("the trend chart comes from the backend as SVG, with small samples marked in it and in the table", async ({ page, en }) => {
    await openTab(page, "trends");
    await page.getByTestId("survey-filter-site").selectOption("east");
    await page.getByTestId("survey-trend-metric").selectOption("nps");
    await page.getByTestId("survey-trend-grouping").selectOption("site");
    await expectInvoked(page, "survey_trends", { filter: { site: "east" }, grouping: "site", interval: "day", metric: "nps", dark: true, centreLabel: en["surveys.trends.centre"] });
    const src = await page.getByTestId("survey-trend-chart").getAttribute("src");
    const svg = decodeURIComponent(src.replace(/^data:image\/svg\+xml;charset=utf-8,/, ""));
    assert.ok(svg.includes("n=5") && svg.includes("nps"), svg);
    await expectText(page.getByTestId("survey-trend-small"), fill(en["surveys.trends.small"], { n: 2, min: 30 }));
    const cell = (bucket, group) => page.locator(`[data-testid="survey-trend-row"][data-bucket="${bucket}"] td[data-group="${group}"]`);
    await expectText(cell("03-14", "east"), "+60 · n=5 ⚠");
    assert.equal(await cell("03-14", "east").getAttribute("data-small"), "true");
    await expectText(cell("03-12", "east"), "+80 · n=60");
    assert.equal(await cell("03-12", "east").getAttribute("data-small"), "false");
    await expectContains(page.getByTestId("survey-trend-table").locator("thead"), "East");
    assert.equal(await page.getByTestId("survey-trend-row").count(), 3);
    await screenshot(page, "surveys.trends.en");
  });

  it("a floor supervisor sees the queue, the trends and the survey service only: no export, scoring or file import", { profile: "floorSupervisor" }, async ({ page }) => {
    await showView(page, "surveys");
    await eventually(async () => assert.equal(await page.getByTestId("survey-tab-trends").isVisible(), true));
    for (const tab of ["scoring", "agreement"]) assert.equal(await page.getByTestId(`survey-tab-${tab}`).isVisible(), false, tab);
    // The Import tab shows them whether surveys arrive from the survey service, not the file import.
    await page.getByTestId("survey-tab-import").click();
    await eventually(async () => assert.equal(await page.getByTestId("survey-pull").isVisible(), true));
    assert.equal(await page.getByTestId("survey-import").isVisible(), false);
    await page.getByTestId("survey-tab-queue").click();
    assert.equal(await page.getByTestId("survey-export-open").isVisible(), false);
    for (const cmd of ["survey_qa_forms", "survey_qa_raters", "survey_qa_rounds"]) assert.deepEqual(await invoked(page, cmd), [], `${cmd} was not asked`);
    // The tabs are one keyboard stop: arrows move between the ones shown.
    await page.getByTestId("survey-tab-queue").focus();
    await page.keyboard.press("ArrowRight");
    await eventually(async () => assert.equal(await page.getByTestId("survey-tab-trends").getAttribute("aria-selected"), "true"));
  });

  it("in Chinese the tabs, the scoring progress, the agreement reading and the trend table are translated", { profile: "qualityManager" }, async ({ page, zh }) => {
    await showView(page, "surveys");
    await page.getByTestId("lang-toggle").click();
    await expectText(page.getByTestId("survey-tab-scoring"), zh["surveys.tab.scoring"]);
    await expectText(page.getByTestId("survey-tab-agreement"), zh["surveys.tab.agreement"]);
    await page.getByTestId("survey-tab-scoring").click();
    const row = page.locator('[data-testid="survey-round-row"][data-id="7"]');
    await expectText(row.locator('[data-col="progress"]'), fill(zh["surveys.qa.progress"], { done: 1, of: 3 }));
    await row.getByTestId("survey-round-open").click();
    await expectContains(page.getByTestId("survey-sheet"), "开场问候与身份确认（1–5）".replace("（", " (").replace("）", ")"));
    await page.getByTestId("survey-tab-agreement").click();
    await expectText(page.locator('[data-key="empathy"] [data-col="reading"]'), `! ${zh["surveys.agreement.band.calibrate"]}`);
    await expectContains(page.getByTestId("survey-agreement-help"), zh["surveys.agreement.help.calibrate"]);
    await page.getByTestId("survey-tab-trends").click();
    await expectText(page.getByTestId("survey-trend-table").locator("caption"), zh["surveys.trends.caption"]);
    await expectText(page.getByTestId("survey-trend-total").locator("th"), zh["surveys.trends.total"]);
    await page.getByTestId("survey-tab-import").click();
    await expectText(page.getByTestId("survey-import").locator("h3"), zh["surveys.import.title"]);
    await screenshot(page, "surveys.agreement.zh-CN");
  });
});
