import { ROOT_CONTEXT, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { FetchJobStatus } from '../arcgis/job-status-response.js';

/**
 * A span per job poll, with the upstream status request as its child. Polls belong to no caller's
 * request (one loop serves every watcher, and outlives the one who started it), so each is a trace
 * of its own rather than a child of whichever operation happened to start the loop.
 */
export function tracedPolls(inner: FetchJobStatus, tracer: Tracer): FetchJobStatus {
  return (ref, signal) =>
    tracer.startActiveSpan(
      'poll job',
      { attributes: { 'gpgw.job.id': ref.jobId, 'gpgw.job.task': ref.task } },
      ROOT_CONTEXT,
      async (span) => {
        try {
          const status = await inner(ref, signal);
          span.setAttribute('gpgw.job.status', status.status);
          return status;
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
          throw error;
        } finally {
          span.end();
        }
      },
    );
}
