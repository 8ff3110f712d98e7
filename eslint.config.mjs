// Lint enforces the architecture's dependency direction (ARCHITECTURE.md):
//   engine <- forms <- studio;  engine <- server;  examples -> engine, forms
// The engine imports no other civicflow package and nothing from Node or the DOM; no package
// reaches into another's src/ (deep imports); there are no import cycles.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const noDeepImports = {
  group: ['@civicflow/*/src', '@civicflow/*/src/*', '@civicflow/*/dist/*', '**/packages/**', '../../engine/**', '../../forms/**', '../../server/**', '../../studio/**'],
  message: 'Import another package through its public entry (@civicflow/<pkg> or a declared export), never its src/.',
};

/**
 * Code made from strings, beyond core ESLint's no-eval / no-new-func / no-implied-eval: `Function(…)`
 * without `new`, a function's `.constructor(…)` (the usual sandbox escape), `eval`/`Function`
 * reached through the global object, and Node's `vm` module (ARCHITECTURE.md: no eval, no new
 * Function, no vm; issue 7). reliability/test/noCodeFromStrings.reliability.test.ts plants each
 * form in every package and checks that lint catches it.
 */
const noCodeFromStrings = [
  { selector: "CallExpression[callee.type='Identifier'][callee.name='Function']", message: 'No code from strings: Function(…) is eval (issue 7).' },
  { selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='constructor']", message: 'No code from strings: calling a .constructor(…) reaches Function (issue 7).' },
  { selector: "MemberExpression[object.type='Identifier'][object.name=/^(globalThis|window|self|global)$/][property.name=/^(eval|Function)$/]", message: 'No code from strings: eval/Function through the global object (issue 7).' },
  // Core no-implied-eval knows only configured globals, and this configuration declares none.
  { selector: "CallExpression:matches([callee.name=/^(setTimeout|setInterval|setImmediate|execScript)$/], [callee.property.name=/^(setTimeout|setInterval|setImmediate|execScript)$/])[arguments.0.type=/^(Literal|TemplateLiteral|BinaryExpression)$/]", message: 'No code from strings: a timer takes a function, never a string (issue 7).' },
  { selector: "ImportDeclaration[source.value=/^(node:)?vm$/], ImportExpression[source.value=/^(node:)?vm$/], ExportNamedDeclaration[source.value=/^(node:)?vm$/], ExportAllDeclaration[source.value=/^(node:)?vm$/]", message: "No code from strings: Node's vm module runs strings as code (issue 7)." },
  { selector: "CallExpression[callee.name='require'][arguments.0.value=/^(node:)?vm$/]", message: "No code from strings: Node's vm module runs strings as code (issue 7)." },
];

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'stream', 'worker_threads', 'vm', 'process', 'buffer', 'events', 'timers'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.tools/**', '**/*.d.ts', '**/storybook-static/**'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.mjs'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX },
    // The TypeScript resolver maps `./x.js` imports to `./x.ts`; without it no-cycle sees nothing.
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['packages/*/tsconfig.json', 'packages/*/tsconfig.react.json', 'examples/tsconfig.json', 'examples/embed-node/tsconfig.json', 'examples/embed-react/tsconfig.json', 'examples/embed-react/tsconfig.node.json', 'bench/tsconfig.json', 'reliability/tsconfig.json'], conditionNames: ['@civicflow/source', 'types', 'import', 'default'], noWarnOnMultipleProjects: true })],
    },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': ['error', ...noCodeFromStrings],
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-nocheck': true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': ['error', { patterns: [noDeepImports] }],
    },
  },
  {
    // The engine is pure: no other civicflow package, no Node, no DOM, no clock, no randomness.
    files: ['packages/engine/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.filter((n) => !n.includes('*')).map((name) => ({ name, message: 'The engine is pure: no Node APIs (effects are returned as data).' })),
        patterns: [
          noDeepImports,
          { group: ['node:*'], message: 'The engine is pure: no Node APIs.' },
          { group: ['@civicflow/*'], message: 'The engine depends on no other civicflow package (dependency direction: engine <- forms <- studio, engine <- server).' },
          { group: ['react', 'react-dom', 'ajv', 'ajv/*', 'fastify', '@mikro-orm/*'], message: 'The engine depends on no UI, validator or server library: use a port (ports.ts).' },
        ],
      }],
      'no-restricted-globals': ['error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'fetch', 'XMLHttpRequest', 'process', 'require', 'setTimeout', 'setInterval', 'globalThis', 'Buffer'].map((name) => ({ name, message: 'The engine is pure and runs in Node and the browser: no host globals, no timers.' })),
      ],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'No clock in the engine: `now` comes with each command.' },
        { object: 'Math', property: 'random', message: 'No randomness in the engine: ids are derived deterministically.' },
      ],
      'no-restricted-syntax': ['error',
        ...noCodeFromStrings,
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No clock in the engine: `now` comes with each command.' },
      ],
    },
  },
  {
    // forms core runs in the browser and on the server: no Node, no React, and it may depend only on the engine.
    files: ['packages/forms/src/**/*.ts'],
    ignores: ['packages/forms/src/react/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          noDeepImports,
          { group: ['node:*'], message: 'forms core runs in the browser too: no Node APIs.' },
          { group: ['react', 'react-dom', 'react/*', 'react-dom/*', '@rjsf/*'], message: 'The forms core has no React: React code lives in src/react (the ./react entry).' },
          { group: ['@civicflow/server', '@civicflow/studio', '@civicflow/examples'], message: 'Dependency direction: forms depends only on the engine.' },
        ],
      }],
    },
  },
  {
    // The precompiled-validator generator (server side) answers rjsf's render-time questions ahead
    // of time by running rjsf's own schema functions: only @rjsf/utils/lib/… (React-free), never
    // rjsf's index (which loads React) nor React itself.
    files: ['packages/forms/src/standalone/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          noDeepImports,
          { group: ['node:*'], message: 'forms core runs in the browser too: no Node APIs.' },
          { regex: '^(react|react-dom)(/|$)|^@rjsf/(?!utils/lib/)', message: 'The standalone generator has no React: of rjsf it may use only the React-free @rjsf/utils/lib/… modules.' },
          { group: ['@civicflow/server', '@civicflow/studio', '@civicflow/examples'], message: 'Dependency direction: forms depends only on the engine.' },
        ],
      }],
    },
  },
  {
    files: ['packages/server/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noDeepImports, { group: ['@civicflow/studio', '@civicflow/examples'], message: 'Dependency direction: the server depends on the engine and forms only.' }] }] },
  },
  {
    // The embedding examples show a developer what they can copy: the public entry points of the
    // engine and forms only — no server, no studio, no test host, no other example's code.
    files: ['examples/embed-*/**/*.{ts,tsx,mts,mjs}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          noDeepImports,
          { group: ['@civicflow/server', '@civicflow/server/*', '@civicflow/studio', '@civicflow/studio/*', '@civicflow/examples', '@civicflow/engine/testing'], message: 'An embedding example uses only the public API: @civicflow/engine, @civicflow/forms (and ./react, ./standalone).' },
          { regex: '^(\\.\\./){2,}.*\\.(ts|tsx|js|mjs)$', message: 'An embedding example stands alone: no code from outside its folder (definitions as JSON are fine).' },
        ],
      }],
    },
  },
);
