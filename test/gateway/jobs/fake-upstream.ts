import type { FetchJobStatus, UpstreamJobStatus } from '../../../gateway/arcgis/job-status-response.js';
import { GatewayError } from '../../../core/errors/gateway-error.js';
import type { JobRef } from '../../../core/jobs/job-state.js';
import type { LogFields, Logger } from '../../../gateway/log/logger.js';
import type { ManualClock } from '../../support/manual-clock.js';

export const REF: JobRef = {
  serviceUrl: 'http://gp.test/arcgis/rest/services/Analysis/ElevationStatistics/GPServer',
  task: 'ElevationStatistics',
  jobId: 'j0001',
};

export const upstream = (status: string, extra: Partial<UpstreamJobStatus> = {}): UpstreamJobStatus => ({ status, messages: [], ...extra });

export const unreachable = (): GatewayError =>
  new GatewayError('UPSTREAM_UNREACHABLE', 'GET http://gp.test/… failed while connecting: ECONNREFUSED');
export const notFound = (): GatewayError =>
  new GatewayError('JOB_NOT_FOUND', "Job 'j0001' of task 'ElevationStatistics' no longer exists upstream");

type Answer = UpstreamJobStatus | Error;

/**
 * A scripted job resource that counts requests, requests in flight and aborted requests. Each
 * answer takes `latencyMs` on the manual clock and honours the abort signal, as the REST client does.
 */
export class FakeUpstream {
  calls = 0;
  inFlight = 0;
  maxInFlight = 0;
  aborted = 0;
  latencyMs = 0;
  /** Answers by call number (1-based); the last one repeats. */
  script: Answer[];

  constructor(
    private readonly clock: ManualClock,
    ...script: Answer[]
  ) {
    this.script = script.length > 0 ? script : [upstream('esriJobExecuting')];
  }

  /** From the next call on, answer this (then keep answering it). */
  answer(...script: Answer[]): void {
    const answered = Array.from(
      { length: this.calls },
      (_, i) => this.script[Math.min(i, this.script.length - 1)] ?? upstream('esriJobNew'),
    );
    this.script = [...answered, ...script];
  }

  readonly fetchStatus: FetchJobStatus = async (_ref, signal) => {
    this.calls += 1;
    const call = this.calls;
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.latencyMs > 0) await this.clock.sleep(this.latencyMs, signal);
      else await Promise.resolve();
      signal.throwIfAborted();
      const answer = this.script[Math.min(call, this.script.length) - 1] ?? this.script.at(-1);
      if (answer instanceof Error) throw answer;
      if (!answer) throw new Error('empty script');
      return answer;
    } catch (error) {
      if (signal.aborted) this.aborted += 1;
      throw error;
    } finally {
      this.inFlight -= 1;
    }
  };
}

export interface LogEntry {
  readonly level: string;
  readonly message: string;
  readonly fields: LogFields;
}

export function recordingLogger(entries: LogEntry[] = [], bindings: LogFields = {}): Logger & { entries: LogEntry[] } {
  const at =
    (level: string) =>
    (message: string, fields: LogFields = {}) => {
      entries.push({ level, message, fields: { ...bindings, ...fields } });
    };
  return {
    entries,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => recordingLogger(entries, { ...bindings, ...fields }),
  };
}
