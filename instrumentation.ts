// Next calls register() once when a server process starts. The background worker runs in the
// Node.js runtime only (it needs the database and timers); lib/server/worker-process.ts guards
// against a second start in the same process (dev reloads re-run this file).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // `npm start` checks the configuration before launching Next; `next dev` starts here, so the same
  // check stops it too, with the message that names the bad value.
  const { checkStartupConfig } = await import('@/lib/server/startup-config');
  const checked = checkStartupConfig(process.env);
  if (!checked.ok) {
    console.error(`\n${checked.message}\n`);
    process.exit(1);
  }
  const { startAppWorker } = await import('@/lib/server/worker-process');
  await startAppWorker();
}
