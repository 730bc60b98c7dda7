/** `webhooks` in the configuration: flags, environment, validation and redaction. */
import { describe, expect, it } from 'vitest';
import { parseGatewayCli } from '../../../gateway/cli/gateway-cli.js';
import { loadGatewayConfig } from '../../../gateway/config/load-config.js';
import { printableConfig } from '../../../gateway/config/print-config.js';
import { generateWebhookSecret } from '../../../gateway/webhooks/webhook-signature.js';
import { configProblems } from '../../support/config-problems.js';

const SECRET = generateWebhookSecret();

const problems = configProblems;

describe('webhook configuration', () => {
  it('should take the secret from --webhook-secret or GP_WEBHOOK_SECRET and origins from repeated --webhook-origin', async () => {
    const cli = await parseGatewayCli(['--webhook-origin', 'http://127.0.0.1:9000', '--webhook-origin', 'http://10.0.0.7:8080'], {
      GP_WEBHOOK_SECRET: SECRET,
    });
    expect(cli.webhooks).toEqual({ secret: SECRET, allowedOrigins: ['http://127.0.0.1:9000', 'http://10.0.0.7:8080'] });
    const other = generateWebhookSecret();
    expect((await parseGatewayCli(['--webhook-secret', other], { GP_WEBHOOK_SECRET: SECRET })).webhooks.secret).toBe(other);
    expect((await parseGatewayCli([], {})).webhooks).toEqual({ allowedOrigins: [] });
  });

  it('should name the flag or variable of a secret that is not whsec_<base64>, and of an origin with a path', async () => {
    expect(await problems(['--webhook-secret', 'plain-text'])).toEqual([
      expect.stringMatching(/^flag --webhook-secret: webhooks\.secret: must be whsec_ followed by the base64/),
    ]);
    expect(await problems([], { GP_WEBHOOK_SECRET: 'whsec_c2hvcnQ=' })).toEqual([
      expect.stringMatching(/^environment GP_WEBHOOK_SECRET: webhooks\.secret: must be whsec_/),
    ]);
    expect(await problems(['--webhook-origin', 'http://127.0.0.1:9000/hooks'])).toEqual([
      expect.stringMatching(/^flag --webhook-origin: webhooks\.allowedOrigins\.0: must be an origin/),
    ]);
    expect(await problems(['--webhook-origin', '*'])).toHaveLength(1);
  });

  it('should redact the secret in --print-config', async () => {
    const { config } = await loadGatewayConfig(['--webhook-secret', SECRET], {});
    const printed = printableConfig(config);
    expect(printed).not.toContain(SECRET.slice(6));
    expect(JSON.parse(printed)).toMatchObject({ webhooks: { secret: '[redacted]' } });
  });
});
