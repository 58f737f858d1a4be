// The language switch in a real browser with the Tauri IPC mocked: every view's visible
// text in Chinese with no English left behind, and back to English, with a screenshot of each
// view in both languages.

import assert from "node:assert/strict";
import { describe } from "node:test";
import { VIEWS, eventually, screenshot, showView } from "./env.mjs";
import { consoleSuite, tile } from "./suite.mjs";

const { it } = consoleSuite();

describe("language", () => {
  /** Everything a person sees: rendered text, placeholders of visible fields, and the options
   * of visible drop-downs. */
  const visibleText = (page) =>
    page.evaluate(() => {
      const texts = [];
      const shown = (el) => el.checkVisibility({ visibilityProperty: true });
      // Text as written (innerText would apply CSS text-transform and hide an English "QUEUES").
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (node.data.trim() && parent && !parent.closest("select") && shown(parent)) texts.push(node.data);
      }
      for (const el of document.querySelectorAll("input[placeholder]")) if (shown(el)) texts.push(el.placeholder);
      for (const select of document.querySelectorAll("select"))
        if (shown(select)) for (const option of select.options) if (!option.hidden) texts.push(option.text);
      return texts.join("\n");
    });

  /** English messages still on screen that have a different Chinese translation. Fragments
   * between placeholders are matched as whole words; one that also appears in some Chinese
   * message (a product name, "CSV") is not an untranslated string. Data from the backend
   * (names, queue ids, the platform's own words) is not the console's to translate; the
   * fixtures keep it free of the console's English phrases. */
  function untranslated(text, en, zh) {
    const zhAll = Object.values(zh).join("\n");
    const found = [];
    for (const [key, english] of Object.entries(en)) {
      if (english === zh[key]) continue;
      for (const fragment of english.split(/\{\w+\}/).map((f) => f.trim())) {
        if (!/[A-Za-z]{2}/.test(fragment) || zhAll.includes(fragment)) continue;
        const escaped = fragment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        // Whole words, and not inside an identifier such as the user name "zhao.min".
        if (new RegExp(`(?<![\\w.@/-])${escaped}(?![\\w@/-]|\\.\\w)`).test(text)) found.push(`${key}: "${fragment}"`);
      }
    }
    return found;
  }

  /** Shows `view` and waits for its content, so the screenshot and the text check see it. */
  async function showWithContent(page, view) {
    await showView(page, view);
    const content = {
      wallboard: '[data-testid="queue-tile-32"]',
      agents: '[data-testid="agent-row"][data-agent="1014"]',
      calls: '[data-testid="call-row"][data-call="9105"]',
      alerts: '[data-testid="alert-9"]',
      connection: '[data-testid="conn-platform"]',
      audit: '[data-testid="audit-row"]',
      settings: '[data-testid="settings-permissions"] li',
      routing: '[data-testid="routing-none"]',
      surveys: '[data-testid="survey-row"][data-id="101"]',
    }[view];
    await page.locator(content).first().waitFor({ state: "visible" });
  }

  it("中文 translates the tabs and every visible label of every view, and EN switches back", async ({ page, en, zh }) => {
    const tabs = () => Promise.all(VIEWS.map((v) => page.getByTestId(`nav-${v.name}`).innerText()));
    await tile(page, 32).waitFor();
    assert.deepEqual(await tabs(), VIEWS.map((v) => en[`nav.${v.name}`]));
    // The check below does find English where there is English.
    const english = untranslated(await visibleText(page), en, zh);
    assert.ok(english.length > 20 && english.some((f) => f.startsWith("m.waiting:")), `the English wallboard: ${english}`);
    await page.getByTestId("lang-toggle").click();
    await eventually(async () => assert.deepEqual(await tabs(), VIEWS.map((v) => zh[`nav.${v.name}`])));
    assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN");

    // A few labels of each view, then everything on screen: no English left behind.
    const labels = {
      wallboard: [[".kpi-scope", "kpi.scope"], ['[data-testid="site-1"] .stat-label >> nth=0', "m.waiting"], ["footer .keys", "footer.keys"]],
      agents: [['[data-testid="agents-sort-name"]', "agentsCol.name"], ['[data-testid="agent-row"][data-agent="1002"] [data-col="state"]', "agentState.available"]],
      calls: [['[data-testid="calls-filter-all"]', "calls.filter.all"], ['[data-testid="call-row"][data-call="9103"] td >> nth=5', "phase.ivr"], ['[data-testid="call-row"][data-call="9105"] [data-testid="fees-waived"]', "calls.feesWaived"]],
      alerts: [['[data-testid="alert-9"] .alert-title', "alert.kind.noAgentAvailable"], ['[data-testid="alert-ack-9"]', "alerts.ack"]],
      connection: [['[data-testid="conn-meaning"]', "conn.meaning.connected"]],
      audit: [['[data-testid="audit-apply"]', "audit.apply"], ['[data-testid="audit-scope"]', "audit.everyone"]],
      settings: [['[data-testid="settings-profile"]', "settings.profile"], ['[data-testid="settings-role"]', "role.nightShiftLead"]],
      routing: [['[data-testid="routing-preview"]', "routing.preview"], ['[data-testid="routing-none"]', "routing.noneActive"]],
      surveys: [['[data-testid="survey-sort-label"]', "surveys.sort"], ['[data-testid="survey-row"][data-id="101"] .survey-need >> nth=0', "surveys.need.detractor"], ['[data-testid="survey-detail-none"]', "surveys.detail.none"]],
    };
    for (const view of VIEWS.map((v) => v.name)) {
      await showWithContent(page, view);
      for (const [selector, key] of labels[view]) {
        const shown = (await page.locator(selector).innerText()).trim();
        const expected = zh[key];
        assert.ok(shown === expected || shown.includes(expected), `${view}: ${selector} shows "${shown}", not zh "${expected}" (${key})`);
      }
      await eventually(async () => assert.deepEqual(untranslated(await visibleText(page), en, zh), [], `English left in the Chinese ${view} view`));
      await screenshot(page, `${view}.zh-CN`);
    }

    // Back to English from the settings, then every view once more.
    await showView(page, "settings");
    await page.getByTestId("settings-language").selectOption("en");
    await eventually(async () => assert.deepEqual(await tabs(), VIEWS.map((v) => en[`nav.${v.name}`])));
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    for (const view of VIEWS.map((v) => v.name)) {
      await showWithContent(page, view);
      assert.ok(!/[\u4e00-\u9fff]/.test(await page.locator("nav .tabs").innerText()));
      await screenshot(page, `${view}.en`);
    }
    // The L key switches too, and the choice is kept.
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press("l");
    await eventually(async () => assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN"));
    await page.reload();
    await page.waitForFunction(() => window.__fw?.ready === true);
    await eventually(async () => assert.deepEqual(await tabs(), VIEWS.map((v) => zh[`nav.${v.name}`])));
  });
});
