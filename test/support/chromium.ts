/**
 * Headless Debian Chromium for browser tests, driven by playwright-core (which downloads no browser).
 * When Chromium is not installed, browser suites are skipped with a printed reason — except with
 * `CI=true`, where they fail: CI must not go green by skipping them (as `redis-server.ts` does).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, describe, it } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/**
 * Quiet and hermetic: no sandbox (tests run as root in containers), no GPU, and none of the
 * background traffic (updates, sync, field trials over QUIC) a fresh profile would start.
 * Playwright adds `--headless` itself and wants the profile as `userDataDir`, not `--user-data-dir`.
 */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const MISSING = `${CHROMIUM} is not installed (or CHROMIUM does not name it): browser tests need Debian's chromium`;
let warned = false;

export function describeChromium(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs chromium', () => {
        throw new Error(`${MISSING}; CI=true, so these tests fail rather than skip.`);
      });
    });
    return;
  }
  if (!warned) console.warn(`Skipping browser tests: ${MISSING}.`);
  warned = true;
  describe.skip(name, body);
}

const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  // Browsers first (they hold connections to the servers the other fixtures close).
  for (const dispose of disposers.splice(0).reverse()) await dispose();
});

export interface BrowserPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Requests the page tried to send anywhere but the loopback servers (all of them were aborted). */
  readonly external: string[];
}

/**
 * A page in a fresh Chromium profile, closed after the test. Requests leave for loopback only:
 * anything else is aborted and recorded.
 */
export async function openPage(): Promise<BrowserPage> {
  const profile = await mkdtemp(join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1200, height: 800 },
  });
  disposers.push(async () => {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  });
  const external: string[] = [];
  await context.route(/^(?!https?:\/\/127\.0\.0\.1[:/])/, async (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || url.startsWith('blob:')) await route.continue();
    else {
      external.push(url);
      await route.abort('blockedbyclient');
    }
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { page, context, external };
}
