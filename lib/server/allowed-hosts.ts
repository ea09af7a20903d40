import 'server-only';
import type { Config } from '@/lib/schemas/config';
import { getConfig } from './config';
import { processSingleton } from './singleton';

// DNS rebinding: a page on evil.example whose name is re-pointed at 127.0.0.1 talks to this server
// as "same origin", Origin and Host both saying evil.example. Answering only for Host values we
// know closes that: such a request is refused before anything is read or sent to Instantly.

const LOCAL_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '[::]']);

/** `Host` header → `{ name, port }`, lower-cased; null when it is not a plain host[:port]. */
export function parseHostHeader(host: string | null): { name: string; port: string | null } | null {
  if (!host) return null;
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(host.trim());
  if (!match?.[1]) return null;
  return { name: match[1].toLowerCase().replace(/\.$/, ''), port: match[2] ?? null };
}

/** The entries a request's Host must match: ALLOWED_HOSTS, or localhost forms plus a specific HOST. */
export function allowedHostEntries(config: Pick<Config, 'ALLOWED_HOSTS' | 'HOST'>): string[] {
  if (config.ALLOWED_HOSTS) return config.ALLOWED_HOSTS;
  const host = config.HOST.toLowerCase();
  const bound = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return WILDCARD_BINDS.has(host) ? LOCAL_NAMES : [...new Set([...LOCAL_NAMES, bound])];
}

/** An entry without a port admits any port of that name; `name:port` admits only that port. */
export function isHostAllowed(hostHeader: string | null, entries: readonly string[]): boolean {
  const host = parseHostHeader(hostHeader);
  if (!host) return false;
  return entries.some((entry) => {
    const allowed = parseHostHeader(entry);
    if (!allowed || allowed.name !== host.name) return false;
    return allowed.port === null || allowed.port === host.port;
  });
}

const entriesOfThisProcess = () => processSingleton('allowed-hosts', () => allowedHostEntries(getConfig()));

interface HostedRequest {
  headers: Headers;
  url: string;
}

/** The Host header, or the URL's host for a request built in-process without one. */
const hostOf = (req: HostedRequest) => req.headers.get('host') ?? new URL(req.url).host;

/** True when this server answers for the request's Host. */
export function requestHostAllowed(req: HostedRequest): boolean {
  return isHostAllowed(hostOf(req), entriesOfThisProcess());
}

/** The answer for a foreign Host: JSON for /api and the simulator, a short text for pages. */
export function foreignHostResponse(req: HostedRequest): Response {
  const { pathname } = new URL(req.url);
  const shown = hostOf(req).slice(0, 100);
  const detail = `This dashboard does not answer for the host "${shown}". If you reach it under this name on purpose, add the name to ALLOWED_HOSTS.`;
  const common = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' };
  if (pathname.startsWith('/api') || pathname.startsWith('/simulator')) {
    return new Response(
      JSON.stringify({ type: 'host-not-allowed', title: 'Unknown host', detail, status: 421 }),
      { status: 421, headers: { 'Content-Type': 'application/problem+json', ...common } },
    );
  }
  return new Response(`Unknown host. ${detail}\n`, {
    status: 421,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ...common },
  });
}
