import 'server-only';

// `next start` shares one module instance across route handlers, but dev reloads re-run modules; a
// process-wide object (db, simulator state, rate budgets) must live on globalThis so it neither
// splits nor leaks.
const registry = ((globalThis as { __fleetSingletons?: Map<string, unknown> }).__fleetSingletons ??=
  new Map());

export function processSingleton<T>(name: string, create: () => T): T {
  if (!registry.has(name)) registry.set(name, create());
  return registry.get(name) as T;
}

/** Tests replace or drop singletons between cases. */
export function resetProcessSingleton(name?: string): void {
  if (name === undefined) registry.clear();
  else registry.delete(name);
}
