import 'server-only';
import { testVitals } from '@/lib/instantly/analytics';
import type { InstantlyClient } from '@/lib/instantly/client';
import { type DomainVitalsResult, VITAL_CHECKS, type VitalsResponse } from '@/lib/schemas/api-account-detail';
import type { TestVitalsResponse } from '@/lib/schemas/instantly-analytics';
import { domainOf } from '@/lib/store/account-record';

/**
 * Instantly answers per domain, not per email (REFERENCE §4.11): group the asked emails by domain and
 * put each domain's checks next to them. A domain Instantly left out is reported as missing, not as passing.
 */
export function vitalsByDomain(
  emails: readonly string[],
  answer: TestVitalsResponse,
): Pick<VitalsResponse, 'domains' | 'missing'> {
  const byDomain = new Map<string, string[]>();
  for (const email of emails) {
    const domain = domainOf(email);
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), email]);
  }
  const results = new Map(
    [...answer.success_list, ...answer.failure_list].map((v) => [v.domain.toLowerCase(), v]),
  );
  const domains: DomainVitalsResult[] = [];
  const missing: string[] = [];
  for (const [domain, domainEmails] of byDomain) {
    const result = results.get(domain);
    if (!result) {
      missing.push(domain);
      continue;
    }
    const checks = Object.fromEntries(
      VITAL_CHECKS.map((c) => [c, result[c] ?? null]),
    ) as DomainVitalsResult['checks'];
    const allPass = result.allPass ?? VITAL_CHECKS.every((c) => checks[c] === true);
    domains.push({ domain, emails: domainEmails, allPass, checks });
  }
  domains.sort((a, b) => Number(a.allPass) - Number(b.allPass) || a.domain.localeCompare(b.domain));
  return { domains, missing };
}

export async function checkVitals(
  client: InstantlyClient,
  workspaceId: string,
  emails: readonly string[],
  signal?: AbortSignal,
): Promise<VitalsResponse> {
  const unique = [...new Set(emails.map((e) => e.toLowerCase()))];
  const answer = await testVitals(client, unique, signal);
  return { workspaceId, checkedAt: new Date().toISOString(), ...vitalsByDomain(unique, answer) };
}
