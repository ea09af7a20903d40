import type { AlertFinding, AlertInput } from './types';

// Domain vitals: Instantly's DNS check of a sending domain reports MX, SPF, DKIM or DMARC failing.
// One alert per domain whatever fails (the title says which), so a record that is fixed while another
// still fails does not close and reopen it. A warning: mail still leaves, but lands worse.

export const VITALS_CAUSE = 'dns-records-failing';

const checkNames = { mx: 'MX', spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC' } as const;

export function failingChecks(checks: Record<keyof typeof checkNames, boolean | null>): string[] {
  return (Object.keys(checkNames) as Array<keyof typeof checkNames>)
    .filter((c) => checks[c] === false)
    .map((c) => checkNames[c]);
}

export function domainVitalsFindings(input: AlertInput): AlertFinding[] {
  const emailsByDomain = new Map<string, string[]>();
  for (const a of input.accounts)
    emailsByDomain.set(a.domain, [...(emailsByDomain.get(a.domain) ?? []), a.email]);
  return (input.vitals ?? [])
    .map((v) => ({ domain: v.domain, failing: failingChecks(v.checks) }))
    .filter((v) => v.failing.length > 0)
    .sort((a, b) => a.domain.localeCompare(b.domain))
    .map(({ domain, failing }) => {
      const emails = [...(emailsByDomain.get(domain) ?? [])].sort();
      return {
        rule: 'domain-vitals',
        cause: VITALS_CAUSE,
        scope: { kind: 'domain', value: domain },
        severity: 'warning',
        title: `${domain}: ${failing.join(', ')} failing`,
        summary: `Instantly's DNS check of ${domain} fails for ${failing.join(', ')}. Receivers trust mail from it less, so its ${emails.length} ${emails.length === 1 ? 'inbox lands' : 'inboxes land'} in spam more often.`,
        fix: [
          `Open the DNS settings of ${domain} at its registrar or DNS host.`,
          ...failing.map((name) => fixOf[name] ?? `Fix the ${name} record.`),
          'Run the vitals check again from an account page once the records have propagated.',
        ],
        emails,
        filter: { domain },
      };
    });
}

const fixOf: Record<string, string> = {
  MX: 'Add MX records pointing at the mail provider (Google Workspace, Microsoft 365 or your host).',
  SPF: 'Publish one SPF TXT record that includes the provider (e.g. include:_spf.google.com) and ends in ~all or -all.',
  DKIM: 'Turn on DKIM signing at the provider and publish the TXT record it gives you.',
  DMARC: 'Publish a DMARC TXT record at _dmarc (start with p=none; rua=mailto:you@domain).',
};
