// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers (docs/ARCHITECTURE.md): each folder may import only the folders listed for it, so a
 * wrong-way import fails `npm run lint`. Leaves import nothing of the project but gp-rest.
 */
const FOLDERS = ['core', 'gp-rest', 'geo', 'multipart', 'resolvers', 'schema', 'gateway', 'gpserver', 'test', 'bench', 'demo', 'examples'];
const MAY_IMPORT = {
  'gp-rest': [],
  geo: [],
  multipart: [],
  core: ['gp-rest'],
  resolvers: ['core', 'gp-rest', 'geo'],
  schema: ['resolvers', 'core', 'gp-rest', 'geo'],
  gateway: ['schema', 'resolvers', 'core', 'gp-rest', 'geo', 'multipart'],
  gpserver: ['gp-rest', 'geo', 'multipart'],
  // Client programs, as a frontend team writes them: npm client libraries only, nothing of the project.
  examples: [],
};
/** @param {string} folder @param {string[]} allowed */
const layerRule = (folder, allowed) => ({
  files: [`${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: FOLDERS.filter((other) => other !== folder && !allowed.includes(other)).map((other) => ({
          regex: `^(\\.\\./)+${other}/`,
          message: `${folder}/ may import only ${allowed.join(', ') || 'nothing of the project'} (docs/ARCHITECTURE.md, "Layers").`,
        })),
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'coverage/', 'dist/', 'demo/dist/', 'test-artifacts/', 'examples/gql/', 'examples/gql-persisted/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'gpserver/worker/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='setInterval']", message: 'Use setTimeout chains: nothing here owns the clock.' },
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
      ],
    },
  },
  ...Object.entries(MAY_IMPORT).map(([folder, allowed]) => layerRule(folder, allowed)),
  // The embedded default is the gateway's one way into the GPServer.
  { ...layerRule('gateway', [...MAY_IMPORT.gateway, 'gpserver']), files: ['gateway/cli/embedded-sources.ts'] },
  {
    // vitest's asymmetric matchers (expect.any, expect.stringMatching…) are typed `any`.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // Tool configuration files are loaded through their default export.
    files: ['*.config.js', '*.config.ts', 'demo/vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
