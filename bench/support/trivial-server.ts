/**
 * B2's baselines, each in its own process: `http` — bare `node:http` answering a fixed JSON body;
 * `yoga` — bare GraphQL Yoga over a one-field schema. Both read the request body (as a GraphQL
 * server must) before answering. Prints `listening <url>`; exits on SIGTERM.
 */
import type { RequestListener } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';
import { servePeer } from './serve-peer.js';

const kind = process.argv[2];
const ANSWER = JSON.stringify({ data: { __typename: 'Query' } });

const bareHttp: RequestListener = (req, res) => {
  req.resume();
  req.once('end', () => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(ANSWER) });
    res.end(ANSWER);
  });
};

function yogaListener(): RequestListener {
  const yoga = createYoga({
    schema: createSchema({ typeDefs: 'type Query { hello: String! }', resolvers: { Query: { hello: () => 'world' } } }),
    logging: false,
    graphiql: false,
  });
  return (req, res) => {
    void yoga(req, res);
  };
}

const listener: RequestListener = kind === 'yoga' ? yogaListener() : bareHttp;

await servePeer(listener);
