import { systemClock, type Clock } from '../../core/clock.js';
import type { RestClient } from '../arcgis/rest-client.js';
import type { ServerTokens } from './authorized-clients.js';
import type { ServerCredentialConfig } from './server-credentials.js';
import { createServerToken } from './server-token.js';

export interface ServerCredentialEntry {
  readonly url: string;
  readonly credential: ServerCredentialConfig;
}

/** One token source per configured service or services root, keyed by its URL (no query, no alias). */
export function serverTokensFor(
  entries: readonly ServerCredentialEntry[],
  tokenClient: RestClient,
  clock: Pick<Clock, 'now'> = systemClock,
): ServerTokens {
  return new Map(
    entries.map(({ url, credential }) => {
      const base = url.replace(/[?#].*$/s, '').replace(/\/+$/, '');
      return [base, createServerToken(base, credential, tokenClient, clock)] as const;
    }),
  );
}
