import type { GpMessage, GpProgress, ToolContext, ToolEnvironment } from '../../../gpserver/model/tool.js';
import type { Terrain } from '../../../gpserver/terrain/terrain.js';

/** A ToolContext that records what a tool reports; tests read `messages` and `progressEvents`. */
export interface TestToolContext extends ToolContext {
  readonly messages: GpMessage[];
  readonly progressEvents: GpProgress[];
  abort(): void;
}

/** Tools that need terrain should get their own context: this one's terrain() rejects. */
export function createTestToolContext(env: Partial<ToolEnvironment> = {}, outputDir = '/nonexistent/outputs'): TestToolContext {
  const controller = new AbortController();
  const messages: GpMessage[] = [];
  const progressEvents: GpProgress[] = [];
  return {
    env: { returnZ: false, returnM: false, ...env },
    outputDir,
    terrain(): Promise<Terrain> {
      return Promise.reject(new Error('createTestToolContext: no terrain in this test context'));
    },
    progress(progress) {
      progressEvents.push(progress);
    },
    message(type, description) {
      messages.push({ type, description });
    },
    signal: controller.signal,
    messages,
    progressEvents,
    abort() {
      controller.abort();
    },
  };
}
