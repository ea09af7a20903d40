import { describe, expect, it } from 'vitest';
import { domainVitalsFindings } from './rule-domain-vitals';
import { domainAccounts, input } from './test-helpers';

describe('domain vitals', () => {
  it('makes one alert per failing domain naming the failing records', () => {
    const findings = domainVitalsFindings(
      input([...domainAccounts('bad.io', 2), ...domainAccounts('good.io', 1)], {
        vitals: [
          { domain: 'bad.io', checks: { mx: true, spf: false, dkim: null, dmarc: false } },
          { domain: 'good.io', checks: { mx: true, spf: true, dkim: true, dmarc: true } },
        ],
      }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'domain-vitals',
      scope: { kind: 'domain', value: 'bad.io' },
      title: 'bad.io: SPF, DMARC failing',
      emails: ['a1@bad.io', 'a2@bad.io'],
      filter: { domain: 'bad.io' },
    });
  });
});
