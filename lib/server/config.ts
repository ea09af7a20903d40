import 'server-only';
import { type Config, parseConfig } from '@/lib/schemas/config';
import { processSingleton } from './singleton';

/** The validated configuration, parsed once per process (the only place that reads process.env). */
export function getConfig(): Config {
  return processSingleton('config', () => parseConfig(process.env));
}
