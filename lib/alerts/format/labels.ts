import type { AlertEvent, AlertEventKind, AlertRuleId } from '@/lib/schemas/alert-event';
import { plural } from '@/lib/format';
import { ruleLabels } from '../rule-labels';

// The words every channel uses for an event's rule and kind, so Slack, e-mail and the digest agree.

export const ALERT_RULE_LABELS: Record<AlertRuleId | 'test', string> = {
  ...(Object.fromEntries(Object.entries(ruleLabels).map(([id, label]) => [id, label.title])) as Record<
    AlertRuleId,
    string
  >),
  test: 'Test alert',
};

const KIND_PREFIX: Record<AlertEventKind, string> = {
  opened: '',
  reminder: 'Still open: ',
  recovered: 'Recovered: ',
  test: 'Test: ',
};

/** "Recovered: 12 inboxes on acme.io: sign-in expired". */
export const headline = (event: AlertEvent): string => `${KIND_PREFIX[event.kind]}${event.title}`;

/** "12 accounts" / "1 account". */
export const accountCount = (count: number): string => plural(count, 'account');

/** The accounts named, and how many more there are: "ann@acme.io, bob@acme.io and 10 more". */
export function namedAccounts(event: AlertEvent): string {
  const more = event.count - event.accounts.length;
  const list = event.accounts.join(', ');
  return more > 0 ? `${list}${list ? ' and ' : ''}${more} more` : list;
}
