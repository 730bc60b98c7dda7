import { describe, expect, it } from 'vitest';
import { graphql, startEmbeddedGateway, subscribeSse, subscribeWs } from '../support/gateway-fixture.js';

const SUBMIT = /* GraphQL */ `
  mutation ($input: ElevationStatisticsInput!) {
    submitElevationStatisticsJob(input: $input) {
      id
      jobId
      status
    }
  }
`;
const UPDATES = /* GraphQL */ `
  subscription ($id: ID!) {
    jobUpdates(id: $id) {
      status
      final
      progress {
        percent
        message
      }
      newMessages {
        description
      }
      messages {
        description
      }
      ... on ElevationStatisticsJob {
        results {
          meanElevation
          bandStatistics {
            featureCount
          }
        }
      }
    }
  }
`;

interface JobEvent {
  jobUpdates: {
    status: string;
    final: boolean;
    progress: { percent: number | null; message: string } | null;
    newMessages: { description: string }[];
    messages: { description: string }[];
    results: { meanElevation: number; bandStatistics: { featureCount: number } } | null;
  };
}

async function submit(graphqlUrl: string, bands: number, delayMs: number): Promise<string> {
  const response = await graphql<{ submitElevationStatisticsJob: { id: string; status: string } }>(graphqlUrl, SUBMIT, {
    input: { bandCount: bands, stepDelayMs: delayMs },
  });
  expect(response.errors).toBeUndefined();
  return response.data?.submitElevationStatisticsJob.id ?? '';
}

describe('jobs over the embedded GPServer', () => {
  it('should stream a job over graphql-ws from its current state to SUCCEEDED, with progress in order and lazy results', async () => {
    const { graphqlUrl, origin } = await startEmbeddedGateway({ polling: { floorMs: 50, ceilingMs: 200 } });
    const id = await submit(graphqlUrl, 4, 150);
    const { events, error } = await subscribeWs<JobEvent>(origin, UPDATES, { id });
    expect(error).toBeUndefined();
    const updates = events.map((e) => e.data?.jobUpdates);
    expect(updates.at(-1)).toMatchObject({ status: 'SUCCEEDED', final: true, results: { bandStatistics: { featureCount: 4 } } });
    expect(updates.slice(0, -1).every((u) => u?.final === false && u.results === null)).toBe(true);
    const percents = updates.flatMap((u) => (u?.progress?.percent != null ? [u.progress.percent] : []));
    expect(percents.length).toBeGreaterThan(0);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    // newMessages of all events add up to the final message list, in order.
    expect(updates.flatMap((u) => u?.newMessages.map((m) => m.description) ?? [])).toEqual(
      updates.at(-1)?.messages.map((m) => m.description),
    );
  });

  it('should stream the same over SSE', async () => {
    const { graphqlUrl } = await startEmbeddedGateway({ polling: { floorMs: 50, ceilingMs: 200 } });
    const id = await submit(graphqlUrl, 2, 100);
    const events = await subscribeSse<JobEvent>(graphqlUrl, UPDATES, { id });
    expect(events.at(-1)?.data?.jobUpdates).toMatchObject({ status: 'SUCCEEDED', final: true });
  });

  it('should error at once for an unknown job id', async () => {
    const { origin } = await startEmbeddedGateway();
    const { events, error } = await subscribeWs(origin, UPDATES, { id: 'bm9wZQ' });
    expect(error).toBeUndefined();
    expect(events).toHaveLength(1);
    expect(events[0]?.errors?.[0]?.extensions).toMatchObject({ code: 'JOB_NOT_FOUND' });
  });

  it('should cancel a running job and report CANCELLED as data', async () => {
    const { graphqlUrl } = await startEmbeddedGateway({ polling: { floorMs: 50, ceilingMs: 200 } });
    const id = await submit(graphqlUrl, 100, 200);
    const cancel = await graphql<{ cancelJob: { status: string } }>(graphqlUrl, 'mutation ($id: ID!) { cancelJob(id: $id) { status } }', {
      id,
    });
    expect(cancel.errors).toBeUndefined();
    expect(['CANCELLING', 'CANCELLED']).toContain(cancel.data?.cancelJob.status);
    const again = await graphql<{ cancelJob: { status: string } }>(graphqlUrl, 'mutation ($id: ID!) { cancelJob(id: $id) { status } }', {
      id,
    });
    expect(['CANCELLING', 'CANCELLED']).toContain(again.data?.cancelJob.status);
    const events = await subscribeSse<JobEvent>(graphqlUrl, UPDATES, { id });
    expect(events.at(-1)?.data?.jobUpdates.status).toBe('CANCELLED');
  });

  it('should refuse to cancel a finished job with JOB_NOT_CANCELLABLE', async () => {
    const { graphqlUrl } = await startEmbeddedGateway({ polling: { floorMs: 50, ceilingMs: 200 } });
    const id = await submit(graphqlUrl, 1, 0);
    await subscribeSse(graphqlUrl, UPDATES, { id });
    const cancel = await graphql(graphqlUrl, 'mutation ($id: ID!) { cancelJob(id: $id) { status } }', { id });
    expect(cancel.errors?.[0]?.extensions).toMatchObject({ code: 'JOB_NOT_CANCELLABLE' });
  });

  it('should run an asynchronous task and wait for it, or hand the job back at the deadline', async () => {
    const fast = await startEmbeddedGateway({ polling: { floorMs: 50, ceilingMs: 200 } });
    const done = await graphql<{ runElevationStatistics: { status: string; results: { meanElevation: number } | null } }>(
      fast.graphqlUrl,
      'mutation { runElevationStatistics(input: { bandCount: 2, stepDelayMs: 0 }) { status results { meanElevation } } }',
    );
    expect(done.data?.runElevationStatistics).toMatchObject({ status: 'SUCCEEDED', results: { meanElevation: expect.any(Number) } });
    const slow = await startEmbeddedGateway({ polling: { floorMs: 50, ceilingMs: 200 }, runDeadlineMs: 300 });
    const handedBack = await graphql<{ runElevationStatistics: { id: string; status: string; final: boolean; results: null } }>(
      slow.graphqlUrl,
      'mutation { runElevationStatistics(input: { bandCount: 50, stepDelayMs: 100 }) { id status final results { meanElevation } } }',
    );
    expect(handedBack.data?.runElevationStatistics).toMatchObject({ final: false, results: null });
    const later = await graphql<{ job: { status: string } }>(slow.graphqlUrl, 'query ($id: ID!) { job(id: $id) { status } }', {
      id: handedBack.data?.runElevationStatistics.id,
    });
    expect(['SUBMITTED', 'WAITING', 'EXECUTING']).toContain(later.data?.job.status);
  });
});

describe("the seed's asynchronous workflow as one subscription", () => {
  it('should give the same viewshed as the REST loop (submitJob, poll, paramUrl)', async () => {
    const { graphqlUrl, origin, upstream } = await startEmbeddedGateway({ polling: { floorMs: 50, ceilingMs: 200 } });
    const point = {
      geometryType: 'esriGeometryPoint',
      spatialReference: { wkid: 54003 },
      features: [{ geometry: { x: -13308192.1956127, y: 4221903.58555983 }, attributes: {} }],
    };
    const distance = { distance: 8.5, units: 'esriMiles' };

    // The REST loop every client writes today.
    const task = `${upstream.servicesUrl}/WorldViewshed/GPServer/viewshed`;
    const body = new URLSearchParams({
      f: 'json',
      Input_Observation_Point: JSON.stringify(point),
      Viewshed_Distance: JSON.stringify(distance),
    });
    const { jobId } = (await (await fetch(`${task}/submitJob`, { method: 'POST', body })).json()) as { jobId: string };
    let status: { jobStatus: string; results?: Record<string, { paramUrl: string }> } = { jobStatus: '' };
    for (let i = 0; i < 400 && status.jobStatus !== 'esriJobSucceeded'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      status = (await (await fetch(`${task}/jobs/${jobId}?f=json`)).json()) as typeof status;
    }
    const paramUrl = status.results?.Viewshed_Result?.paramUrl ?? '';
    const viaRest = ((await (await fetch(`${task}/jobs/${jobId}/${paramUrl}?f=json`)).json()) as { value: unknown }).value;

    // The same through the gateway: one mutation, one subscription.
    const submitted = await graphql<{ submitWorldViewshedJob: { id: string } }>(
      graphqlUrl,
      'mutation ($input: WorldViewshedInput!) { submitWorldViewshedJob(input: $input) { id } }',
      { input: { inputObservationPoint: { esriJson: point }, viewshedDistance: { distance: 8.5, units: 'MILES' } } },
    );
    const { events } = await subscribeWs<{ jobUpdates: { status: string; results: { viewshedResult: { data: unknown } } | null } }>(
      origin,
      'subscription ($id: ID!) { jobUpdates(id: $id) { status ... on WorldViewshedJob { results { viewshedResult { data } } } } }',
      { id: submitted.data?.submitWorldViewshedJob.id },
    );
    const last = events.at(-1)?.data?.jobUpdates;
    expect(last?.status).toBe('SUCCEEDED');
    expect(last?.results?.viewshedResult.data).toEqual(viaRest);
  });
});
