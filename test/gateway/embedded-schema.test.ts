import { lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { startEmbeddedGateway } from '../support/gateway-fixture.js';

describe('the schema of the embedded services', () => {
  it('should match the reviewed snapshot', async () => {
    const { gateway } = await startEmbeddedGateway();
    await expect(printSchema(lexicographicSortSchema(gateway.live.schema))).toMatchFileSnapshot('__snapshots__/embedded-schema.graphql');
  });
});
