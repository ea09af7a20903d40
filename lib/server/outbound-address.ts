import 'server-only';
import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

// No SSRF through alerts: a channel URL someone typed must not make this server call into its own
// network. Checked when a channel is saved and again before every delivery: https only, and every
// address the host resolves to must be public unicast (not private, loopback, link-local, unique-local,
// CGNAT, the cloud metadata address, or an IPv4-mapped form of one). The caller then connects to the
// address checked here, so a DNS answer that changes between check and connect (rebinding) is not
// followed. ALERTS_ALLOW_PRIVATE_URLS=on (tests, on-premise receivers) lifts both rules.

export class OutboundRefusedError extends Error {
  override name = 'OutboundRefusedError';
}

export interface OutboundOptions {
  allowPrivate: boolean;
  /** The resolver (tests give their own); every address of the name, as dns.lookup({all}) answers. */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
}

export interface CheckedAddress {
  host: string;
  address: string;
  family: 4 | 6;
}

const SWITCH_HINT = 'alerts only go to public addresses (ALERTS_ALLOW_PRIVATE_URLS=on allows others, for on-premise receivers)';

const RANGE_NAMES: Record<string, string> = {
  private: 'a private (RFC 1918) address',
  loopback: 'a loopback address',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a unique-local (private IPv6) address',
  carrierGradeNat: 'a carrier-grade NAT address',
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
};

const defaultResolve = (host: string) => lookup(host, { all: true, verbatim: true });

/** Why an address is refused, or null for a public unicast one. */
export function refusalOf(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  // process() unwraps IPv4-mapped IPv6 (::ffff:127.0.0.1) to the IPv4 address it stands for.
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4' && parsed.toString() === '169.254.169.254')
    return 'the cloud metadata address';
  const range = parsed.range();
  if (range === 'unicast') return null;
  return RANGE_NAMES[range] ?? `a reserved address (${range})`;
}

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '');

/** Resolves a host and refuses it unless every address is public; returns the one to connect to. */
export async function checkHost(hostname: string, options: OutboundOptions): Promise<CheckedAddress> {
  const host = bare(hostname);
  const literal = ipaddr.isValid(host);
  let addresses: { address: string; family: number }[];
  if (literal) addresses = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }];
  else {
    try {
      addresses = await (options.resolve ?? defaultResolve)(host);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new OutboundRefusedError(`${host} does not resolve${code ? ` (${code})` : ''}`);
    }
  }
  const first = addresses[0];
  if (!first) throw new OutboundRefusedError(`${host} does not resolve`);
  if (!options.allowPrivate) {
    for (const { address } of addresses) {
      const why = refusalOf(address);
      if (why)
        throw new OutboundRefusedError(
          literal
            ? `${host} is ${why}: ${SWITCH_HINT}`
            : `${host} resolves to ${address}, ${why}: ${SWITCH_HINT}`,
        );
    }
  }
  return { host, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** A webhook URL: https (http only with the switch on), no credentials in it, a host that passes. */
export async function checkOutboundUrl(
  raw: string,
  options: OutboundOptions,
): Promise<{ url: URL; checked: CheckedAddress }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefusedError('is not a URL');
  }
  const protocols = options.allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!protocols.includes(url.protocol))
    throw new OutboundRefusedError(`must be an https:// URL (${url.protocol.replace(':', '')} is not allowed)`);
  if (url.username || url.password) throw new OutboundRefusedError('must not carry a user name or password');
  return { url, checked: await checkHost(url.hostname, options) };
}
