// Next calls register() once when a server process starts. The background worker runs in the
// Node.js runtime only (it needs the database and timers); lib/server/worker-process.ts guards
// against a second start in the same process (dev reloads re-run this file).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // `npm start` checks the configuration before launching Next; `next dev` starts here, so the same
  // check stops it too, with the message that names the bad value.
  // (In a module of its own: process.exit is a Node.js API, and this file is compiled for the edge too.)
  const { exitOnBadConfig } = await import('@/lib/server/startup-config');
  exitOnBadConfig(process.env);
  const { startAppWorker } = await import('@/lib/server/worker-process');
  await startAppWorker();
}
