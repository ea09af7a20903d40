import { rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { checkStartupConfig } from './startup-config';

// The start-up check that `npm start` runs before Next and instrumentation.ts runs inside any Next
// server (`next dev` too): a bad value stops the process with a message that names it.

const dataDir = `${process.env.TMPDIR ?? '/tmp'}/fleet-startup-config-${process.pid}`;
const good = { DATA_DIR: dataDir, DASHBOARD_SECRET: 'startup-config-test-secret-0123456789abcdef' };

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('checkStartupConfig', () => {
  it('passes a good environment with its parsed values', () => {
    const checked = checkStartupConfig({ ...good, PORT: '3999' });
    expect(checked).toMatchObject({ ok: true, config: { PORT: 3999 } });
  });

  it('names the bad variable, and a secret too short to seal with', () => {
    const port = checkStartupConfig({ ...good, PORT: 'eighty' });
    expect(port.ok).toBe(false);
    expect(!port.ok && port.message).toMatch(/PORT:/);
    const secret = checkStartupConfig({ ...good, DASHBOARD_SECRET: 'short' });
    expect(secret.ok).toBe(false);
    expect(!secret.ok && secret.message).toMatch(/DASHBOARD_SECRET/);
  });
});

describe('instrumentation register() in a Next server', () => {
  it('stops the process with the message before anything starts', async () => {
    vi.stubEnv('NEXT_RUNTIME', 'nodejs');
    vi.stubEnv('DATA_DIR', dataDir);
    vi.stubEnv('PORT', 'eighty');
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((message: string) => void errors.push(message));
    vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    const { register } = await import('@/instrumentation');
    await expect(register()).rejects.toThrow('exit 1');
    expect(errors.join('\n')).toMatch(/PORT:/);
  });
});
