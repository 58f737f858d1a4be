// What every browser test needs: the Vite dev server on a free 127.0.0.1 port, Debian's
// Chromium driven by playwright-core, a fresh page on the mocked console per test, and
// waiting for conditions (never for a fixed time).

import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { createServer } from "vite";

const here = dirname(fileURLToPath(import.meta.url));
export const uiDir = resolve(here, "..");
export const screenshotDir = resolve(uiDir, "..", "target", "browser-screenshots");

const CHROMIUM = process.env.FLOORWALKER_CHROMIUM ?? "/usr/bin/chromium";
/** How long a condition may take to hold before the test fails. */
export const WAIT_MS = 5_000;

/** The view tabs in order (Ctrl+1…9), with each view's root. */
export const VIEWS = [
  { name: "wallboard", key: "Control+1", root: '[data-testid="kpi-strip"]' },
  { name: "agents", key: "Control+2", root: '[data-testid="agents-view"]' },
  { name: "calls", key: "Control+3", root: '[data-testid="calls-view"]' },
  { name: "alerts", key: "Control+4", root: '[data-testid="alerts-view"]' },
  { name: "connection", key: "Control+5", root: '[data-testid="connection-view"]' },
  { name: "audit", key: "Control+6", root: '[data-testid="audit-view"]' },
  { name: "settings", key: "Control+7", root: '[data-testid="settings-view"]' },
  { name: "routing", key: "Control+8", root: '[data-testid="routing-view"]' },
  { name: "surveys", key: "Control+9", root: '[data-testid="surveys-view"]' },
];

async function freePort() {
  return new Promise((ok, fail) => {
    const probe = createNetServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? ok(address.port) : fail(new Error("no port"))));
    });
  });
}

/** Starts the dev server and the browser; `stop()` ends both. */
export async function startEnvironment() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run scripts/install-deps.sh (Debian's chromium package)`);
  }
  const port = await freePort();
  const server = await createServer({
    configFile: join(uiDir, "vite.config.ts"),
    root: uiDir,
    logLevel: "warn",
    server: { host: "127.0.0.1", port, strictPort: true, hmr: false, watch: null },
    // Serve the (ESM) dependencies as they are: no optimizer pass that could reload the page
    // in the middle of a test when it discovers a dependency late.
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await server.listen();
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}/browser/harness.html`,
    browser,
    async stop() {
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}

/**
 * Opens the mocked console in a fresh context (empty localStorage), English, Shanghai time.
 * `boot` configures the harness before the app starts (see harness.ts `Boot`). Page errors and
 * console errors are collected; `check()` asserts there were none and no command went unmocked.
 */
export async function openConsole(env, boot = {}) {
  const context = await env.browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: "en-US",
    timezoneId: "Asia/Shanghai",
  });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  const errors = [];
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console error: ${message.text()}`);
  });
  // Nothing leaves the machine: only the dev server answers.
  await context.route(/^(?!http:\/\/127\.0\.0\.1:)/, (route) => route.abort());
  await page.addInitScript((config) => {
    window.__fwBoot = config;
  }, boot);
  await page.goto(env.url);
  await page.waitForFunction(() => window.__fw?.ready === true);
  // The profile has arrived and been drawn (the audit tab and the monitoring bar depend on it).
  await page.getByTestId("user-name").waitFor({ state: "visible" });
  return {
    page,
    errors,
    /** Asserts the page logged no error and invoked no command without a fixture. */
    async check() {
      const unmocked = await page.evaluate(() => window.__fw.unmocked);
      assert.deepEqual(unmocked, [], "commands without a fixture");
      assert.deepEqual(errors, [], "errors in the page");
    },
    close: () => context.close(),
  };
}

/** Retries `assertion` until it passes or WAIT_MS runs out; then fails with its last error. */
export async function eventually(assertion, timeoutMs = WAIT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((ok) => setTimeout(ok, 25));
  }
}

/** Waits until `locator`'s text (trimmed) equals `expected`. */
export async function expectText(locator, expected) {
  await eventually(async () => assert.equal((await locator.innerText()).trim(), expected));
}

/** Waits until `locator`'s text contains `expected`. */
export async function expectContains(locator, expected) {
  await eventually(async () => assert.ok((await locator.innerText()).includes(expected), `"${await locator.innerText()}" should contain "${expected}"`));
}

/** The arguments of every invocation of `cmd` so far. */
export function invoked(page, cmd) {
  return page.evaluate((name) => window.__fw.invoked(name), cmd);
}

/** Waits until the last invocation of `cmd` had `args`. */
export async function expectInvoked(page, cmd, args) {
  await eventually(async () => {
    const all = await invoked(page, cmd);
    assert.ok(all.length > 0, `${cmd} was not invoked`);
    assert.deepEqual(all[all.length - 1], args);
  });
}

/** A message in `locale` with `{name}` placeholders filled, from the app's own dictionaries. */
export function fill(template, params = {}) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** Saves a PNG of the page under target/browser-screenshots/. */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: false });
}

/** Shows `view` by its tab and waits until its root is visible and the tab selected. */
export async function showView(page, view, how = "key") {
  const spec = VIEWS.find((v) => v.name === view);
  if (how === "key") await page.keyboard.press(spec.key);
  else await page.getByTestId(`nav-${view}`).click();
  await page.locator(spec.root).waitFor({ state: "visible" });
  await eventually(async () => assert.equal(await page.getByTestId(`nav-${view}`).getAttribute("aria-selected"), "true"));
}
