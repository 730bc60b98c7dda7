/**
 * GraphQL Code Generator for the gateway's clients (README › Typed clients): the client preset
 * writes typed documents for `graphql(...)` calls in `examples/`. The schema is the SDL the gateway
 * prints (`npm run --silent sdl > schema.graphql`; the examples use the embedded services' SDL, or
 * point `schema` at a running gateway's URL when introspection is on).
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: process.env.GATEWAY_SCHEMA ?? 'examples/schema.graphql',
  // The examples that type their documents with the generated `graphql()` (the others show untyped clients).
  documents: ['examples/graphql-request.ts', 'examples/workflow.ts'],
  ignoreNoDocuments: true,
  // ESM under NodeNext resolution: relative imports need their extension.
  importExtension: '.js',
  generates: {
    'examples/gql/': {
      preset: 'client',
      config: {
        // What the gateway sends and takes for its scalars (README › GP data types → GraphQL).
        scalars: {
          JSON: 'unknown',
          Long: { input: 'number | string', output: 'number | string' },
          DateTime: { input: 'string', output: 'string' },
          Upload: { input: 'File | Blob', output: 'never' },
        },
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

// eslint-disable-next-line no-restricted-syntax -- graphql-codegen reads the configuration's default export
export default config;
