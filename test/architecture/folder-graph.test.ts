import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycle, folderGraph } from './folder-graph.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the folder graph', () => {
  it('should have no cycle between the top-level folders', () => {
    expect(findCycle(folderGraph(ROOT))).toBeUndefined();
  });

  it('should find a cycle where there is one', () => {
    const graph = new Map([
      ['core', new Map([['gp-rest', 1]])],
      ['gp-rest', new Map()],
      ['schema', new Map([['gateway', 2]])],
      ['gateway', new Map([['schema', 1]])],
    ]);
    expect(findCycle(graph)).toEqual(['schema', 'gateway', 'schema']);
  });

  it('should reach the gpserver from the gateway through the embedded default alone', () => {
    const graph = folderGraph(ROOT);
    expect(graph.get('gateway')?.get('gpserver')).toBe(1);
    expect(graph.get('core')?.size).toBe(1);
  });
});
