import { GATEWAY_CREDENTIAL, type Credential } from '../core/credential.js';
import type { FileSource } from '../core/files/file-links.js';
import type { JobAccess } from '../core/jobs/job-operations.js';
import type { ResultLoader } from '../resolvers/result-loader.js';
import type { RunCacheOutcome } from '../resolvers/execute-result.js';

/** What every GraphQL request carries to the resolvers. */
export interface GatewayContext {
  /** Aborted when the client goes away: upstream calls made for the request stop too. */
  readonly signal?: AbortSignal;
  /** Whose authority upstream calls carry: the caller's token, or the gateway's (server credential or none). */
  readonly credential?: Credential;
  /** Who called, by access control's key id (`anonymous` without access control): per-caller limits count by it. */
  readonly caller?: string;
  /** Lazy job results, created per request (see resolvers/result-loader.ts). */
  readonly results?: ResultLoader;
  /** Gateway URLs for upstream file results (`/files/<id>`); without it, files keep their upstream URL. */
  readonly files?: FileLinker;
  /**
   * Whether this caller may see upstream URLs in data (`GPService.url`, `FileReference.upstreamUrl`,
   * `ResultMapService.url`): false where the deployment keeps upstream hosts private, except for the
   * callers it names. Absent: shown.
   */
  readonly showUpstream?: boolean;
  /**
   * Whether error messages (GraphQL errors, job faults, service errors) may name upstream hosts: only
   * for the callers the deployment names as operators (`access.upstreamUrlCallers`); everyone else reads
   * `[upstream]/Folder/Name/GPServer/…`, and the full URL is in the log line of the same request id.
   * Absent: hidden.
   */
  readonly upstreamInErrors?: boolean;
  /** Run-cache outcomes of this operation's fields, sent back in `extensions.runCache` (README › Cached runs). */
  readonly runCache?: RunCacheNote[];
}

export interface RunCacheNote extends RunCacheOutcome {
  /** The response key: the field's alias, or its name. */
  readonly field: string;
}

export interface FileLinker {
  /** The gateway URL that streams `upstreamUrl` to whoever may read its source. */
  link(upstreamUrl: string, source: FileSource): string;
}

/** The credential and lifetime of a request, as upstream calls take them. */
export function accessOf(context: GatewayContext): JobAccess {
  return { credential: context.credential ?? GATEWAY_CREDENTIAL, signal: context.signal, caller: context.caller };
}
