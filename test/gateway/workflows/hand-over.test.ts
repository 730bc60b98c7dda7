/** How an output reaches the next step's input, by kind, mode and where the output came from. */
import { describe, expect, it } from 'vitest';
import type { StepBinding, WorkflowStep } from '../../../core/workflows/workflow-state.js';
import { handOver } from '../../../gateway/workflows/hand-over.js';
import type { StepUpstream } from '../../../gateway/workflows/step-upstream.js';
import { GATEWAY_CREDENTIAL } from '../../../core/credential.js';

const A = 'https://a.example.com/arcgis/rest/services/Tools/GPServer';
const B = 'https://b.example.com/arcgis/rest/services/Other/GPServer';
const POINTS = {
  geometryType: 'esriGeometryPoint',
  spatialReference: { wkid: 4326 },
  features: [{ geometry: { x: 10, y: 0 }, attributes: { ID: 1 } }],
};
const FILE = { url: 'https://a.example.com/arcgis/rest/directories/arcgisjobs/j1/scratch/dem.tif', format: 'tif' };

function step(id: string, extra: Partial<WorkflowStep>): WorkflowStep {
  return {
    id,
    serviceUrl: A,
    serviceLabel: 'Tools',
    task: 'Task',
    execution: 'asynchronous',
    params: {},
    bindings: [],
    status: 'SUCCEEDED',
    messages: [],
    ...extra,
  };
}

function recorder(results: Record<string, unknown> = {}) {
  const calls: string[] = [];
  const upstream: StepUpstream = {
    submit: () => Promise.reject(new Error('not here')),
    execute: () => Promise.reject(new Error('not here')),
    cancel: () => Promise.reject(new Error('not here')),
    result: (ref, output, _paramUrl, outSR) => {
      calls.push(`result ${ref.jobId} ${output} outSR=${String(outSR)}`);
      return Promise.resolve(results[output]);
    },
    copyFile: (url, serviceUrl) => {
      calls.push(`copy ${url} → ${serviceUrl}`);
      return Promise.resolve('item-1');
    },
  };
  return { upstream, calls };
}

const binding = (kind: StepBinding['kind'], mode: StepBinding['mode'], outSR?: number): StepBinding => ({
  input: 'In',
  fromStep: 'src',
  output: 'Out',
  kind,
  mode,
  ...(outSR === undefined ? {} : { outSR }),
});

const run = (b: StepBinding, source: WorkflowStep, upstream: StepUpstream, target = step('next', { serviceUrl: B })) =>
  handOver(b, source, target, upstream, GATEWAY_CREDENTIAL, new AbortController().signal);

describe('hand-over of a step output', () => {
  const job = step('src', { jobId: 'j1', results: { Out: 'results/Out' } });

  it("should pass a job's features by reference as the result URL, asking nothing upstream", async () => {
    const { upstream, calls } = recorder();
    expect(await run(binding('FEATURES', 'REFERENCE'), job, upstream)).toEqual({ url: `${A}/Task/jobs/j1/results/Out` });
    expect(calls).toEqual([]);
  });

  it("should fetch a job's features by value in the spatial reference the next task publishes", async () => {
    const { upstream, calls } = recorder({ Out: POINTS });
    expect(await run(binding('FEATURES', 'VALUE', 3857), job, upstream)).toEqual(POINTS);
    expect(calls).toEqual(['result j1 Out outSR=3857']);
  });

  it("should project a synchronous step's features here when the next task wants another spatial reference", async () => {
    const { upstream, calls } = recorder();
    const sync = step('src', { execution: 'synchronous', values: { Out: POINTS } });
    const value = (await run(binding('FEATURES', 'VALUE', 3857), sync, upstream)) as typeof POINTS;
    expect(value.spatialReference).toMatchObject({ wkid: 102100 });
    expect(value.features[0]?.geometry.x).toBeCloseTo(1_113_194.9, 0);
    expect(calls).toEqual([]);
  });

  it('should pass a result file by its URL, or copy it to the next service when it cannot read it', async () => {
    const byReference = recorder({ Out: FILE });
    expect(await run(binding('FILE', 'REFERENCE'), job, byReference.upstream)).toEqual({ url: FILE.url });
    expect(byReference.calls).toEqual(['result j1 Out outSR=undefined']);
    const byValue = recorder({ Out: FILE });
    expect(await run(binding('FILE', 'VALUE'), job, byValue.upstream)).toEqual({ itemID: 'item-1' });
    expect(byValue.calls).toEqual(['result j1 Out outSR=undefined', `copy ${FILE.url} → ${B}`]);
  });

  it('should send other values as they came, and name a missing output', async () => {
    const { upstream } = recorder();
    const sync = step('src', { execution: 'synchronous', values: { Out: 42 } });
    expect(await run(binding('VALUE', 'VALUE'), sync, upstream)).toBe(42);
    await expect(run(binding('VALUE', 'VALUE'), step('src', { execution: 'synchronous', values: {} }), upstream)).rejects.toThrow(
      "Step 'src' returned no output Out.",
    );
  });
});
