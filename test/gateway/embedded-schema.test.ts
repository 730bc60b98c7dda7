import { lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { startEmbeddedGateway } from '../support/gateway-fixture.js';

/**
 * The reviewed schema of the embedded services is `examples/schema.graphql`, the file the typed
 * examples are generated from (`npm run --silent sdl` prints the same, checked in test/examples/).
 */
describe('the schema of the embedded services', () => {
  it('should match the reviewed snapshot', async () => {
    const { gateway } = await startEmbeddedGateway();
    await expect(`${printSchema(lexicographicSortSchema(gateway.live.schema))}\n`).toMatchFileSnapshot('../../examples/schema.graphql');
  });
});
