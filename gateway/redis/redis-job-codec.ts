/**
 * JobState ⇄ the JSON kept in Redis and carried by change notices. The store and the notice hold
 * the same text, so a subscriber never reads a state back. Decoding checks the shape once, at this
 * boundary (another instance, or another version of the gateway, may have written it), and restores
 * the `undefined` fields JSON drops.
 */
import type { JobFault, JobMessage, JobProgress, JobRef, JobState, JobSubmission, JobSubscriber } from '../../core/jobs/job-state.js';
import { JOB_STATUSES, type JobStatus } from '../../core/jobs/job-status.js';
import { workflowOf } from './redis-workflow-codec.js';

export function encodeJobState(state: JobState): string {
  return JSON.stringify(state);
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';

function refOf(value: unknown): JobRef | undefined {
  if (!isObject(value) || !isString(value.serviceUrl) || !isString(value.task) || !isString(value.jobId)) return undefined;
  return { serviceUrl: value.serviceUrl, task: value.task, jobId: value.jobId };
}

/** A JobRef as one stable text (fields in one order), e.g. a set member that must be named again to be removed. */
export function encodeJobRef(ref: JobRef): string {
  return JSON.stringify({ serviceUrl: ref.serviceUrl, task: ref.task, jobId: ref.jobId });
}

export function decodeJobRef(text: string): JobRef | undefined {
  try {
    return refOf(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function progressOf(value: unknown): JobProgress | undefined {
  if (!isObject(value) || !isString(value.type) || !isString(value.message)) return undefined;
  return typeof value.percent === 'number'
    ? { type: value.type, message: value.message, percent: value.percent }
    : { type: value.type, message: value.message };
}

function messagesOf(value: unknown): JobMessage[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((m: unknown) =>
    isObject(m) && isString(m.type) && isString(m.description) ? [{ type: m.type, description: m.description }] : [],
  );
}

function resultsOf(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => isString(entry[1])));
}

function faultOf(value: unknown): JobFault | undefined {
  // The code came from our own catalogue when it was written; it is carried as is.
  if (!isObject(value) || !isString(value.code) || !isString(value.message)) return undefined;
  return { code: value.code as JobFault['code'], message: value.message };
}

function subscriberOf(value: unknown): JobSubscriber | undefined {
  if (!isObject(value)) return undefined;
  const uri = (name: keyof JobSubscriber) => (isString(value[name]) ? { [name]: value[name] } : {});
  return { ...uri('successUri'), ...uri('failedUri'), ...uri('inProgressUri') };
}

function submissionOf(value: unknown): JobSubmission | undefined {
  if (!isObject(value) || !isString(value.owner) || !isString(value.lister) || !isString(value.service)) return undefined;
  if (typeof value.submittedAt !== 'number') return undefined;
  const subscriber = subscriberOf(value.subscriber);
  return {
    owner: value.owner,
    lister: value.lister,
    service: value.service,
    submittedAt: value.submittedAt,
    ...(typeof value.deadline === 'number' ? { deadline: value.deadline } : {}),
    ...(subscriber ? { subscriber } : {}),
  };
}

/** The state in `text`, or undefined when it is not JSON of a job state. */
export function decodeJobState(text: string): JobState | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value)) return undefined;
  const ref = refOf(value.ref);
  const { status, version } = value;
  if (!ref || !JOB_STATUSES.includes(status as JobStatus) || typeof version !== 'number' || !Number.isSafeInteger(version))
    return undefined;
  const state: JobState = {
    ref,
    status: status as JobStatus,
    upstreamStatus: isString(value.upstreamStatus) ? value.upstreamStatus : '',
    progress: progressOf(value.progress),
    messages: messagesOf(value.messages),
    results: resultsOf(value.results),
    fault: faultOf(value.fault),
    version,
    final: value.final === true,
  };
  const submission = submissionOf(value.submission);
  const withSubmission = submission === undefined ? state : { ...state, submission };
  if (value.workflow === undefined) return withSubmission;
  const workflow = workflowOf(value.workflow, { progressOf, messagesOf, resultsOf, faultOf });
  // A workflow whose steps cannot be read is no state to drive on.
  return workflow === undefined ? undefined : { ...withSubmission, workflow };
}
