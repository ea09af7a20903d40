import { z } from 'zod';
import { alertRuleIds } from './alert-event';

// A workspace's alert settings: which rules run and their thresholds. One schema for the Rules form,
// the PATCH handler and the stored row, so a stored row written before a field existed reads with its
// default and a bad value never reaches the rules.

export const DEFAULT_ALERT_SETTINGS = {
  warmupScoreThreshold: 80,
  warmupDropPoints: 10,
  warmupDropDays: 3,
  /**
   * Hours a day an account sends campaign mail. Instantly's account payload carries no sending
   * window (the schedule belongs to campaigns), so the dashboard asks for it; 8 h is an office day.
   */
  sendingDayHours: 8,
  /** The largest daily-limit raise, in percent of the limit before, that the ramp advice allows. */
  rampMaxPercent: 20,
  /** Hours after which a still open, unacknowledged alert is sent again. */
  reminderHours: 24,
} as const;

export const ruleSwitchesSchema = z.object(
  Object.fromEntries(alertRuleIds.map((id) => [id, z.boolean().default(true)])) as Record<
    (typeof alertRuleIds)[number],
    z.ZodDefault<z.ZodBoolean>
  >,
);

const int = (min: number, max: number, what: string) =>
  z
    .int({ error: `${what} must be a whole number` })
    .min(min, { error: `${what} must be at least ${min}` })
    .max(max, { error: `${what} must be at most ${max}` });

const fields = {
  warmupScoreThreshold: int(1, 100, 'The score threshold'),
  warmupDropPoints: int(1, 100, 'The drop in points'),
  warmupDropDays: int(1, 14, 'The days of the drop'),
  sendingDayHours: int(1, 24, 'The sending day'),
  rampMaxPercent: int(1, 1000, 'The ramp'),
  reminderHours: int(1, 720, 'The reminder hours'),
};

export const alertSettingsSchema = z.object({
  rules: ruleSwitchesSchema.default(() => ruleSwitchesSchema.parse({})),
  warmupScoreThreshold: fields.warmupScoreThreshold.default(DEFAULT_ALERT_SETTINGS.warmupScoreThreshold),
  warmupDropPoints: fields.warmupDropPoints.default(DEFAULT_ALERT_SETTINGS.warmupDropPoints),
  warmupDropDays: fields.warmupDropDays.default(DEFAULT_ALERT_SETTINGS.warmupDropDays),
  sendingDayHours: fields.sendingDayHours.default(DEFAULT_ALERT_SETTINGS.sendingDayHours),
  rampMaxPercent: fields.rampMaxPercent.default(DEFAULT_ALERT_SETTINGS.rampMaxPercent),
  reminderHours: fields.reminderHours.default(DEFAULT_ALERT_SETTINGS.reminderHours),
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

export const defaultAlertSettings = (): AlertSettings => alertSettingsSchema.parse({});

/** A change from the Rules page: any subset of the fields; unknown keys are refused. */
export const alertSettingsPatchSchema = z.strictObject({
  rules: z
    .strictObject(
      Object.fromEntries(alertRuleIds.map((id) => [id, z.boolean().optional()])) as Record<
        (typeof alertRuleIds)[number],
        z.ZodOptional<z.ZodBoolean>
      >,
    )
    .optional(),
  warmupScoreThreshold: fields.warmupScoreThreshold.optional(),
  warmupDropPoints: fields.warmupDropPoints.optional(),
  warmupDropDays: fields.warmupDropDays.optional(),
  sendingDayHours: fields.sendingDayHours.optional(),
  rampMaxPercent: fields.rampMaxPercent.optional(),
  reminderHours: fields.reminderHours.optional(),
});
export type AlertSettingsPatch = z.infer<typeof alertSettingsPatchSchema>;

export function applySettingsPatch(settings: AlertSettings, patch: AlertSettingsPatch): AlertSettings {
  const { rules, ...rest } = patch;
  const definedRules = Object.fromEntries(Object.entries(rules ?? {}).filter(([, v]) => v !== undefined));
  const definedRest = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  return alertSettingsSchema.parse({
    ...settings,
    ...definedRest,
    rules: { ...settings.rules, ...definedRules },
  });
}
