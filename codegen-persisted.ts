/**
 * GraphQL Code Generator for a client build that sends trusted documents (README › Persisted queries):
 * the client preset with `persistedDocuments: true` writes typed documents for the `graphql(...)` calls
 * of examples/persisted-documents.ts, each carrying its hash (`__meta__.hash`, `sha256:<hex>`), and
 * `examples/gql-persisted/persisted-documents.json`, the manifest the gateway's `--trusted-documents`
 * reads. Regenerate with `npx graphql-codegen --config codegen-persisted.ts`.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import base from './codegen.js';

const typed = (base.generates as Record<string, { config?: object }>)['examples/gql/'];

const config: CodegenConfig = {
  schema: base.schema,
  documents: ['examples/persisted-documents.ts'],
  ignoreNoDocuments: true,
  importExtension: '.js',
  generates: {
    'examples/gql-persisted/': {
      preset: 'client',
      // The same scalars and enum types as the other typed clients.
      config: typed?.config,
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
    },
  },
};

// eslint-disable-next-line no-restricted-syntax -- graphql-codegen reads the configuration's default export
export default config;
