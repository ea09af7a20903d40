import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// The layering from ARCHITECTURE.md: app → components → lib, never back; the browser-side code never
// reaches the server-only modules; schemas and diagnostics stay pure so both sides can use them.
const serverOnly = ['./lib/instantly', './lib/store', './lib/server', './lib/simulator'];

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
    // The store is async (Kysely next): a forgotten await compiles, and is wrong. Type-aware, so only
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
    // Command-line entry points and test runners print to the terminal on purpose.
    files: ['lib/cli/**', 'lib/simulator/serve.ts', 'e2e/**', '.ci/**', '*.config.*'],
    rules: { 'no-console': 'off' },
  },
];

export default config;
