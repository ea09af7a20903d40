import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The production build (`next start`) in a child process with a data folder of its own, for the
// benches: they measure what a person gets from a real server, not from handlers called in-process.

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface ProductionServer {
  child: ChildProcess;
  base: string;
  dataDir: string;
  /** From spawn to the first healthy answer. */
  readyMs: number;
}

export async function startProductionServer(options: {
  port: number;
  env: Record<string, string>;
  /** Prefix of the temporary data folder's name. */
  name: string;
}): Promise<ProductionServer> {
  const dataDir = mkdtempSync(join(tmpdir(), `${options.name}-`));
  const base = `http://127.0.0.1:${options.port}`;
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(options.port)],
    {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        DATA_DIR: dataDir,
        ...options.env,
      },
      stdio: 'ignore',
    },
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error('the dashboard exited at start (is there a build?)');
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${base} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, base, dataDir, readyMs: performance.now() - started };
}
