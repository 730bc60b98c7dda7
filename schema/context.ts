import { GATEWAY_CREDENTIAL, type Credential } from '../core/credential.js';
import type { FileSource } from '../core/files/file-links.js';
import type { JobAccess } from '../core/jobs/job-operations.js';
import type { ResultLoader } from '../resolvers/result-loader.js';

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
   * Whether this caller may see upstream URLs (`GPService.url`, `FileReference.upstreamUrl`, URLs in
   * error messages): false where the deployment keeps upstream hosts private, except for the callers
   * it names. Absent: shown.
   */
  readonly showUpstream?: boolean;
}

export interface FileLinker {
  /** The gateway URL that streams `upstreamUrl` to whoever may read its source. */
  link(upstreamUrl: string, source: FileSource): string;
}

/** The credential and lifetime of a request, as upstream calls take them. */
export function accessOf(context: GatewayContext): JobAccess {
  return { credential: context.credential ?? GATEWAY_CREDENTIAL, signal: context.signal, caller: context.caller };
}
