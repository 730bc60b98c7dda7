import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Credential } from '../auth/credential.js';
import type { JobRef } from '../jobs/job-state.js';

/** Whose file a link names: a job's result (read as the job is read), or a synchronous run's (its caller's). */
export type FileSource = { readonly job: JobRef } | { readonly credential: Credential };

/** What a verified link grants. */
export interface FileGrant {
  readonly url: string;
  readonly job?: JobRef;
  /** SHA-256 of the credential that ran a synchronous task: only it may download. */
  readonly credentialDigest?: string;
}

interface Payload {
  readonly u: string;
  readonly j?: JobRef;
  readonly c?: string;
  /** Expiry, epoch ms. */
  readonly e: number;
}

export function credentialDigest(credential: Credential): string {
  return createHash('sha256').update(credential.kind === 'caller' ? `caller\n${credential.token}` : 'gateway').digest('base64url');
}

/**
 * Gateway URLs for upstream file results (`/files/<id>`). The id is the upstream URL and its source,
 * signed (HMAC-SHA256) so it cannot be forged or pointed elsewhere, with an expiry. Instances that
 * share a secret accept each other's links (scale-out); by default each gateway draws its own.
 */
export class FileLinks {
  private readonly secret: Buffer;

  constructor(
    secret: string | undefined,
    private readonly ttlMs = 24 * 60 * 60_000,
    private readonly now: () => number = Date.now,
  ) {
    this.secret = secret === undefined ? randomBytes(32) : Buffer.from(secret, 'utf8');
  }

  id(url: string, source: FileSource): string {
    const payload: Payload = 'job' in source ? { u: url, j: source.job, e: this.now() + this.ttlMs } : { u: url, c: credentialDigest(source.credential), e: this.now() + this.ttlMs };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The grant of a valid, unexpired id; undefined for anything else. */
  verify(id: string): FileGrant | undefined {
    const [body = '', mac = ''] = id.split('.');
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let payload: Payload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
    } catch {
      return undefined;
    }
    if (typeof payload.u !== 'string' || !(payload.e > this.now())) return undefined;
    return { url: payload.u, job: payload.j, credentialDigest: payload.c };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
