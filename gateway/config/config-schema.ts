import { z } from 'zod';
import { effectiveTimeouts } from '../http/http-server.js';
import { webhookSecretProblem } from '../webhooks/webhook-signature.js';

/**
 * Every option of the gateway in one model: the config file is this shape, flags and environment
 * variables are mapped onto it (gateway/config/config-layers.ts), and one validation names the key,
 * its path and what is allowed for whichever layer set it. Objects are strict: an unknown key (a typo)
 * stops the start rather than being ignored.
 */

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const credential = z.union(
  [
    z.strictObject({ token: z.string().min(1) }),
    z.strictObject({ apiKey: z.string().min(1) }),
    z.strictObject({
      username: z.string().min(1),
      password: z.string().min(1),
      tokenUrl: httpUrl.optional(),
      expirationMinutes: positive.optional(),
    }),
    z.strictObject({
      clientId: z.string().min(1),
      clientSecret: z.string().min(1),
      portalUrl: httpUrl.optional(),
      expirationMinutes: positive.optional(),
      federated: z.boolean().optional(),
    }),
  ],
  {
    error:
      'must be {"token"}, {"apiKey"}, {"username", "password", "tokenUrl"?, "expirationMinutes"?} or {"clientId", "clientSecret", "portalUrl"?, "expirationMinutes"?, "federated"?}',
  },
);

const service = z.union(
  [httpUrl, z.strictObject({ url: httpUrl, alias: z.string().min(1).optional(), credential: credential.optional() })],
  {
    error: 'must be a GPServer URL or {"url", "alias"?, "credential"?}',
  },
);
const servicesRoot = z.union([httpUrl, z.strictObject({ url: httpUrl, credential: credential.optional() })], {
  error: 'must be a …/rest/services URL or {"url", "credential"?}',
});

/** `*`, or exactly an origin as browsers send it in `Origin`: scheme, host and port, nothing more. */
const isOrigin = (value: string): boolean =>
  value === '*' || (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) && new URL(value).origin === value);
const origin = z.string().refine(isOrigin, 'must be "*" or an origin such as https://app.example.com (scheme://host[:port], no path)');
const exactOrigin = z
  .string()
  .refine((value) => value !== '*' && isOrigin(value), 'must be an origin such as http://10.0.0.7:8080 (scheme://host[:port], no path)');

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export const LOG_FORMATS = ['auto', 'pretty', 'json'] as const;

export const gatewayConfigSchema = z.strictObject({
  port: z.number().int().min(0).max(65_535).default(4000),
  host: z.string().min(1).default('127.0.0.1'),
  services: z.array(service).default([]),
  servicesRoots: z.array(servicesRoot).default([]),
  refreshSeconds: positive.optional(),
  redisUrl: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  poll: z
    .strictObject({ floorMs: positive, ceilingMs: positive })
    .refine((poll) => poll.ceilingMs >= poll.floorMs, { error: 'ceilingMs must not be below floorMs', path: ['ceilingMs'] })
    .optional(),
  leaseMs: positive.optional(),
  logLevel: z.enum(LOG_LEVELS).default('info'),
  logFormat: z.enum(LOG_FORMATS).default('auto'),
  uploads: z.strictObject({ maxMb: positive.optional(), dir: z.string().min(1).optional() }).default({}),
  filesSecret: z.string().min(16, 'must be at least 16 characters').optional(),
  hideUpstreamUrls: z.boolean().default(false),
  timeouts: z
    .strictObject({ headersSeconds: positive.optional(), requestSeconds: positive.optional(), keepAliveSeconds: positive.optional() })
    .default({}),
  cors: z
    .strictObject({ origins: z.array(origin).default([]), credentials: z.boolean().default(false) })
    .default({ origins: [], credentials: false }),
  access: z
    .strictObject({
      apiKeys: z
        .array(
          z.strictObject({
            id: z.string().min(1),
            sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of the key, 64 hex digits (printf %s "$KEY" | sha256sum)'),
          }),
        )
        .default([]),
      jwt: z
        .strictObject({
          jwksUrl: z.url({ protocol: /^https?$/, error: "must be the http(s) URL of the identity provider's JWKS (its jwks_uri)" }),
          issuer: z.string().min(1),
          audience: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
          callerClaim: z.string().min(1).optional(),
          clockToleranceSeconds: nonNegative.optional(),
        })
        .optional(),
      operationsPerMinute: positive.int().optional(),
      concurrentJobsPerCaller: positive.int().optional(),
      upstreamUrlCallers: z.array(z.string().min(1)).optional(),
      subscriptionsPerCaller: positive.int().optional(),
      introspection: z.boolean().optional(),
    })
    // Without keys or JWTs every caller is the same one: a "per caller" limit would be one limit for all.
    .refine(
      (access) =>
        access.apiKeys.length > 0 ||
        access.jwt !== undefined ||
        (access.operationsPerMinute === undefined &&
          access.subscriptionsPerCaller === undefined &&
          access.concurrentJobsPerCaller === undefined),
      {
        error:
          'operationsPerMinute, concurrentJobsPerCaller and subscriptionsPerCaller count per caller: they need access.apiKeys or access.jwt',
      },
    )
    .default({ apiKeys: [] }),
  runDeadlineSeconds: positive.optional(),
  deadlines: z
    .strictObject({ defaultSeconds: positive.int().optional(), maxSeconds: positive.int().optional() })
    .refine((d) => d.defaultSeconds === undefined || d.maxSeconds === undefined || d.defaultSeconds <= d.maxSeconds, {
      error: 'deadlines.defaultSeconds (--job-deadline) may not exceed deadlines.maxSeconds (--max-job-deadline)',
    })
    .default({}),
  drainTimeoutSeconds: nonNegative.default(30),
  drainDelaySeconds: nonNegative.default(0),
  resultCacheMb: nonNegative.optional(),
  runCache: z
    .strictObject({
      tasks: z.array(z.string().regex(/^.+\/[^/]+$/, 'must name a task as <service name or alias>/<task>')).default([]),
      ttlSeconds: positive.optional(),
      maxMb: positive.optional(),
    })
    .optional(),
  webhooks: z
    .strictObject({
      secret: z
        .string()
        .superRefine((secret, context) => {
          const problem = webhookSecretProblem(secret);
          if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
        })
        .optional(),
      allowedOrigins: z.array(exactOrigin).default([]),
      timeoutSeconds: positive.optional(),
      retryForSeconds: positive.optional(),
    })
    .default({ allowedOrigins: [] }),
  workflows: z
    .strictObject({
      // Origins whose job results every configured server can read itself: hand-overs from them go by reference.
      referenceOrigins: z.array(exactOrigin).default([]),
    })
    .default({ referenceOrigins: [] }),
  trustedDocuments: z
    .strictObject({
      // Optional in each layer (the flag may name the file, the config file set `only`); required once merged.
      file: z.string().min(1).optional(),
      only: z.boolean().default(false),
      adHocCallers: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  plugins: z
    .array(
      z.strictObject({
        module: z.string().min(1),
        export: z.string().min(1).default('default'),
        options: z.unknown().optional(),
      }),
    )
    .default([]),
  otelEndpoint: z
    .url({ protocol: /^https?$/, error: 'must be the http(s) URL of an OTLP/HTTP collector, such as http://localhost:4318' })
    .optional(),
  limits: z
    .strictObject({
      maxDepth: positive.int().optional(),
      maxAliases: positive.int().optional(),
      maxNesting: positive.int().optional(),
      maxTokens: positive.int().optional(),
      maxDirectives: positive.int().optional(),
      maxCost: positive.int().optional(),
      blockFieldSuggestions: z.boolean().optional(),
      maxRequestBodyBytes: positive.int().optional(),
      maxSubscriptionsPerConnection: positive.int().optional(),
      maxSubscriptions: positive.int().optional(),
      connectionInitWaitTimeoutMs: positive.int().optional(),
    })
    .default({}),
});

const toMs = (seconds: number | undefined): number | undefined => (seconds === undefined ? undefined : seconds * 1000);

/**
 * The rules between options, checked on the merged configuration: one layer may set one option of a
 * pair and another layer the other, and an option left out counts at its effective default.
 */
export const effectiveConfigSchema = gatewayConfigSchema.superRefine((config, context) => {
  if (config.trustedDocuments !== undefined && config.trustedDocuments.file === undefined) {
    context.addIssue({
      code: 'custom',
      path: ['trustedDocuments', 'file'],
      message: 'trustedDocuments needs the manifest: trustedDocuments.file or --trusted-documents <file>',
    });
  }
  const { headersSeconds, requestSeconds } = config.timeouts;
  // Node cuts a request, headers included, at the request timeout: a longer headers timeout cannot hold.
  const timeouts = effectiveTimeouts({ headersMs: toMs(headersSeconds), requestMs: toMs(requestSeconds) });
  if (timeouts.headersMs > timeouts.requestMs) {
    const request = `${timeouts.requestMs / 1000} s${requestSeconds === undefined ? ' by default' : ''}`;
    context.addIssue({
      code: 'custom',
      path: ['timeouts', 'headersSeconds'],
      message: `${timeouts.headersMs / 1000} s (--headers-timeout) must not exceed timeouts.requestSeconds, ${request} (--request-timeout): a request's headers are part of the request`,
    });
  }
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
/** What one layer (file, environment, flags) sets, before validation. */
export type ConfigLayer = Record<string, unknown>;
