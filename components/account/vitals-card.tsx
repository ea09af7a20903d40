'use client';

import { CheckCircle2, CircleHelp, Loader2, Stethoscope, XCircle } from 'lucide-react';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card';
import { VITAL_CHECKS, VITAL_MEANINGS } from '@/lib/schemas/account-settings-rules';
import { accountDetailQueries, type DomainVitalsCheck } from '@/lib/queries/account-detail';
import { relativeTime } from '@/lib/format';

type CardProps = { domain: string; pending: boolean; error: string | null; onRun: () => void };

/** The vitals card of an account's domain, with the last check of that domain from any page. */
export function DomainVitals({ workspaceId, ...props }: CardProps & { workspaceId: string }) {
  const check = useQuery(accountDetailQueries.domainVitals(workspaceId, props.domain));
  return <VitalsCard {...props} check={check.data} />;
}

/** Pass or fail per DNS record of the account's domain, each with what the record is for. */
export function VitalsCard({
  domain,
  check,
  pending,
  error,
  onRun,
}: CardProps & { check: DomainVitalsCheck | undefined }) {
  const id = useId();
  const vitals = check?.result ?? undefined;
  const missing = check !== undefined && check.result === null;
  return (
    <Card aria-labelledby={`${id}-title`} aria-busy={pending}>
      <CardHeader>
        <div>
          <CardTitle id={`${id}-title`}>Domain vitals</CardTitle>
          <p className="text-xs text-muted">
            DNS records of <span className="font-mono">{domain}</span>
            {check ? ` · checked ${relativeTime(check.checkedAt)}` : null}
          </p>
        </div>
        <Button size="sm" onClick={onRun} disabled={pending}>
          {pending ? (
            <Loader2 aria-hidden className="h-4 w-4 animate-spin" />
          ) : (
            <Stethoscope aria-hidden className="h-4 w-4" />
          )}
          {check ? 'Test again' : 'Test vitals'}
        </Button>
      </CardHeader>
      <CardBody>
        {error ? (
          <p role="alert" className="mb-3 text-sm text-error-fg">
            Could not test the domain: {error}
          </p>
        ) : null}
        {!check && !pending ? (
          <p className="text-sm text-muted">
            Not tested yet. The test asks Instantly to look up the domain’s MX, SPF, DKIM and DMARC records.
          </p>
        ) : null}
        {pending && !check ? <p className="text-sm text-muted">Testing…</p> : null}
        {missing ? (
          <p className="text-sm text-warning-fg">Instantly returned no result for this domain.</p>
        ) : null}
        {vitals ? (
          <>
            <p className="mb-3 text-sm font-medium" role="status">
              {vitals.allPass
                ? 'All four records pass.'
                : `${VITAL_CHECKS.filter((c) => vitals.checks[c] === false).length} of 4 records fail.`}
            </p>
            <ul className="space-y-2">
              {VITAL_CHECKS.map((check) => {
                const value = vitals.checks[check];
                const meaning = VITAL_MEANINGS[check];
                return (
                  <li key={check} className="flex gap-2 text-sm">
                    {value === true ? (
                      <CheckCircle2 aria-hidden className="mt-0.5 h-4 w-4 shrink-0 text-healthy" />
                    ) : value === false ? (
                      <XCircle aria-hidden className="mt-0.5 h-4 w-4 shrink-0 text-error" />
                    ) : (
                      <CircleHelp aria-hidden className="mt-0.5 h-4 w-4 shrink-0 text-muted" />
                    )}
                    <div>
                      <p>
                        <span className="font-semibold">{meaning.label}</span>{' '}
                        <span
                          className={
                            value === true
                              ? 'text-healthy-fg'
                              : value === false
                                ? 'text-error-fg'
                                : 'text-muted'
                          }
                        >
                          {value === true ? 'pass' : value === false ? 'fail' : 'not reported'}
                        </span>
                      </p>
                      <p className="text-xs text-muted">{meaning.purpose}</p>
                    </div>
                  </li>
                );
              })}
            </ul>
          </>
        ) : null}
      </CardBody>
    </Card>
  );
}
