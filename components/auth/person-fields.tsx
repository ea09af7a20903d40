'use client';

import type { z } from 'zod';
import { FieldError, Input, Label } from '@/components/ui/input';

// The fields a new person fills in, shared by "create the owner" and "accept an invite": name, e-mail
// and a new password, each with its error, read and checked with the form's own zod schema.

export type PersonFieldErrors = { email?: string; name?: string; password?: string; form?: string };
type Field = 'email' | 'name' | 'password';
const LABELS: Record<Field, string> = { email: 'E-mail', name: 'Name', password: 'Password' };

/** The form's values checked by `schema`: the data, or one message per field that is wrong. */
export function readPersonForm<T>(
  form: FormData,
  schema: z.ZodType<T>,
): { data: T; errors?: undefined } | { data?: undefined; errors: PersonFieldErrors } {
  const parsed = schema.safeParse({
    email: String(form.get('email') ?? ''),
    name: String(form.get('name') ?? ''),
    password: String(form.get('password') ?? ''),
  });
  if (parsed.success) return { data: parsed.data };
  const errors: PersonFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as Field;
    errors[field] ??= `${LABELS[field]} ${issue.message}`;
  }
  return { errors };
}

export function PersonFields({
  idPrefix,
  errors,
  nameLabel = LABELS.name,
}: {
  idPrefix: string;
  errors: PersonFieldErrors;
  nameLabel?: string;
}) {
  const field = (
    name: Field,
    label: string,
    input: { type?: string; autoComplete: string },
    hint?: string,
  ) => (
    <div className="grid gap-1.5">
      <Label htmlFor={`${idPrefix}-${name}`}>{label}</Label>
      <Input
        id={`${idPrefix}-${name}`}
        name={name}
        {...input}
        aria-invalid={errors[name] ? true : undefined}
      />
      {hint ? <p className="text-xs text-muted">{hint}</p> : null}
      <FieldError id={`${idPrefix}-${name}-error`}>{errors[name]}</FieldError>
    </div>
  );
  return (
    <>
      {field('name', nameLabel, { autoComplete: 'name' })}
      {field('email', LABELS.email, { type: 'email', autoComplete: 'username' })}
      {field(
        'password',
        LABELS.password,
        { type: 'password', autoComplete: 'new-password' },
        '10 characters or more.',
      )}
      {errors.form ? (
        <p role="alert" className="rounded-md bg-error-bg px-3 py-2 text-sm text-error-fg">
          {errors.form}
        </p>
      ) : null}
    </>
  );
}
