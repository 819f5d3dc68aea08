import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AxeResults, RunOptions } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Chromium from the Debian package (Playwright cannot download its own browser here); `.ci/run`
 * installs it. CHROMIUM_PATH points elsewhere.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these Chromium keeps calling home, which on a machine without network floods refusals.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  // Violations only: collecting every pass and incomplete node makes a scan many times slower.
  resultTypes: ['violations'],
};

/** A phone-sized viewport (an iPhone 12–15's CSS pixels). */
export const PHONE = { width: 390, height: 844 };

/** Screenshots of each main page: test artefacts, git-ignored. */
export const SCREENSHOT_DIR = join(__dirname, '../../test-artifacts/screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, headless: true });
}

/**
 * A page that records every console error and uncaught exception; `assertClean()` fails the test
 * if any was logged. A step that expects the server to refuse a request (a 422 the page shows at
 * the field) says so with `expectFailedResource(status)`, which allows exactly those.
 */
export class WatchedPage {
  readonly errors: string[] = [];
  private expectedStatuses: number[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      const failed = /status of (\d{3})/.exec(text);
      if (failed && this.expectedStatuses.includes(Number(failed[1]))) {
        this.expectedStatuses.splice(this.expectedStatuses.indexOf(Number(failed[1])), 1);
        return;
      }
      this.errors.push(`console: ${text} (${msg.location().url})`);
    });
    page.on('pageerror', (err) => this.errors.push(`exception: ${err.message}`));
  }

  static async open(
    browser: Browser,
    baseURL: string,
    viewport = { width: 1280, height: 900 },
  ): Promise<WatchedPage> {
    const context = await browser.newContext({ baseURL, viewport, locale: 'zh-CN' });
    return new WatchedPage(context, await context.newPage());
  }

  expectFailedResource(status: number): void {
    this.expectedStatuses.push(status);
  }

  assertClean(): void {
    expect(this.errors).toEqual([]);
  }

  /** axe-core on the page as it is: WCAG 2.1 A and AA rules; serious or critical fail the test. */
  async scan(name: string): Promise<void> {
    // Injected once per document (the pages navigate without reloading), by the DevTools
    // protocol, which the page's CSP does not govern.
    // (The callbacks run in the page: globalThis there is the page's window.)
    if (!(await this.page.evaluate(() => 'axe' in globalThis)))
      await this.page.evaluate(AXE_SOURCE);
    const result: AxeResults = await this.page.evaluate(
      (options) => (globalThis as any).axe.run((globalThis as any).document, options),
      AXE_OPTIONS,
    );
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${name}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    expect(bad).toEqual([]);
  }

  async screenshot(name: string, fullPage = true): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage });
  }

  /**
   * Fails when the page is wider than the viewport, i.e. a phone user must scroll sideways to read
   * it. A table that scrolls inside its own box (DataTable) does not count: it does not widen the
   * document. Names the elements that stick out, so the failure says what to fix.
   */
  async assertNoHorizontalOverflow(name: string): Promise<void> {
    const overflow = await this.page.evaluate(() => {
      const doc = (globalThis as any).document;
      const width: number = doc.documentElement.clientWidth;
      if (doc.documentElement.scrollWidth <= width) return [];
      const describe = (el: any) =>
        `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}`;
      return [...doc.body.querySelectorAll('*')]
        .filter((el: any) => el.getBoundingClientRect().right > width + 1)
        .slice(0, 8)
        .map(
          (el: any) => `${describe(el)} (right ${Math.round(el.getBoundingClientRect().right)})`,
        );
    });
    expect({ page: name, overflow }).toEqual({ page: name, overflow: [] });
  }

  /**
   * The page checked the way every main page is: no console error, an axe scan and a screenshot,
   * at the desktop size and again at a phone's (390×844), where nothing may stick out sideways.
   */
  async check(name: string): Promise<void> {
    await this.page.waitForLoadState('networkidle');
    this.assertClean();
    await this.scan(name);
    await this.screenshot(name);
    const desktop = this.page.viewportSize();
    await this.page.setViewportSize(PHONE);
    try {
      await this.assertNoHorizontalOverflow(`${name}-phone`);
      await this.scan(`${name}-phone`);
      await this.screenshot(`${name}-phone`);
      this.assertClean();
    } finally {
      if (desktop) await this.page.setViewportSize(desktop);
    }
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
