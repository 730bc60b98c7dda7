import type { ToolEnvironment } from '../../../gpserver/model/tool.js';
import type { Terrain } from '../../../gpserver/terrain/terrain.js';
import { createTestToolContext } from './tool-context.js';
import type { TestToolContext } from './tool-context.js';

/** The shared test context, but with a terrain for tools (viewshed) that need one. */
export function createViewshedToolContext(terrain: Terrain, env: Partial<ToolEnvironment> = {}): TestToolContext {
  const base = createTestToolContext(env);
  return {
    ...base,
    terrain: () => Promise.resolve(terrain),
  };
}
