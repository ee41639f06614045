// Lint: typescript-eslint's recommended rules, and the layers of docs/architecture.md enforced by
// no-restricted-imports (each layer may import only what the table there says).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const EDITOR_APIS = [
  'vscode',
  'vscode-languageserver',
  'vscode-languageserver/*',
  'vscode-languageserver-textdocument',
  'vscode-languageclient',
  'vscode-languageclient/*',
];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.vscode-test/**', '**/*.js', '**/*.mjs', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // In the product, a value that may be missing is checked (a type guard, a checked accessor such as
    // pieceOfChunk), not asserted with "!"; the few places where the check would cost a hot loop say why.
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'error' },
  },
  {
    // The analysis core: pure functions, no editor, nothing of the server around it.
    files: ['server/src/analysis/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: EDITOR_APIS.map((name) => ({ name, message: 'The analysis core has no editor imports: the CLI and the tests call it too.' })),
          // protocol.ts is the one exception: names and constants shared with the client, importing nothing.
          patterns: [{ group: ['../*', '!../protocol'], message: 'The analysis core imports nothing outside server/src/analysis.' }],
        },
      ],
    },
  },
  {
    files: ['server/src/analysis/*/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: EDITOR_APIS.map((name) => ({ name, message: 'The analysis core has no editor imports: the CLI and the tests call it too.' })),
          patterns: [{ group: ['../../*'], message: 'The analysis core imports nothing outside server/src/analysis.' }],
        },
      ],
    },
  },
  {
    // Rules and providers are written against the model and the query layer alone: the parser, the
    // carry machinery and the timeline's pieces stay behind analysis/query.ts.
    files: ['server/src/analysis/rules/**/*.ts', 'server/src/analysis/providers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: EDITOR_APIS.map((name) => ({ name, message: 'The analysis core has no editor imports: the CLI and the tests call it too.' })),
          patterns: [
            { group: ['../../*'], message: 'The analysis core imports nothing outside server/src/analysis.' },
            {
              group: ['../parse', '../incremental/*', '../timeline', '../timeline/*', '../query/*'],
              message: 'Rules and providers ask the model through ../query (docs/architecture.md): the incremental machinery stays behind it.',
            },
          ],
        },
      ],
    },
  },
  {
    // The server, its features and the CLI: one door into the core.
    files: ['server/src/*.ts', 'server/src/features/**/*.ts', 'server/src/cli/**/*.ts', 'server/src/preview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?:\\./|\\.\\./)+analysis/(?!index$).+', message: 'Import the analysis core through server/src/analysis/index.ts, its one door.' },
          ],
        },
      ],
    },
  },
  {
    // The client asks the server: it may share the protocol's names and types, nothing else of it.
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?:\\.\\./)+server/src/(?!protocol$).+', message: 'The client asks the server over LSP; it may import server/src/protocol.ts only.' },
          ],
        },
      ],
    },
  },
);
