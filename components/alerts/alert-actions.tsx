'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { BellOff, Check, ChevronDown } from 'lucide-react';
import { toast } from '@/components/ui/toast';
import { useCan } from '@/components/auth/person-context';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { alertKeys, alertMutations } from '@/lib/queries/alerts';
import { type AlertDto, snoozeChoices } from '@/lib/schemas/api-alerts';
import { snoozeLabels } from './alert-labels';

/** The browser's IANA zone, so that "until tomorrow morning" ends on the person's own morning. */
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Acknowledge and snooze (operator and up); nothing for a resolved alert or a viewer. */
export function AlertActions({ alert }: { alert: AlertDto }) {
  const canAct = useCan('operator');
  const queryClient = useQueryClient();
  const act = useMutation({
    ...alertMutations.act(),
    onSuccess: (data, { action }) => {
      queryClient.setQueryData(alertKeys.detail(data.alert.id), data);
      toast.success(action.action === 'acknowledge' ? 'Acknowledged: no more reminders' : 'Snoozed');
    },
    onError: (error) => toast.error('Could not change the alert', { description: error.message }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertKeys.all }),
  });
  if (!canAct || alert.resolvedAt) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        size="sm"
        disabled={act.isPending || alert.acknowledgedAt !== null}
        onClick={() => act.mutate({ id: alert.id, action: { action: 'acknowledge' } })}
      >
        <Check aria-hidden className="h-4 w-4" />
        {alert.acknowledgedAt ? 'Acknowledged' : 'Acknowledge'}
      </Button>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button size="sm" variant="ghost" disabled={act.isPending}>
            <BellOff aria-hidden className="h-4 w-4" />
            Snooze
            <ChevronDown aria-hidden className="h-3 w-3" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          {snoozeChoices.map((choice) => (
            <DropdownMenuItem
              key={choice}
              onSelect={() =>
                act.mutate({
                  id: alert.id,
                  action: { action: 'snooze', for: choice, timeZone: browserTimeZone() },
                })
              }
            >
              {snoozeLabels[choice]}
            </DropdownMenuItem>
          ))}
        </DropdownMenuContent>
      </DropdownMenu>
    </div>
  );
}
