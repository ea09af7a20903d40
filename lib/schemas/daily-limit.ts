// The one rule for a campaign daily limit a person sets, apart from the zod schemas so the triage
// board's field checks it in the browser without zod. Instantly's request schema accepts 0 to 10,000
// (instantly-requests.ts keeps that, as the upstream contract), but a limit of 0 does not stop
// campaign sends (REFERENCE §4.4): the dashboard asks for at least 1 and offers a pause instead.

export const DAILY_LIMIT_MIN = 1;
export const DAILY_LIMIT_MAX = 10_000;

export const DAILY_LIMIT_MESSAGES = {
  notNumber: 'Enter the daily limit as a number',
  notWhole: 'Use a whole number',
  tooLow: 'The daily limit must be at least 1 (to stop sending, pause the account)',
  tooHigh: 'The daily limit can be at most 10,000',
} as const;
