import 'server-only';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './dates';
import { BRAND_STEMS, DOMAIN_PATTERNS } from './name-lists';
import type { Rng } from './prng';
import type { ProviderGroup } from './status-message-catalog';
import type { SimWorkspaceSpec } from './types';

// The first step of a seeded fleet: its sending domains. Each is hosted at one provider and bought
// and connected in one batch, like real purchases; sizes run 10–30 inboxes. Besides ordinary domains
// a fleet gets managed (DFY) ones, a brand-new one, one still ramping up, and two domain-level
// outages (a custom domain whose DNS lapsed, a Google domain whose admin revoked the app).

export type DomainKind = 'old' | 'ramping' | 'new' | 'dfy';
export type Cluster = 'dns' | 'oauth' | null;

export interface DomainPlan {
  name: string;
  size: number;
  provider: ProviderGroup;
  kind: DomainKind;
  ageDays: number;
  baseMs: number;
  trackingDomain: string | null;
  cluster: Cluster;
  clusterErrorDay: number;
  warmupOffDay: number;
  preWarmed: boolean;
  /** When the bulk enable that started this domain's warmup ran (ramping domains). */
  enableJobMs: number;
  /** The last inbox of the first managed domain is still being set up by the DFY team. */
  setupPendingLast: boolean;
}

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).replace(/-.*$/, '');
}

/** The workspace's own brand first (from its name when that reads like a brand), then others. */
export function brandStems(spec: SimWorkspaceSpec, rng: Rng): string[] {
  const fromName = spec.name.toLowerCase().split(/[^a-z]+/)[0] ?? '';
  const generic = ['demo', 'my', 'the', 'test', 'workspace', 'sandbox', 'default'];
  const primary = fromName.length >= 3 && !generic.includes(fromName) ? fromName : rng.pick(BRAND_STEMS);
  return [primary, ...rng.shuffle(BRAND_STEMS.filter((s) => s !== primary))];
}

function* domainNames(stems: string[], rng: Rng): Generator<string> {
  for (let round = 0; ; round++) {
    for (const stem of stems) {
      for (const pattern of rng.shuffle([...DOMAIN_PATTERNS])) {
        const name = pattern.replace('{b}', stem);
        yield round === 0 ? name : name.replace(/\.(\w+)$/, `${round + 1}.$1`);
      }
    }
  }
}

export function planDomains(
  count: number,
  stems: string[],
  rng: Rng,
  anchorDay: number,
  anchorStart: number,
): DomainPlan[] {
  const names = domainNames(stems, rng);
  const plans: DomainPlan[] = [];
  let remaining = count;
  const dfyDomains = count >= 60 ? Math.max(1, Math.round((count * 0.02) / 7)) : 0;
  const sized = (min: number, max: number) => {
    let size = Math.min(remaining, rng.int(min, max));
    if (remaining - size > 0 && remaining - size < 5) size = remaining;
    remaining -= size;
    return size;
  };
  const plan = (kind: DomainKind, size: number, provider: ProviderGroup): DomainPlan => {
    const ageDays =
      kind === 'new'
        ? rng.int(1, 3)
        : kind === 'ramping'
          ? rng.int(6, 40)
          : 50 + Math.floor(490 * Math.pow(rng.next(), 1.6));
    const name = names.next().value as string;
    const baseMs = anchorStart - ageDays * DAY_MS + rng.int(HOUR_MS, 18 * HOUR_MS);
    return {
      name,
      size,
      provider,
      kind,
      ageDays,
      baseMs,
      trackingDomain: rng.chance(0.85) ? `${rng.pick(['inst', 'track', 'link', 'go'])}.${name}` : null,
      cluster: null,
      clusterErrorDay: anchorDay - rng.int(2, 9),
      warmupOffDay: anchorDay - rng.int(5, 50),
      preWarmed: kind === 'dfy' && rng.chance(0.6),
      enableJobMs: baseMs + size * 110_000 + rng.int(10 * MINUTE_MS, 3 * HOUR_MS),
      setupPendingLast: false,
    };
  };
  // Providers of ordinary domains are assigned at the end, by inbox count, to hit the target mix.
  const auto: DomainPlan[] = [];
  const provider = (): ProviderGroup => 'google';

  for (let i = 0; i < dfyDomains && remaining > 0; i++) {
    const dfy = plan('dfy', sized(4, 9), rng.chance(0.7) ? 'google' : 'microsoft');
    dfy.setupPendingLast = i === 0;
    plans.push(dfy);
  }
  // A fleet of any size gets one brand-new domain and one still ramping up, so the demo always shows them.
  if (count >= 40) {
    const fresh = plan('new', sized(3, 6), provider());
    const ramping = plan('ramping', sized(8, 20), provider());
    plans.push(fresh, ramping);
    auto.push(fresh, ramping);
  }
  // Domain-level outages: a custom domain whose DNS lapsed, a Google domain whose admin revoked the app.
  if (count >= 100) {
    const dns = plan('old', sized(6, 12), 'custom');
    dns.cluster = 'dns';
    plans.push(dns);
  }
  if (count >= 300) {
    const oauth = plan('old', sized(6, 12), 'google');
    oauth.cluster = 'oauth';
    plans.push(oauth);
  }
  while (remaining > 0) {
    const roll = rng.next();
    const kind: DomainKind = roll < 0.02 ? 'new' : roll < 0.1 ? 'ramping' : 'old';
    const domain = plan(kind, sized(10, 30), provider());
    plans.push(domain);
    auto.push(domain);
  }
  assignProviders(plans, auto, rng);
  return plans;
}

const PROVIDER_MIX: ReadonlyArray<readonly [ProviderGroup, number]> = [
  ['google', 0.45],
  ['microsoft', 0.3],
  ['custom', 0.2],
  ['aws', 0.05],
];

/**
 * Gives each ordinary domain the provider furthest below its share of inboxes (with a little
 * jitter), so the fleet lands near Google 45% / Microsoft 30% / custom 20% / AWS 5% even though
 * whole domains share a provider.
 */
function assignProviders(plans: DomainPlan[], auto: DomainPlan[], rng: Rng): void {
  const counts = new Map<ProviderGroup, number>(PROVIDER_MIX.map(([p]) => [p, 0]));
  let assigned = 0;
  for (const plan of plans) {
    if (auto.includes(plan)) continue;
    counts.set(plan.provider, (counts.get(plan.provider) ?? 0) + plan.size);
    assigned += plan.size;
  }
  for (const plan of rng.shuffle([...auto])) {
    const total = assigned + plan.size;
    let best: ProviderGroup = 'google';
    let bestScore = -Infinity;
    for (const [provider, share] of PROVIDER_MIX) {
      const score = share * total - (counts.get(provider) ?? 0) + rng.between(0, plan.size * 0.5);
      if (score > bestScore) {
        bestScore = score;
        best = provider;
      }
    }
    plan.provider = best;
    counts.set(best, (counts.get(best) ?? 0) + plan.size);
    assigned = total;
  }
}
