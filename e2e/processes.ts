import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { type APIRequestContext, expect } from '@playwright/test';

// Journeys that need servers of their own (their own settings, a SIGKILL, several instances) start
// them with these: each process in its own process group, so that a kill reaches tsx and the server
// under it at once; its stderr is passed on, named.

export function startProcess(
  name: string,
  [file, ...args]: [string, ...string[]],
  env: Record<string, string>,
  /** Receives the process's stdout line by line (a simulator's SIM_LOG); without it stdout is dropped. */
  onLine?: (line: string) => void,
): ChildProcess {
  const child = spawn(file, args, {
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', onLine ? 'pipe' : 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk}`));
  if (onLine && child.stdout) {
    let rest = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
  }
  return child;
}

export function killProcess(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGKILL') {
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
}

/** Resolves once the process is gone (after a kill), so its port is free to start again. */
export async function exited(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => child.once('exit', () => resolve()));
}

/** Waits until `url` answers with `status` (a simulator without a key answers 401 once it is up). */
export async function waitUp(request: APIRequestContext, url: string, status = 200) {
  await expect
    .poll(async () => (await request.get(url, { timeout: 2000 }).catch(() => null))?.status() ?? 0, {
      timeout: 90_000,
      intervals: [500],
    })
    .toBe(status);
}

export interface JourneyApp {
  url: string;
  process: ChildProcess;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}

/**
 * A production server of the app for one journey's own settings (mail, channels, no owner …): on
 * `port`, with a fresh data directory of its own; resolves once it answers its health check.
 */
export async function startJourneyApp(
  request: APIRequestContext,
  {
    name,
    port,
    secret,
    env = {},
  }: { name: string; port: number; secret: string; env?: Record<string, string> },
): Promise<JourneyApp> {
  const dataDir = `.data-e2e-${port}`;
  rmSync(dataDir, { recursive: true, force: true });
  const url = `http://127.0.0.1:${port}`;
  const child = startProcess(name, ['npm', 'run', 'serve'], {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    DASHBOARD_SECRET: secret,
    ...env,
  });
  await waitUp(request, `${url}/api/health`);
  return {
    url,
    process: child,
    stop: async () => {
      killProcess(child);
      await exited(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
