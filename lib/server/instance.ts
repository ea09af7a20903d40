import 'server-only';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { processSingleton } from './singleton';

/** This process, as lease holders are named: readable in the table, unique across restarts. */
export function instanceId(): string {
  return processSingleton(
    'instance-id',
    () => `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
  );
}
