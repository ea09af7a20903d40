import { ConfigError } from '@/lib/schemas/config';
import { getConfig } from '@/lib/server/config';
import { getLogger } from '@/lib/server/log';
import { shutdownHooks, startProcessWorker } from '@/lib/server/worker-process';

// `npm run worker`: the background worker as a process of its own (run the app with WORKER=off, or
// beside apps that run one too: the database shares the work between them). SIGTERM / SIGINT stop
// it cleanly: bulk loops end at their next step and every lease is given up.

const log = getLogger().child({ component: 'worker-cli' });

try {
  getConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

async function main(): Promise<void> {
  await startProcessWorker();
  // The worker's timers are unref'd (they must not keep an app alive); here the process is the worker.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'stopping');
      void Promise.allSettled(shutdownHooks().map((hook) => hook())).finally(() => {
        clearInterval(keepAlive);
        process.exit(0);
      });
    });
  }
}

// Not top-level await: tsx runs this file as CommonJS.
main().catch((error: unknown) => {
  log.error({ err: error }, 'the worker could not start');
  process.exit(1);
});
