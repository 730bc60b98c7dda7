import { parentPort, workerData } from 'node:worker_threads';
import type { ToolContext } from '../model/tool.js';
import type { Terrain } from '../terrain/terrain.js';
import { createSyntheticTerrain } from '../terrain/synthetic-terrain.js';
import { loadGeoTiffTerrain } from '../terrain/geotiff-terrain.js';
import { TOOLS } from '../tools/registry.js';
import type { FromWorker, ToWorker, WorkerSettings } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('tool-worker must run in a worker thread');
const settings = workerData as WorkerSettings;

let terrainPromise: Promise<Terrain> | undefined;
function terrain(): Promise<Terrain> {
  const loaded = terrainPromise ?? (settings.demPath ? loadGeoTiffTerrain(settings.demPath) : Promise.resolve(createSyntheticTerrain()));
  terrainPromise = loaded;
  return loaded;
}

const controllers = new Map<number, AbortController>();
const send = (message: FromWorker): void => {
  port.postMessage(message);
};

async function run(message: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  const { runId } = message;
  const controller = new AbortController();
  controllers.set(runId, controller);
  const context: ToolContext = {
    env: message.env,
    outputDir: message.outputDir,
    terrain,
    signal: controller.signal,
    progress: (progress) => {
      send({ type: 'progress', runId, progress });
    },
    message: (messageType, description) => {
      send({ type: 'message', runId, messageType, description });
    },
  };
  try {
    const outputs = await TOOLS[message.tool](message.inputs, context);
    send({ type: 'done', runId, outputs });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    send({ type: 'failed', runId, message: text, cancelled: controller.signal.aborted });
  } finally {
    controllers.delete(runId);
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'run') void run(message);
  else controllers.get(message.runId)?.abort(new Error('Cancelled by request.'));
});
