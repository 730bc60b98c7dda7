/**
 * A client build that sends trusted documents, as a gateway with `trustedDocuments.only` requires:
 * the documents are typed by GraphQL Code Generator (codegen-persisted.ts) and go out as their
 * `documentId` (the hash codegen put in `__meta__.hash`), never as text; the gateway runs them from
 * the manifest it was started with (`--trusted-documents examples/gql-persisted/persisted-documents.json`).
 *
 *   npx tsx examples/persisted-documents.ts [http://localhost:4000/graphql]
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { graphql } from './gql-persisted/index.js';

const SUBMIT = graphql(`
  mutation SubmitStatistics($bands: Long!) {
    submitElevationStatisticsJob(input: { bandCount: $bands, stepDelayMs: 0 }) {
      id
      status
    }
  }
`);

const JOB = graphql(`
  query JobStatus($id: ID!) {
    job(id: $id) {
      id
      status
      final
    }
  }
`);

/** Posts a document by its id; the typed document gives the variables' and the result's types. */
async function run<R, V>(url: string, document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const documentId = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ documentId, variables }),
  });
  const { data, errors } = (await response.json()) as { data?: R; errors?: { message: string }[] };
  if (!data) throw new Error(errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`);
  return data;
}

export async function runPersistedDocumentsExample(url: string, print: (line: string) => void = console.log): Promise<string> {
  const { submitElevationStatisticsJob: job } = await run(url, SUBMIT, { bands: 1 });
  print(`submitted ${job.id}: ${job.status}`);
  for (;;) {
    const { job: now } = await run(url, JOB, { id: job.id });
    if (now?.final) {
      print(`  ${now.status}`);
      return now.status;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  await runPersistedDocumentsExample(process.argv[2] ?? 'http://localhost:4000/graphql');
}
