import type { EsriMessageType } from '../../gp-rest/vocabulary.js';
import type { GpProgress } from '../model/tool.js';

export interface RunCallbacks {
  onProgress(progress: GpProgress): void;
  onMessage(type: EsriMessageType, description: string): void;
}
