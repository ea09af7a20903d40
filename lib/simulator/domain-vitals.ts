import 'server-only';
import { Rng } from './prng';

// DNS vitals per sending domain (POST /accounts/test/vitals). Deterministic per (seed, domain): about
// one domain in ten fails one or more checks; a domain the fleet marks as broken (the DNS outage
// cluster) fails all of them, matching the errors its inboxes carry.

export interface DomainVitals {
  domain: string;
  allPass: boolean;
  mx: boolean;
  spf: boolean;
  dkim: boolean;
  dmarc: boolean;
}

export function domainVitals(seed: number, domain: string, broken: boolean): DomainVitals {
  if (broken) return { domain, allPass: false, mx: false, spf: false, dkim: false, dmarc: false };
  const rng = Rng.from('vitals', seed, domain);
  let mx = true;
  let spf = true;
  let dkim = true;
  let dmarc = true;
  if (rng.chance(0.1)) {
    // The usual misses: DMARC never published, DKIM not set up, SPF missing the sender's include.
    const miss = rng.weighted<'dmarc' | 'dkim' | 'spf' | 'mx' | 'several'>([
      ['dmarc', 4],
      ['dkim', 3],
      ['spf', 2],
      ['mx', 1],
      ['several', 2],
    ]);
    if (miss === 'dmarc') dmarc = false;
    else if (miss === 'dkim') dkim = false;
    else if (miss === 'spf') spf = false;
    else if (miss === 'mx') mx = false;
    else {
      dkim = false;
      dmarc = false;
      spf = rng.chance(0.5);
    }
  }
  return { domain, allPass: mx && spf && dkim && dmarc, mx, spf, dkim, dmarc };
}
