import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** The product's top-level folders, whose imports between each other make the layers. */
export const PRODUCT_FOLDERS = ['core', 'gp-rest', 'geo', 'multipart', 'resolvers', 'schema', 'gateway', 'gpserver'] as const;

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** folder → folder → the number of files of the first that import the second. */
export function folderGraph(root: string): Map<string, Map<string, number>> {
  const graph = new Map<string, Map<string, number>>();
  for (const folder of PRODUCT_FOLDERS) {
    const edges = new Map<string, number>();
    graph.set(folder, edges);
    for (const file of sourceFiles(join(root, folder))) {
      const targets = new Set<string>();
      for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const specifier = match[1] ?? match[2] ?? '';
        const target = relative(root, resolve(dirname(file), specifier)).split(sep)[0] ?? '';
        if (target !== folder && target !== '..') targets.add(target);
      }
      for (const target of targets) edges.set(target, (edges.get(target) ?? 0) + 1);
    }
  }
  return graph;
}

/** A cycle of folders (first = last), or undefined when the graph has none. */
export function findCycle(graph: ReadonlyMap<string, ReadonlyMap<string, number>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}
