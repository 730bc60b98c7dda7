import { mkdir } from 'node:fs/promises';
import { build } from 'vite';
import { beforeAll, expect, it } from 'vitest';
import { describeChromium, openPage } from '../support/chromium.js';
import { startEmbeddedGateway } from '../support/gateway-fixture.js';

describeChromium('the viewshed demo on /demo (browser)', () => {
  beforeAll(async () => {
    // The page the gateway serves is demo/dist: build it from the sources under test.
    await build({ configFile: 'demo/vite.config.ts', logLevel: 'warn' });
  }, 60_000);

  it('should draw the hillshade, run a viewshed on click with progress, and draw the visible area', async () => {
    const { origin } = await startEmbeddedGateway({ polling: { floorMs: 200, ceilingMs: 500 } });
    const { page, external } = await openPage();
    await page.addInitScript(() => {
      // Every value the progress bar takes, to see it move.
      const seen: number[] = [];
      Object.assign(window, { progressValues: seen });
      document.addEventListener('DOMContentLoaded', () => {
        const bar = document.querySelector('progress');
        if (bar) new MutationObserver(() => seen.push(bar.value)).observe(bar, { attributes: true, attributeFilter: ['value'] });
      });
    });
    await page.goto(`${origin}/demo`);
    await expect.poll(() => page.locator('img.leaflet-tile-loaded').count(), { timeout: 30_000 }).toBeGreaterThan(3);
    expect(await page.locator('#progress').evaluate((bar: HTMLProgressElement) => bar.value)).toBe(0);

    await page.locator('#map').click({ position: { x: 600, y: 300 } });
    await expect.poll(() => page.locator('#status').innerText(), { timeout: 60_000 }).toMatch(/^SUCCEEDED: \d+ visible area/);

    const statuses = await page.locator('#history li').allInnerTexts();
    expect(statuses[0]).toBe('SUBMITTED');
    expect(statuses.at(-1)).toBe('SUCCEEDED');
    expect(await page.locator('#progress').evaluate((bar: HTMLProgressElement) => bar.value)).toBe(100);
    const values = await page.evaluate(() => (window as unknown as { progressValues: number[] }).progressValues);
    expect(values.at(-1)).toBe(100);
    // The observer marker and at least one visible-area polygon, drawn as SVG paths.
    expect(await page.locator('.leaflet-overlay-pane svg path').count()).toBeGreaterThan(1);

    // Let the zoom to the result settle before the picture.
    await expect
      .poll(() => page.locator('.leaflet-zoom-anim, .leaflet-tile:not(.leaflet-tile-loaded)').count(), { timeout: 30_000 })
      .toBe(0);
    await page.waitForTimeout(400); // Leaflet fades new tiles in over 0.2 s
    await mkdir('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/demo.png' });
    expect(external).toEqual([]);
  }, 150_000);
});
