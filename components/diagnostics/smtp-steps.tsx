import { Check, CircleDashed, CircleHelp, X } from 'lucide-react';
import { cn } from '@/components/ui/cn';
import type { Step } from '@/lib/diagnostics/cause-catalog';
import { type StepState, conversationSteps, stepStateLabels } from './diagnosis-model';

const stateStyle: Record<StepState, { icon: typeof Check; box: string; text: string }> = {
  passed: { icon: Check, box: 'border-healthy/50 bg-healthy-bg text-healthy-fg', text: 'text-healthy-fg' },
  failed: {
    icon: X,
    box: 'border-error bg-error-bg text-error-fg ring-2 ring-error/30',
    text: 'text-error-fg font-semibold',
  },
  'not-reached': { icon: CircleDashed, box: 'border-dashed border-border text-muted', text: 'text-muted' },
  unknown: { icon: CircleHelp, box: 'border-border text-muted', text: 'text-muted' },
};

/**
 * The conversation with the mail server as an ordered list: every step says in words whether it
 * passed, failed or was never reached, so the colour only repeats what the text says.
 */
export function SmtpSteps({ step, headingId }: { step: Step | null; headingId: string }) {
  const steps = conversationSteps(step);
  return (
    <div>
      <ol aria-labelledby={headingId} className="flex flex-wrap items-stretch gap-1.5">
        {steps.map((s, index) => {
          const style = stateStyle[s.state];
          const Icon = style.icon;
          const separateChannel = s.id === 'imap' || s.id === 'api';
          return (
            <li
              key={s.id}
              aria-current={s.state === 'failed' ? 'step' : undefined}
              className={cn(
                'flex items-center gap-1.5',
                separateChannel && 'sm:ml-3 sm:border-l sm:border-border sm:pl-3',
              )}
            >
              <div
                className={cn(
                  'flex min-w-[6.5rem] max-w-[9rem] flex-col rounded-md border px-2.5 py-1.5',
                  style.box,
                )}
              >
                <span className="flex items-center gap-1 text-sm font-medium">
                  <Icon aria-hidden className="h-3.5 w-3.5 shrink-0" />
                  {s.label}
                </span>
                <span className={cn('text-xs', style.text)}>{stepStateLabels[s.state]}</span>
                <span className="text-xs text-muted">{s.detail}</span>
              </div>
              {index < steps.length - 1 &&
              !(steps[index + 1]?.id === 'imap' || steps[index + 1]?.id === 'api') ? (
                <span aria-hidden className="text-muted">
                  →
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      {step === null ? (
        <p className="mt-2 text-xs text-muted">The error does not say at which step it happened.</p>
      ) : step === 'imap' ? (
        <p className="mt-2 text-xs text-muted">
          This failed on the reading side (IMAP), outside the sending conversation, whose steps are not known.
        </p>
      ) : step === 'api' ? (
        <p className="mt-2 text-xs text-muted">
          This failed in a call to the provider&apos;s API, outside the SMTP conversation, whose steps are not
          known.
        </p>
      ) : null}
    </div>
  );
}
