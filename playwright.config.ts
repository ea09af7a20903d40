import { defineConfig } from '@playwright/test';
import { OWNER, OWNER_STATE } from './e2e/owner';
import { APP_PORT, SIM_PORT, SIM_URL } from './e2e/ports';
import { CHROMIUM_ARGS, findChromium } from './lib/cli/chromium';

// The journeys run against the real production build (`npm run serve`) on the demo workspace, plus the
// standalone simulator over HTTP standing in for api.instantly.ai when a test adds a "real" key.

const e2eEnv = {
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  HOST: '127.0.0.1',
  DASHBOARD_SECRET: 'e2e-secret-0123456789abcdef0123456789abcdef',
  SIM_CONTROL: '1',
  SIM_JOB_SPEED: '40',
  // The journeys add keys from one address faster than a person would; the limit itself is unit-tested.
  KEY_CHECKS_PER_MINUTE: '30',
  // A write that hangs gives up after 4 s (15 s in production), so the save-fault journeys see the
  // re-read and its answer well inside a test; every write the other journeys make answers in far less.
  UPSTREAM_WRITE_TIMEOUT_MS: '4000',
  // The alert journey's webhook and SMTP receivers listen on loopback, which production refuses.
  ALERTS_ALLOW_PRIVATE_URLS: 'on',
  // The keys the standalone simulator accepts as "real" workspaces; `canary` is searched for everywhere.
  SIM_WORKSPACES: [
    'sim_acme_2f9d4c61b8e04a7f:Acme Outreach:7:300',
    'sim_globex_8b31e0d2c94f4e15:Globex Growth:11:150',
    'canary_7c1d9e04b2a64f3fa8e5d210c6b97e43:Canary Co:13:20',
    'sim_noplan_5e2a7c9d1b3f4a60:Lapsed Plan:17:10:noplan',
    'sim_readonly_0a9b8c7d6e5f4a3b:Read Only:19:10:readonly',
    // Each used by one journey that needs a workspace this server has never indexed.
    'sim_stormy_6d2f8a1c9e4b7d30:Stormy Co:23:40',
    'sim_edge_1b9e7c3a5d2f8e64:Edge Co:29:40',
  ].join(','),
};

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e-artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  // The server has an owner: `setup` signs in once, and every journey starts with that cookie.
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    {
      name: 'journeys',
      testIgnore: /auth\.setup\.ts/,
      dependencies: ['setup'],
      use: { storageState: OWNER_STATE },
    },
  ],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: findChromium(),
      args: CHROMIUM_ARGS,
    },
  },
  webServer: [
    {
      command: 'npm run simulator',
      url: `${SIM_URL}/api/v2/workspaces/current`,
      env: { ...e2eEnv, SIM_PORT: String(SIM_PORT) },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'rm -rf .data-e2e && npm run serve',
      url: `http://127.0.0.1:${APP_PORT}/api/health`,
      env: {
        ...e2eEnv,
        PORT: String(APP_PORT),
        DATA_DIR: '.data-e2e',
        INSTANTLY_API_BASE_URL: SIM_URL,
        DASHBOARD_OWNER_EMAIL: OWNER.email,
        DASHBOARD_OWNER_PASSWORD: OWNER.password,
        DASHBOARD_OWNER_NAME: OWNER.name,
      },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
