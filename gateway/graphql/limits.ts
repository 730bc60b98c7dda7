import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLError, ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { limitExceeded, type LimitName } from './limit-error.js';
import { useNestingGuard } from './nesting-guard.js';
import { useNoSuggestions } from './use-no-suggestions.js';

/**
 * Every limit the gateway puts on what a client may ask. The defaults leave every legitimate
 * operation of this gateway far below them (measured: GraphiQL's introspection query is 184
 * tokens, introspection itself is exempt from depth and cost; the services overview, the
 * `run<Task>` examples and a job subscription with fragments are at most depth 5, cost 170).
 */
export interface GraphqlLimits {
  /** Deepest field nesting; fragments do not add a level, `__schema` is exempt. Default 10. */
  readonly maxDepth: number;
  /** Aliased fields in one operation (`__typename` exempt). Default 30. */
  readonly maxAliases: number;
  /** Bracket nesting (`{`, `[`, `(`) of one document, checked before parsing. Default 100. */
  readonly maxNesting: number;
  /** Lexical tokens of one document: pass geometry as variables, not literals. Default 10,000. */
  readonly maxTokens: number;
  /** Directives in one operation. Default 50. */
  readonly maxDirectives: number;
  /** graphql-armor's cost (object 2, scalar 1, ×1.5 per level; introspection exempt). Default 5,000. */
  readonly maxCost: number;
  /** Hide "Did you mean …?" in every error. Default: on when NODE_ENV is production; always on when introspection is off. */
  readonly blockFieldSuggestions: boolean;
  /** Bytes of one HTTP request body or WebSocket message; larger ones get 413 (or close 1009). Default 1 MiB. */
  readonly maxRequestBodyBytes: number;
  /** Operations running at once on one graphql-ws connection. Default 100. */
  readonly maxSubscriptionsPerConnection: number;
  /** Subscriptions running at once in the process, graphql-ws and SSE together. Default 10,000. */
  readonly maxSubscriptions: number;
  /** graphql-ws: a socket without `connection_init` by then is closed with 4408. Default 3 s. */
  readonly connectionInitWaitTimeoutMs: number;
}

export function defaultGraphqlLimits(env: NodeJS.ProcessEnv = process.env): GraphqlLimits {
  return {
    maxDepth: 10,
    maxAliases: 30,
    maxNesting: 100,
    maxTokens: 10_000,
    maxDirectives: 50,
    maxCost: 5_000,
    blockFieldSuggestions: env.NODE_ENV === 'production',
    maxRequestBodyBytes: 1024 * 1024,
    maxSubscriptionsPerConnection: 100,
    maxSubscriptions: 10_000,
    connectionInitWaitTimeoutMs: 3_000,
  };
}

export function resolveGraphqlLimits(overrides: Partial<GraphqlLimits> = {}): GraphqlLimits {
  // `{ maxDepth: undefined }` (an unset CLI flag) keeps the default.
  const defined: Partial<GraphqlLimits> = Object.fromEntries(
    Object.entries(overrides).filter((entry: [string, unknown]) => entry[1] !== undefined),
  );
  return { ...defaultGraphqlLimits(), ...defined };
}

/**
 * graphql-armor's rules report through the validation context instead of throwing, so that a
 * refused operation is an ordinary validation error (HTTP 400 for graphql-response+json, an
 * `error` message over graphql-ws) with the catalogue's code.
 */
function reportAs(limit: LimitName) {
  return {
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        context?.reportError(limitExceeded(limit, error));
      },
    ],
  };
}

/** The Yoga/envelop plugins enforcing the document limits (body size and subscriptions are elsewhere). */
export function limitPlugins(limits: GraphqlLimits): Plugin[] {
  const plugins: Plugin[] = [
    // Before the parser, which recurses once per level and would overflow the stack first.
    useNestingGuard(limits.maxNesting),
    // The token limit works inside the parser, where there is no validation context: it throws.
    maxTokensPlugin({
      n: limits.maxTokens,
      onReject: [
        (_context, error) => {
          throw limitExceeded('tokens', error);
        },
      ],
    }),
    maxDepthPlugin({ n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, ...reportAs('depth') }),
    maxAliasesPlugin({ n: limits.maxAliases, ...reportAs('aliases') }),
    maxDirectivesPlugin({ n: limits.maxDirectives, ...reportAs('directives') }),
    costLimitPlugin({ maxCost: limits.maxCost, flattenFragments: true, ignoreIntrospection: true, ...reportAs('cost') }),
  ];
  if (limits.blockFieldSuggestions) plugins.push(useNoSuggestions());
  return plugins;
}
