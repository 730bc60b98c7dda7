import type { Plugin } from 'graphql-yoga';
import { GraphQLError, type Source } from 'graphql';
import { ERROR_CODES } from '../../core/errors/error-codes.js';

/**
 * Whether a GraphQL source nests `{`, `[` or `(` deeper than `limit`, outside strings, block strings and
 * comments (https://spec.graphql.org/October2021/#sec-Language.Source-Text). One pass, no recursion:
 * it runs before the parser, whose recursive descent overflows the stack on a few thousand levels —
 * fewer tokens than the token limit allows.
 */
export function nestsDeeperThan(source: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source.charCodeAt(i);
    if (ch === 0x23 /* # */) {
      while (i < source.length && source.charCodeAt(i) !== 0x0a && source.charCodeAt(i) !== 0x0d) i++;
    } else if (ch === 0x22 /* " */) {
      const block = source.startsWith('"""', i);
      i += block ? 3 : 1;
      while (i < source.length) {
        if (block ? source.startsWith('"""', i) && source.charCodeAt(i - 1) !== 0x5c : source.charCodeAt(i) === 0x22) break;
        if (!block && source.charCodeAt(i) === 0x5c) i++;
        if (!block && (source.charCodeAt(i) === 0x0a || source.charCodeAt(i) === 0x0d)) break;
        i++;
      }
      if (block) i += 2;
    } else if (ch === 0x7b || ch === 0x5b || ch === 0x28) {
      if (++depth > limit) return true;
    } else if (ch === 0x7d || ch === 0x5d || ch === 0x29) {
      depth = Math.max(0, depth - 1);
    }
  }
  return false;
}

/** Refuses, before parsing, a document nested deeper than `limit` brackets (OPERATION_LIMIT_EXCEEDED, limit "nesting"). */
export function useNestingGuard(limit: number): Plugin {
  return {
    onParse({ params }) {
      const given = params.source as string | Source;
      const source = typeof given === 'string' ? given : given.body;
      if (nestsDeeperThan(source, limit)) {
        // A request error (GraphQL over HTTP): 400, as for a syntax error.
        throw new GraphQLError(`The document nests brackets more than ${limit} deep.`, {
          extensions: { code: ERROR_CODES.OPERATION_LIMIT_EXCEEDED, limit: 'nesting', http: { status: 400 } },
        });
      }
    },
  };
}
