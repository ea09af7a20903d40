// Next calls register() once when a server process starts. The background worker runs in the
// Node.js runtime only (it needs the database and timers); lib/server/worker-process.ts guards
// against a second start in the same process (dev reloads re-run this file).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startAppWorker } = await import('@/lib/server/worker-process');
  await startAppWorker();
}
