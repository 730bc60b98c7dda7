import type { GpMessageType, GpProgress } from '../model/tool.js';

export interface RunCallbacks {
  onProgress(progress: GpProgress): void;
  onMessage(type: GpMessageType, description: string): void;
}
