import { z } from 'zod';
import { DAILY_LIMIT_MAX, DAILY_LIMIT_MESSAGES, DAILY_LIMIT_MIN } from './daily-limit';

/**
 * A campaign daily limit a person sets, the one schema of the settings form, the account PATCH route
 * and bulk "set daily limit" changes (the rule itself, and why 0 is refused, is in daily-limit.ts).
 */
export const dailyLimitSchema = z
  .number({ error: DAILY_LIMIT_MESSAGES.notNumber })
  .int({ error: DAILY_LIMIT_MESSAGES.notWhole })
  .min(DAILY_LIMIT_MIN, { error: DAILY_LIMIT_MESSAGES.tooLow })
  .max(DAILY_LIMIT_MAX, { error: DAILY_LIMIT_MESSAGES.tooHigh });
