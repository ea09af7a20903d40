import type { AlertRuleId } from '@/lib/schemas/alert-event';
import { domainVitalsFindings } from './rule-domain-vitals';
import { limitRampFindings } from './rule-limit-ramp';
import { newErrorFindings } from './rule-new-errors';
import { unreachableLimitFindings } from './rule-unreachable-limit';
import { warmupHealthFindings } from './rule-warmup-health';
import { warmupStoppedFindings } from './rule-warmup-stopped';
import type { AlertFinding, AlertInput } from './types';

// Runs the rules that are on. The domain-vitals rule only runs when the input carries a vitals check
// (the daily task), so an after-sync evaluation neither opens nor resolves its alerts.

const rules: Record<AlertRuleId, (input: AlertInput, workspaceId: string) => AlertFinding[]> = {
  'new-errors': newErrorFindings,
  'warmup-stopped': warmupStoppedFindings,
  'warmup-health': warmupHealthFindings,
  'unreachable-limit': unreachableLimitFindings,
  'limit-ramp': limitRampFindings,
  'domain-vitals': domainVitalsFindings,
};

export interface Evaluation {
  /** Rules that ran: their open alerts without a finding now are resolved. */
  evaluated: AlertRuleId[];
  /** Rules turned off: their open alerts are closed without a recovery. */
  disabled: AlertRuleId[];
  findings: AlertFinding[];
}

export function evaluateAlertRules(input: AlertInput, workspaceId: string): Evaluation {
  const evaluated: AlertRuleId[] = [];
  const disabled: AlertRuleId[] = [];
  const findings: AlertFinding[] = [];
  for (const [id, rule] of Object.entries(rules) as Array<[AlertRuleId, (typeof rules)[AlertRuleId]]>) {
    if (!input.settings.rules[id]) {
      disabled.push(id);
      continue;
    }
    if (id === 'domain-vitals' && input.vitals === undefined) continue;
    evaluated.push(id);
    findings.push(...rule(input, workspaceId));
  }
  return { evaluated, disabled, findings };
}
