'use client';

import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FieldError, Input, Label } from '@/components/ui/input';
import { MAX_DAILY_LIMIT, defaultLowerLimit, parseDailyLimit } from './diagnosis-model';

/**
 * Asks for the new daily limit inline (prefilled with half the current one) and only hands over a
 * valid number. Used by the diagnosis panel and by a triage group's bulk action.
 */
export function DailyLimitField({
  current,
  suggested,
  currentText,
  submitLabel,
  busy = false,
  onSubmit,
  onCancel,
}: {
  /** The limit to stay under; null when unknown (or several accounts with different limits). */
  current: number | null;
  suggested?: number;
  /** How the current limit is described, e.g. "now 40/day" or "now 20–80/day". */
  currentText?: string;
  submitLabel: (value: number) => string;
  busy?: boolean;
  onSubmit: (value: number) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [text, setText] = useState(() => String(suggested ?? defaultLowerLimit(current)));
  const [touched, setTouched] = useState(false);
  const parsed = parseDailyLimit(text, current);
  const message = touched && !parsed.ok ? parsed.message : null;
  return (
    <form
      noValidate
      className="flex flex-wrap items-end gap-2 rounded-md border border-border bg-surface-raised p-3"
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (parsed.ok) onSubmit(parsed.value);
      }}
    >
      <div className="flex flex-col gap-1">
        <Label htmlFor={`${id}-limit`}>
          New daily limit{' '}
          <span className="font-normal text-muted">
            (emails per day{currentText ? `, ${currentText}` : ''})
          </span>
        </Label>
        <Input
          id={`${id}-limit`}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_DAILY_LIMIT}
          step={1}
          value={text}
          autoFocus
          onChange={(event) => {
            setText(event.target.value);
            setTouched(true);
          }}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${id}-error` : undefined}
          className="w-32"
        />
      </div>
      <Button type="submit" variant="primary" size="sm" disabled={busy || (touched && !parsed.ok)}>
        {parsed.ok ? submitLabel(parsed.value) : 'Set limit'}
      </Button>
      <Button size="sm" variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
      <div className="basis-full">
        <FieldError id={`${id}-error`}>{message}</FieldError>
      </div>
    </form>
  );
}
