import { mkdir } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { graphiqlTabs } from '../../gateway/graphql/graphiql-tabs.js';
import { describeChromium, openPage } from '../support/chromium.js';
import { startEmbeddedGateway } from '../support/gateway-fixture.js';

describeChromium('GraphiQL on /graphql (browser)', () => {
  it('should submit a job from the default tab and stream its jobUpdates to SUCCEEDED', async () => {
    const { origin, gateway } = await startEmbeddedGateway({ polling: { floorMs: 200, ceilingMs: 500 } });
    const { page, external } = await openPage();
    await page.goto(`${origin}/graphql`);
    await mkdir('test-artifacts', { recursive: true });
    // Monaco renders spaces as no-break spaces and wraps long lines: compare without whitespace.
    const text = async (selector: string): Promise<string> =>
      (await page.locator(selector).first().innerText()).replace(/[\s\u00a0]+/g, '');

    // The default tab with the job workflow: a submit mutation, then the jobUpdates subscription.
    await page
      .locator('.graphiql-tab', { hasText: /Submit\w+Job/ })
      .first()
      .click();
    await expect.poll(() => text('.graphiql-query-editor')).toContain('subscriptionJobUpdates');
    const run = async (operation: RegExp, name: RegExp): Promise<void> => {
      // After a tab switch GraphiQL may still hold the first tab's operation name and answer "Cannot
      // infer operation Services" (graphql/graphiql#2311); a click in the editor makes it read the
      // document again, as a user's would.
      await page.locator('.graphiql-query-editor .view-line', { hasText: operation }).first().click();
      await page.locator('.graphiql-execute-button').click();
      // Two operations in the document: GraphiQL asks which one to run, unless the cursor already said.
      const menu = page.getByRole('menuitem', { name });
      if (
        await menu.waitFor({ timeout: 5_000 }).then(
          () => true,
          () => false,
        )
      )
        await menu.click();
    };

    await run(/SubmitElevationStatisticsJob\(/, /^Submit\w+Job$/);
    await expect.poll(() => text('.result-window'), { timeout: 15_000 }).toMatch(/"id":"[\w-]+"/);
    const id = /"id":"([\w-]+)"/.exec(await text('.result-window'))?.[1] ?? '';

    // Put the id in the variables, keeping the input.
    const variables = page.locator('.graphiql-editor-tool .graphiql-editor').first();
    const tab = graphiqlTabs(gateway.live.schema).find((t) => t.query.includes('subscription JobUpdates'));
    const current = JSON.parse(tab?.variables ?? '{}') as Record<string, unknown>;
    await variables.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(JSON.stringify({ ...current, id }));
    // On a loaded machine the editor may lag behind the keyboard: wait until it holds the id.
    await expect.poll(async () => (await variables.innerText()).replace(/[\s\u00a0]+/g, ''), { timeout: 15_000 }).toContain(id.slice(-12));

    await run(/JobUpdates\(\$id/, /^JobUpdates$/);
    await expect.poll(() => text('.result-window'), { timeout: 60_000 }).toContain('"status":"SUCCEEDED"');
    expect(await text('.result-window')).toContain('"final":true');

    await page.screenshot({ path: 'test-artifacts/graphiql.png' });
    // GraphiQL's bundle is inlined by the gateway: the page asks nothing of the internet.
    expect(external).toEqual([]);
  }, 150_000);
});
