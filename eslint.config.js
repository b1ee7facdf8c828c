// ESLint guards what the type checker cannot: feed and page strings must never reach an HTML
// sink. Deliberately small and fast (no type-aware rules); tsc covers unused variables, types
// and imports. `npx eslint .` runs in `npm test` (scripts/test-all.mjs).
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import tseslint from 'typescript-eslint';

const SOURCES = ['lib', 'components', 'entrypoints', 'bench', 'scripts', 'tests'].map(
  (dir) => `${dir}/**/*.{ts,tsx,mjs}`,
);

const HTML_SINK = 'Feed and page text is shown as text only: use textContent or JSX children, never an HTML sink.';

const DOCUMENT_WRITE = [
  { object: 'document', property: 'write', message: `document.write is forbidden. ${HTML_SINK}` },
  { object: 'document', property: 'writeln', message: `document.writeln is forbidden. ${HTML_SINK}` },
];

/**
 * Disable comments in the code name rules of setups we do not load (`react-hooks/...`); ESLint
 * fails on a directive for an unknown rule, so the name exists here and does nothing.
 */
const placeholderRule = {
  meta: { type: 'suggestion', schema: [], docs: { description: 'Not enforced in this setup.' } },
  create: () => ({}),
};
const reactHooksPlaceholder = {
  meta: { name: 'react-hooks-placeholder' },
  rules: { 'exhaustive-deps': placeholderRule, 'rules-of-hooks': placeholderRule },
};

/**
 * Import zones: the boundaries between the three jobs and the contexts they run in
 * (docs/architecture.md). `group` is gitignore-style and matches `@/lib/...` and relative
 * specifiers alike; `paths` forbids whole packages. tests/unit/properties/lint-guard.test.ts
 * proves each zone fails a deliberate violation.
 */
const zone = (files, group, message, paths = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { paths: paths.map((name) => ({ name, message })), patterns: [{ group, message }] },
    ],
  },
});

// Flat config lets the last matching block win for a rule, so every zone repeats the rule for all of lib/.
const LIB = ['**/components/**', '**/entrypoints/**'];

const ZONES = [
  zone(['lib/**'], LIB, 'lib/ holds logic; views live in components/ and import lib/, never the other way round.'),
  zone(
    ['lib/enrich/page/**', 'components/schedule-box/**', 'entrypoints/schedule.content.ts'],
    [
      ...LIB.filter((group) => group !== '**/components/**'),
      '**/archive/**',
      '**/poll/**',
      '**/tell/**',
      // Relative specifiers from inside enrich/ name the sibling folder only ('../answer/lookup').
      '**/answer/**',
      '**/related/**',
      '**/personal/**',
      '**/history/**',
      '**/ui/**',
      // The live job's store, polling and permissions are the worker's; its types are shared.
      '**/live/store*',
      '**/live/poll*',
      '**/live/service*',
      '**/live/permission*',
    ],
    'The content script runs inside pages others control: it asks the background (lib/messages.ts) and never opens the archive, the lists or the UI helpers.',
    ['dexie'],
  ),
  zone(
    ['lib/poll/**'],
    [...LIB, '**/tell/**', '**/enrich/**', '**/history/**', '**/ui/**'],
    'Poll fills the archive and nothing else; lib/background.ts decides who is told after a sync.',
    ['preact', 'preact/hooks'],
  ),
  zone(
    ['lib/archive/**'],
    [...LIB, '**/poll/**', '**/tell/**', '**/enrich/**', '**/history/**', '**/personal/**', '**/ui/**'],
    'The archive is the store all three jobs share: it knows none of them.',
    ['preact', 'preact/hooks'],
  ),
  zone(
    ['lib/history/**'],
    [...LIB, '**/tell/**', '**/ui/**', '**/answer/**', '**/page/**', '**/related/**', '**/personal/**'],
    'History fills the archive from media.ccc.de’s archive and tells no one; lib/background.ts wires it.',
    ['preact', 'preact/hooks'],
  ),
  zone(
    ['lib/live/**'],
    [...LIB, '**/tell/**', '**/enrich/**', '**/history/**', '**/personal/**', '**/ui/**', '**/archive/**'],
    'Live reads the streaming hosts into its own store; lib/background.ts tells it what the user follows and wires the rest.',
    ['preact', 'preact/hooks'],
  ),
  zone(
    ['lib/tell/**'],
    [...LIB, '**/poll/**', '**/enrich/**', '**/ui/**'],
    'Tell reads the archive and the personal settings; it never polls or enriches.',
    ['preact', 'preact/hooks'],
  ),
];

export default [
  {
    ignores: [
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      'bench/results/**',
      'test-results/**',
      'playwright-report/**',
      '.tmp/**',
    ],
  },
  {
    files: SOURCES,
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: 'latest',
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: true } },
      // Only the globals no-implied-eval needs to recognise `setTimeout('code')`; tsc knows the rest.
      globals: {
        setTimeout: 'readonly',
        setInterval: 'readonly',
        window: 'readonly',
        self: 'readonly',
        globalThis: 'readonly',
      },
    },
    linterOptions: {
      // The code carries `eslint-disable` comments for rules of other setups (react-hooks);
      // they are harmless here and must not fail the run.
      reportUnusedDisableDirectives: 'off',
    },
    plugins: {
      'no-unsanitized': noUnsanitized,
      '@typescript-eslint': tseslint.plugin,
      'react-hooks': reactHooksPlaceholder,
    },
    rules: {
      'no-unsanitized/method': 'error',
      'no-unsanitized/property': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: `dangerouslySetInnerHTML is forbidden. ${HTML_SINK}`,
        },
        {
          selector: "Property[key.name='dangerouslySetInnerHTML']",
          message: `dangerouslySetInnerHTML is forbidden. ${HTML_SINK}`,
        },
        {
          selector: "AssignmentExpression[left.property.name='outerHTML']",
          message: `Assigning outerHTML is forbidden. ${HTML_SINK}`,
        },
        {
          selector: "CallExpression[callee.name='eval']",
          message: 'eval is forbidden (and blocked by the extension CSP).',
        },
        {
          selector: "CallExpression[callee.property.name='eval']",
          message: 'eval is forbidden (and blocked by the extension CSP).',
        },
        {
          selector: "NewExpression[callee.name='Function']",
          message: 'new Function is forbidden (and blocked by the extension CSP).',
        },
        {
          selector: "CallExpression[callee.name='Function']",
          message: 'Function() is forbidden (and blocked by the extension CSP).',
        },
      ],
      'no-restricted-properties': [
        'error',
        { property: 'insertAdjacentHTML', message: `insertAdjacentHTML is forbidden. ${HTML_SINK}` },
        ...DOCUMENT_WRITE,
      ],
      'no-implied-eval': 'error',
      // A few cheap rules that find real bugs tsc lets through.
      'no-debugger': 'error',
      'no-self-assign': 'error',
      'no-self-compare': 'error',
      'no-dupe-else-if': 'error',
      'no-unsafe-finally': 'error',
      'no-cond-assign': ['error', 'except-parens'],
      'no-compare-neg-zero': 'error',
      'use-isnan': 'error',
      'no-sparse-arrays': 'error',
      'no-empty-character-class': 'error',
      'no-misleading-character-class': 'error',
    },
  },
  {
    // Tests build hostile fixtures inside a linkedom document from constant markup. The blanket
    // insertAdjacentHTML ban is lifted there; no-unsanitized still fails any interpolated value.
    files: ['tests/**/*.{ts,tsx,mjs}'],
    rules: { 'no-restricted-properties': ['error', ...DOCUMENT_WRITE] },
  },
  ...ZONES,
];
