import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// The layering from ARCHITECTURE.md: app → components → lib, never back; the browser-side code never
// reaches the server-only modules; schemas and diagnostics stay pure so both sides can use them.
const serverOnly = ['./lib/instantly', './lib/store', './lib/server', './lib/worker', './lib/simulator'];

// Production files of lib/store: tests and their helpers may drive the simulator and the worker.
// db.ts reads the process config (lib/server/config) for now; it moves out of the zone's way later.
const storeSources = './lib/store/**/!(db|*.test|*test-helpers).ts';

const zones = [
  {
    target: './lib',
    from: ['./app', './components', './e2e'],
    message: 'lib never imports app, components or e2e.',
  },
  {
    target: './components',
    from: ['./app', ...serverOnly],
    message: 'components run in the browser: use lib/queries.',
  },
  {
    target: './lib/queries',
    from: serverOnly,
    message: 'lib/queries is isomorphic: talk to /api, not to server modules.',
  },
  {
    target: './lib/schemas',
    from: './lib',
    except: ['./schemas'],
    message: 'lib/schemas imports nothing but zod.',
  },
  {
    target: storeSources,
    from: ['./lib/server', './lib/worker', './lib/simulator'],
    message:
      'lib/store holds tables and queries: use-cases that call Instantly live in lib/worker or lib/server.',
  },
  {
    target: './lib/instantly',
    from: ['./lib/store', './lib/server', './lib/worker'],
    message:
      'lib/instantly only speaks Instantly: what it needs from the store comes in through an interface.',
  },
  {
    target: './lib/bulk',
    from: './lib',
    except: ['./bulk', './schemas'],
    message: 'lib/bulk is pure planning: it imports nothing but the schemas and zod.',
  },
  {
    target: './lib/diagnostics',
    from: './lib',
    except: ['./diagnostics'],
    message: 'lib/diagnostics imports nothing but zod.',
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.data/**',
      'next-env.d.ts',
    ],
  },
  {
    files: ['**/*.{ts,tsx,mts,mjs}'],
    rules: {
      'import/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['lib/schemas/**', 'lib/diagnostics/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['*', '!zod', '!.', '!./*', '!vitest', '!fast-check', '!node:*'],
              message: 'Only zod (and vitest in tests).',
            },
          ],
        },
      ],
    },
  },
  {
    // Pure planning may use the isomorphic schemas (its inputs and outputs) and nothing else.
    files: ['lib/bulk/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!(zod|vitest|fast-check)$|\\.|node:|@/lib/schemas/)',
              message: 'Only zod and lib/schemas (and vitest in tests).',
            },
          ],
        },
      ],
    },
  },
  {
    // The store is async: a forgotten await compiles, and is wrong: a forgotten await compiles, and is wrong. Type-aware, so only
    // the code that calls the store.
    files: ['lib/**/*.{ts,tsx}', 'app/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // The layering above is only true if nothing loops back: a cycle inside lib is a layer violation
    // the zones cannot see (and an import-order bug waiting).
    // Packages cannot import us back: not reading their sources (kysely's and zod's types are large)
    // took the rule from ~2× the rest of the lint to a fraction of it.
    files: ['lib/**/*.{ts,tsx}'],
    settings: { 'import/ignore': ['node_modules'] },
    rules: { 'import/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Command-line entry points and test runners print to the terminal on purpose.
    files: ['lib/cli/**', 'lib/simulator/serve.ts', 'e2e/**', '.ci/**', '*.config.*'],
    rules: { 'no-console': 'off' },
  },
];

export default config;
