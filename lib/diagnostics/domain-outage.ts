// "A whole domain fails the same way": the triage board's domain problems and the alert rules'
// domain-scoped alerts use this one test, so a domain is named the same on the board and in an alert.

// Free-mail domains belong to no single organisation: two failing inboxes there are a coincidence,
// not a DNS or tenant problem.
const PUBLIC_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'zoho.com',
]);

export function isOrganisationDomain(domain: string): boolean {
  return domain !== '' && !PUBLIC_MAIL_DOMAINS.has(domain);
}

/**
 * Organisation domains with at least two failing inboxes, all in one group: the candidates for "the
 * whole domain fails". The caller confirms with the domain's total inboxes (healthy ones included).
 */
export function sameGroupDomains<M extends { domain: string; group: string }>(
  members: readonly M[],
): Array<[domain: string, inboxes: M[]]> {
  const byDomain = new Map<string, M[]>();
  for (const member of members) {
    if (!isOrganisationDomain(member.domain)) continue;
    const list = byDomain.get(member.domain);
    if (list) list.push(member);
    else byDomain.set(member.domain, [member]);
  }
  return [...byDomain.entries()].filter(
    ([, inboxes]) => inboxes.length >= 2 && new Set(inboxes.map((m) => m.group)).size === 1,
  );
}
