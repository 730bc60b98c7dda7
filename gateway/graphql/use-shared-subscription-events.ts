import { BREAK, createSourceEventStream, execute, visit, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { isAsyncIterable, mapAsyncIterator, type Plugin } from 'graphql-yoga';

/** Small numbers for objects that have no name: parsed documents (one per text, from the parse cache) and schemas. */
function identities(): (object: object) => number {
  const ids = new WeakMap<object, number>();
  let next = 0;
  return (object) => {
    let id = ids.get(object);
    if (id === undefined) ids.set(object, (id = ++next));
    return id;
  };
}

/** What besides the event decides a subscriber's payload; the context fields the resolvers read. */
interface SharingContext {
  readonly request?: unknown;
  readonly showUpstream?: boolean;
  readonly upstreamInErrors?: boolean;
}

type Executed = ReturnType<typeof execute>;

const incrementalDocuments = new WeakMap<DocumentNode, boolean>();

/** Whether a document asks for incremental delivery (`@defer`, `@stream`): once per parsed document. */
function isIncremental(document: DocumentNode): boolean {
  let found = incrementalDocuments.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      Directive(node) {
        if (node.name.value === 'defer' || node.name.value === 'stream') {
          found = true;
          return BREAK;
        }
        return undefined;
      },
    });
    incrementalDocuments.set(document, found);
  }
  return found;
}

/**
 * Subscribers of one stream that sent the same operation share each event's execution: the payload
 * is computed once per (event, operation) and handed to each of them, instead of once per
 * subscriber (with 1,000 subscribers of one job, 1,000 executions of the same selection on the same
 * state). An event is shared when its source hands every subscriber the same object (the job views
 * of `jobUpdates`, one per state and messages seen); otherwise nothing is shared and nothing changes.
 *
 * The operation's identity: schema, parsed document (the parse cache gives one object per text),
 * operation name, variables, and the context the resolvers read (whether upstream URLs are shown).
 * Only graphql-ws subscriptions share: an SSE subscription's context holds its HTTP request, whose
 * end would abort an execution others wait on. Register before plugins that wrap `subscribe` (they
 * then wrap this one): it starts the source stream itself and maps it.
 */
export function useSharedSubscriptionEvents(): Plugin {
  const idOf = identities();
  const executions = new WeakMap<object, Map<string, Executed>>();

  const shared = (payload: unknown, key: string, args: ExecutionArgs): Executed => {
    if (typeof payload !== 'object' || payload === null) return execute({ ...args, rootValue: payload });
    let byKey = executions.get(payload);
    if (!byKey) executions.set(payload, (byKey = new Map<string, Executed>()));
    let result = byKey.get(key);
    if (result === undefined) byKey.set(key, (result = execute({ ...args, rootValue: payload })));
    return result;
  };

  return {
    onSubscribe({ args, setSubscribeFn }) {
      const context = args.contextValue as SharingContext;
      // Incremental delivery needs Yoga's executor (graphql-js's `execute` here would inline deferred parts).
      if (context.request !== undefined || isIncremental(args.document as DocumentNode)) return;
      const key = [
        idOf(args.schema as GraphQLSchema),
        idOf(args.document as DocumentNode),
        args.operationName ?? '',
        JSON.stringify(args.variableValues ?? {}),
        String(context.showUpstream ?? true),
        String(context.upstreamInErrors ?? false),
      ].join('\n');
      setSubscribeFn(async (subscribeArgs: ExecutionArgs) => {
        const source = await createSourceEventStream(subscribeArgs);
        if (!isAsyncIterable(source)) return source;
        return mapAsyncIterator(source, (payload: unknown) => shared(payload, key, subscribeArgs));
      });
    },
  };
}
