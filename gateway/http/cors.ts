import type { CORSOptions, Plugin } from 'graphql-yoga';
import { PREFLIGHT_HEADERS } from './use-csrf-prevention.js';

/**
 * Which other origins browsers may let read the gateway's answers. Default: none, so only pages
 * of the gateway's own origin (GraphiQL) can (no `Access-Control-*` headers at all; Yoga's own
 * default would reflect every origin with credentials).
 */
export interface CorsPolicy {
  /** Exact origins (`https://app.example.com`), or `['*']` for any origin without credentials. */
  readonly origins: readonly string[];
  /** `Access-Control-Allow-Credentials: true` for the listed origins (never with `*`). Default false. */
  readonly credentials?: boolean;
  /** Seconds a browser may cache a preflight. Default 600. */
  readonly maxAgeSeconds?: number;
}

/** Yoga's `cors` option for a policy: per request, the headers for an allowed origin, none otherwise. */
export function yogaCors(policy: CorsPolicy = { origins: [] }): (request: Request) => CORSOptions {
  const any = policy.origins.includes('*');
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin === null || (!any && !policy.origins.includes(origin))) return false;
    return {
      // Yoga answers an allowed origin itself (for `*` too, as credentials are off there).
      origin: any ? '*' : [origin],
      credentials: !any && policy.credentials === true,
      methods: ['GET', 'POST'],
      allowedHeaders: [
        'content-type',
        'accept',
        'authorization',
        'x-esri-authorization',
        'x-api-key',
        'x-request-id',
        ...PREFLIGHT_HEADERS,
      ],
      // The request id a page sent (or the one made for it) is readable, to quote it in a bug report.
      exposedHeaders: ['x-request-id'],
      maxAge: policy.maxAgeSeconds ?? 600,
    };
  };
}

/** True when a browser page of `origin` may use the gateway (same host, or allowed by the policy). */
export function isOriginAllowed(origin: string | undefined, host: string | undefined, policy: CorsPolicy = { origins: [] }): boolean {
  if (origin === undefined) return true; // not a browser: CSRF needs the victim's browser
  if (policy.origins.includes('*') || policy.origins.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Answers depend on `Origin` whenever a policy lists origins: tell caches (Yoga omits it for one origin). */
export function useVaryOrigin(policy: CorsPolicy = { origins: [] }): Plugin {
  if (policy.origins.length === 0) return {};
  return {
    onResponse({ response }) {
      const vary = response.headers.get('vary');
      if (!vary?.toLowerCase().includes('origin')) response.headers.set('vary', vary ? `${vary}, Origin` : 'Origin');
    },
  };
}
