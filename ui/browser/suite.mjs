// What every browser test file shares: one environment (Vite and Chromium) per file, a fresh
// console per test with a screenshot kept when it fails, and locators for common places.

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { openConsole, screenshotDir, startEnvironment } from "./env.mjs";

/** Where a failing test leaves a picture of what the page showed (emptied by `npm run test:browser`). */
const failures = join(screenshotDir, "failures");

/** Starts the environment for this file's tests; returns `it(name, [boot], body)`. */
export function consoleSuite() {
  let env;
  before(async () => {
    env = await startEnvironment();
  });
  after(async () => {
    await env?.stop();
  });

  /** Runs `body` on a fresh console; on failure keeps a screenshot of what the page showed. */
  async function withConsole(name, boot, body) {
    const c = await openConsole(env, boot);
    try {
      const fw = await c.page.evaluate(() => ({ messages: window.__fw.messages, fixtures: window.__fw.fixtures }));
      await body({ page: c.page, en: fw.messages.en, zh: fw.messages["zh-CN"], fixtures: fw.fixtures });
      await c.check();
    } catch (error) {
      mkdirSync(failures, { recursive: true });
      await c.page.screenshot({ path: join(failures, `${name.replace(/[^\w-]+/g, "_")}.png`) }).catch(() => undefined);
      throw error;
    } finally {
      await c.close();
    }
  }

  function it(name, boot, body) {
    if (typeof boot === "function") [boot, body] = [{}, boot];
    test(name, { timeout: 30_000 }, () => withConsole(name, boot, body));
  }
  return { it };
}

export const tile = (page, id) => page.getByTestId(`queue-tile-${id}`);
export const callRow = (page, id) => page.locator(`[data-testid="call-row"][data-call="${id}"]`);
export const notice = (page) => page.locator("footer .notice");
export const pct = (v) => `${v.toFixed(1)}%`;
