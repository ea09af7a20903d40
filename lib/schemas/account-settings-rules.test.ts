import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SETTINGS_FIELDS, checkSettingsChanges } from './account-settings-rules';
import { accountSettingsFormSchema } from './api-account-detail';

// The browser checks a change with the plain rules, the PATCH route with the zod schema built from
// them: for any value of any field both must accept the same, read it the same, and refuse it with
// the same words.
describe('the settings rules and the settings schema', () => {
  const anyValue = fc.oneof(
    fc.integer({ min: -20, max: 20_000 }),
    fc.double(),
    fc.constantFrom(0, 1, 100, 1440, 10_000, 10_001, Number.NaN, Infinity, 1.5),
    fc.string(),
    fc.constantFrom('disabled', '3', ' Inst.Example.COM ', 'a.b', 'x.example.com'),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 2 }),
  );

  it('agree on every field and value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SETTINGS_FIELDS), anyValue, (field, value) => {
        const checked = checkSettingsChanges({ [field]: value });
        const parsed = accountSettingsFormSchema.safeParse({ [field]: value });
        expect(parsed.success).toBe(checked.errors[field] === undefined);
        if (parsed.success) expect(parsed.data).toEqual(checked.changes);
        else expect(parsed.error.issues[0]?.message).toBe(checked.errors[field]);
      }),
    );
  });

  it('the schema still refuses keys that are no setting', () => {
    const parsed = accountSettingsFormSchema.safeParse({ dailyLimit: 10, colour: 'red' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.code).toBe('unrecognized_keys');
  });
});
