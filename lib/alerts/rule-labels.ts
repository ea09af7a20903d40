import type { AlertRuleId } from '@/lib/schemas/alert-event';

// Each rule's name and what it watches, in one table: the alert pages, Slack, e-mail and the digest
// all use these words.

export const ruleLabels: Record<AlertRuleId, { title: string; description: string }> = {
  'new-errors': {
    title: 'New errors',
    description:
      'Accounts in a connection, sending or soft-bounce error, grouped by cause (and by domain when a whole domain fails). Critical when a connection fails.',
  },
  'warmup-stopped': {
    title: 'Warmup stopped',
    description:
      'Warmup banned, suspended for good or unable to find the spam folder, or warmup on but no warmup e-mail sent on the last two full days. Critical.',
  },
  'warmup-health': {
    title: 'Warmup health',
    description: 'The 7-day warmup score below the threshold, or fallen by the set points over the set days.',
  },
  'unreachable-limit': {
    title: 'Sending set-up that cannot work',
    description:
      'A daily limit the sending gap cannot reach in one sending day (10 min × 8 h = 48 sends, so a limit of 75 never fills).',
  },
  'limit-ramp': {
    title: 'Daily limit raised too fast',
    description:
      'The daily limit raised by more than the ramp over the drop window while the warmup score falls.',
  },
  'domain-vitals': {
    title: 'Domain vitals',
    description: 'MX, SPF, DKIM or DMARC failing for a sending domain (checked once a day per domain).',
  },
};
