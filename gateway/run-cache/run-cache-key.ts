import { createHash } from 'node:crypto';
import { credentialKey } from '../../core/credential.js';
import type { ExecuteRequest } from '../../resolvers/execute-result.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** JSON with object keys sorted at every depth: the same parameters give one text whatever order they were built in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) =>
    isPlainObject(member) ? Object.fromEntries(Object.entries(member).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : member,
  );
}

/**
 * The cache key of a run: the service, the task, the REST parameters exactly as they go upstream
 * (inputs, `context`/`env:*`, `returnZ`/`returnM`) and who asks. The scope is `credentialKey` — callers with
 * tokens of their own never share an entry — and, where access control names callers, the caller: the
 * gateway's server credential may read what one app's callers may not see another's results of. Only the
 * anonymous callers of an open gateway share the gateway's entries (upstream sees one identity for all of
 * them). Hashed: Redis keys hold neither inputs nor tokens.
 */
export function runCacheKey(request: Pick<ExecuteRequest, 'serviceUrl' | 'taskName' | 'params' | 'credential' | 'caller'>): string {
  const caller = request.caller === undefined || request.caller === 'anonymous' ? undefined : request.caller;
  const text = canonicalJson({
    service: request.serviceUrl,
    task: request.taskName,
    params: request.params,
    scope: credentialKey(request.credential),
    ...(caller === undefined ? {} : { caller }),
  });
  return createHash('sha256').update(text).digest('base64url');
}
