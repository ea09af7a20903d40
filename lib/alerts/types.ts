import type { AlertRuleId, AlertScopeKind, AlertSeverity } from '@/lib/schemas/alert-event';
import type { AlertSettings } from '@/lib/schemas/alert-settings';

// What the rules read and what they find. The rules are pure: the worker reads the fleet index,
// warmup_daily and settings_history into an AlertInput, and the store turns findings into alerts.

/** One indexed account, as the rules need it. */
export interface AlertAccount {
  email: string;
  domain: string;
  providerCode: number | null;
  status: number | null;
  warmupStatus: number | null;
  /** Instantly's 7-day warmup health score. */
  warmupScore: number | null;
  dailyLimit: number | null;
  /** Minutes between two campaign sends. */
  sendingGap: number | null;
  /** The diagnosed cause of the status_message (lib/diagnostics), null without one. */
  errorCause: string | null;
  /** The account is Active again and its message is old. */
  errorStale: boolean;
}

/** One stored day of an account's warmup (warmup_daily). */
export interface AlertWarmupDay {
  /** YYYY-MM-DD, UTC. */
  day: string;
  sent: number;
  healthScore: number | null;
}

/** One observed value of an account's daily limit (settings_history), oldest first. */
export interface AlertLimitPoint {
  /** ISO-8601. */
  observedAt: string;
  dailyLimit: number | null;
}

/** Instantly's DNS checks of one sending domain (null: not reported). */
export interface AlertDomainVitals {
  domain: string;
  checks: { mx: boolean | null; spf: boolean | null; dkim: boolean | null; dmarc: boolean | null };
}

export interface AlertInput {
  accounts: readonly AlertAccount[];
  /** Lower-cased email → its days, oldest first. */
  warmupDays: ReadonlyMap<string, readonly AlertWarmupDay[]>;
  /** Lower-cased email → its daily-limit history, oldest first. */
  limitHistory: ReadonlyMap<string, readonly AlertLimitPoint[]>;
  /** Only on the daily check; the after-sync evaluation leaves the domain-vitals rule alone. */
  vitals?: readonly AlertDomainVitals[];
  settings: AlertSettings;
  /** YYYY-MM-DD, UTC: the day the evaluation runs. */
  today: string;
  /**
   * The open domain alerts, as `rule|cause|domain`: such an alert keeps its domain while any of the
   * domain's inboxes still has the cause, rather than "recovering" when the first one heals.
   */
  heldDomains?: ReadonlySet<string>;
}

/** One thing worth an alert: a cause over a scope, with every account it covers. */
export interface AlertFinding {
  rule: AlertRuleId;
  cause: string;
  scope: { kind: AlertScopeKind; value: string };
  severity: AlertSeverity;
  title: string;
  summary: string;
  fix: string[];
  /** Every account covered, sorted (the store keeps the first few and the count). */
  emails: string[];
  /** The fleet-table filter (URL vocabulary) that shows the accounts. */
  filter: Record<string, string>;
}

/** An account the rule flagged, before the roll-up into domain and workspace findings. */
export interface AlertHit {
  email: string;
  domain: string;
  /** What is wrong, in the rule's own ids (a cause, a triage group, a reason). */
  cause: string;
}
