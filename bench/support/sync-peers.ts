/**
 * B1's peers, each in its own process, fronting the same EchoAllTypes execute as the gateway:
 * `yoga-fetch` — what a developer would write instead of this gateway: a bare GraphQL Yoga server
 * with one hand-written mutation whose resolver POSTs the form with `fetch` and maps the results;
 * `forwarder` — the floor: `node:http` reading the GraphQL request and forwarding a fixed form to the
 * execute URL over a keep-alive agent, piping the answer back (no GraphQL at all).
 * Usage: sync-peers.ts <kind> <execute URL> <form>. Prints `listening <url>`; exits on SIGTERM.
 */
import { Agent, request, type RequestListener } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';
import { servePeer } from './serve-peer.js';

const [kind = '', executeUrl = '', form = ''] = process.argv.slice(2);

interface EchoAnswer {
  readonly results?: readonly { readonly paramName: string; readonly value: unknown }[];
}

function yogaFetch(): RequestListener {
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: /* GraphQL */ `
        type LinearUnit {
          distance: Float
          units: String
        }
        type EchoResults {
          outString: String
          outLong: Int
          outLinearUnit: LinearUnit
        }
        type EchoResult {
          results: EchoResults
        }
        input LinearUnitInput {
          distance: Float!
          units: String!
        }
        input EchoAllTypesInput {
          inString: String
          inLong: Int
          inLinearUnit: LinearUnitInput
        }
        type Query {
          ok: Boolean
        }
        type Mutation {
          runEchoAllTypes(input: EchoAllTypesInput!): EchoResult
        }
      `,
      resolvers: {
        Mutation: {
          runEchoAllTypes: async () => {
            const answer = (await (
              await fetch(executeUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form })
            ).json()) as EchoAnswer;
            const value = (name: string): unknown => answer.results?.find((r) => r.paramName === name)?.value;
            const unit = value('Out_Linear_Unit') as { distance?: number; units?: string } | undefined;
            return {
              results: {
                outString: value('Out_String'),
                outLong: value('Out_Long'),
                outLinearUnit: unit && { distance: unit.distance, units: unit.units?.replace(/^esri/, '').toUpperCase() },
              },
            };
          },
        },
      },
    }),
    logging: false,
    graphiql: false,
  });
  return (req, res) => {
    void yoga(req, res);
  };
}

function forwarder(): RequestListener {
  const agent = new Agent({ keepAlive: true });
  const target = new URL(executeUrl);
  return (req, res) => {
    req.resume();
    req.once('end', () => {
      const upstream = request(
        target,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(form) },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json' });
          answer.pipe(res);
        },
      );
      upstream.once('error', () => res.writeHead(502).end());
      upstream.end(form);
    });
  };
}

await servePeer(kind === 'yoga-fetch' ? yogaFetch() : forwarder());
