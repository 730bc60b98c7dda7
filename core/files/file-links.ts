import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '../clock.js';
import type { Credential } from '../credential.js';
import type { JobRef } from '../jobs/job-state.js';

/** Whose file a link names: a job's result (read as the job is read), or a synchronous run's (its caller's). */
export type FileSource = { readonly job: JobRef } | { readonly credential: Credential };

/** What a verified link grants. */
export interface FileGrant {
  readonly url: string;
  readonly job?: JobRef;
  /** SHA-256 of the credential that ran a synchronous task: only it may download. */
  readonly credentialDigest?: string;
  /** The gateway caller (API key id, `jwt:<claim>`) the link was made for, when access control is on. */
  readonly caller?: string;
}

interface Payload {
  readonly u: string;
  readonly j?: JobRef;
  readonly c?: string;
  readonly h?: string;
  /** Expiry, epoch ms. */
  readonly e: number;
}

/**
 * How long a link made for a caller of access control lasts: it is a capability that a browser follows
 * without the caller's key (an `<img>` or `<a>` sends no header), so it is short-lived. A client that
 * needs the file later asks for `FileReference.url` again.
 */
export const CALLER_LINK_TTL_MS = 15 * 60_000;

export function credentialDigest(credential: Credential): string {
  return createHash('sha256')
    .update(credential.kind === 'caller' ? `caller\n${credential.token}` : 'gateway')
    .digest('base64url');
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Gateway URLs for upstream file results (`/files/<id>`). The id holds the upstream URL, its source and
 * an expiry, sealed with AES-256-GCM: it cannot be forged or altered, and it does not show the upstream
 * host to whoever holds it (for deployments that keep upstream hosts private). With access control a
 * link also names the caller it was made for (gateway/http/serve-files.ts). Instances that share a secret accept
 * each other's links (scale-out); by default each gateway draws its own key.
 */
export class FileLinks {
  private readonly key: Buffer;

  constructor(
    secret: string | undefined,
    private readonly ttlMs = 24 * 60 * 60_000,
    private readonly clock: Pick<Clock, 'now'> = systemClock,
  ) {
    this.key = secret === undefined ? randomBytes(32) : createHash('sha256').update(`gp-graphql-gateway files\n${secret}`).digest();
  }

  /** `caller`: the gateway caller the link is for (access control on); it then lasts `CALLER_LINK_TTL_MS` at most. */
  id(url: string, source: FileSource, caller?: string): string {
    const e = this.clock.now() + (caller === undefined ? this.ttlMs : Math.min(this.ttlMs, CALLER_LINK_TTL_MS));
    const payload: Payload = {
      u: url,
      ...('job' in source ? { j: source.job } : { c: credentialDigest(source.credential) }),
      ...(caller === undefined ? {} : { h: caller }),
      e,
    };
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
  }

  /** The grant of a valid, unexpired id; undefined for anything else. */
  verify(id: string): FileGrant | undefined {
    const raw = Buffer.from(id, 'base64url');
    if (raw.length <= IV_BYTES + TAG_BYTES) return undefined;
    let payload: Payload;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
      payload = JSON.parse(plain.toString('utf8')) as Payload;
    } catch {
      return undefined;
    }
    if (typeof payload.u !== 'string' || !(payload.e > this.clock.now())) return undefined;
    return { url: payload.u, job: payload.j, credentialDigest: payload.c, caller: payload.h };
  }
}
