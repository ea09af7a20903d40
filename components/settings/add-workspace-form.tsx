'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Loader2 } from 'lucide-react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { toast } from '@/components/ui/toast';
import { Button } from '@/components/ui/button';
import { FieldError, Input, Label } from '@/components/ui/input';
import { ApiError } from '@/lib/queries/api-fetch';
import { applyWorkspaceChange, workspaceMutations } from '@/lib/queries/workspaces';
import {
  type AddWorkspaceInput,
  type GroupPreview,
  addWorkspaceInputSchema,
} from '@/lib/schemas/api-workspaces';
import { OwnerForm } from '@/components/auth/owner-form';
import { GroupChooser } from './group-chooser';
import { plural } from '@/lib/format';

/** What the fields hold (the key and its label); the schema trims them and refuses a key that cannot be one. */
type KeyFields = z.input<typeof addWorkspaceInputSchema>;

/**
 * Paste a key, we verify it with Instantly, then the server seals it into its vault. On react-hook-form
 * with the zod resolver over the server's own input schema (zod is already on the settings page), so a
 * refused key has the same words on both sides; the server's refusal of a key lands on the key field.
 */
export function AddWorkspaceForm() {
  const queryClient = useQueryClient();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    clearErrors,
    formState: { errors: fieldErrors },
  } = useForm<KeyFields, unknown, AddWorkspaceInput>({
    defaultValues: { key: '', label: '' },
    resolver: zodResolver(addWorkspaceInputSchema),
    // A refusal stays until the next submit, as the words of the last attempt.
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
  });
  const errors = {
    key: fieldErrors.key?.message,
    label: fieldErrors.label?.message,
    form: fieldErrors.root?.server?.message,
  };
  // The key waiting for the owner account (the open demo's first real key).
  const [awaitingOwner, setAwaitingOwner] = useState<AddWorkspaceInput | null>(null);
  // An admin key's group, while the person chooses its clients (the key is kept only in this state).
  const [group, setGroup] = useState<{ input: AddWorkspaceInput; preview: GroupPreview } | null>(null);
  const add = useMutation({
    ...workspaceMutations.add(),
    onSuccess: (answer, input) => {
      clearErrors();
      if ('group' in answer) {
        setGroup({ input, preview: answer.group });
        return;
      }
      setGroup(null);
      applyWorkspaceChange(queryClient, answer);
      if (answer.added.length > 0) {
        const names = answer.workspaces.filter((w) => answer.added.includes(w.id)).map((w) => w.name);
        toast.success(`Connected ${plural(names.length, 'client workspace')}`, {
          description: names.join(', '),
        });
        return;
      }
      const added = answer.workspaces.find((w) => w.id === answer.activeId);
      toast.success(`Connected ${added?.name ?? 'workspace'}`, {
        description: input.label ? `Saved as “${input.label}”.` : undefined,
      });
    },
    onError: (error, input) => {
      if (error instanceof ApiError && error.problem.type === 'owner-required') {
        setAwaitingOwner(input);
        clearErrors();
      } else if (error instanceof ApiError && error.problem.field === 'key') {
        setError(
          'key',
          { type: 'server', message: `${error.problem.title}: ${error.problem.detail ?? ''}`.trim() },
          { shouldFocus: true },
        );
      } else {
        setError('root.server', {
          type: 'server',
          message:
            error instanceof ApiError
              ? `${error.problem.title}. ${error.problem.detail ?? ''}`
              : error.message,
        });
      }
    },
  });

  const submit = handleSubmit((input) => {
    clearErrors();
    // An empty label is no label; the fields empty again once the key is in (or its group is shown).
    add.mutate({ ...input, label: input.label || undefined }, { onSuccess: () => reset() });
  });

  if (awaitingOwner) {
    return (
      <OwnerForm
        onCreated={() => {
          const input = awaitingOwner;
          setAwaitingOwner(null);
          // Signed in as the owner now; once the key is in, the page reloads to show who in the header.
          add.mutate(input, { onSuccess: () => window.location.reload() });
        }}
      />
    );
  }

  if (group) {
    return (
      <div className="grid gap-3">
        {errors.form || errors.key ? (
          <p role="alert" className="rounded-md bg-error-bg px-3 py-2 text-sm text-error-fg sm:max-w-lg">
            {errors.form ?? errors.key}
          </p>
        ) : null}
        <GroupChooser
          group={group.preview}
          pending={add.isPending}
          onAdd={(clients, autoAdd) => add.mutate({ ...group.input, clients, autoAdd })}
          onCancel={() => {
            setGroup(null);
            clearErrors();
          }}
        />
      </div>
    );
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="grid gap-4 sm:max-w-lg">
      <div className="grid gap-1.5">
        <Label htmlFor="api-key">Instantly API key</Label>
        <Input
          id="api-key"
          {...register('key')}
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="Paste the key from Settings → Integrations → API Keys"
          aria-invalid={errors.key ? true : undefined}
          aria-describedby={errors.key ? 'api-key-error' : 'api-key-hint'}
        />
        <p id="api-key-hint" className="text-xs text-muted">
          Checked with Instantly before it is saved. Only its last four characters are ever shown again.
        </p>
        <FieldError id="api-key-error">{errors.key}</FieldError>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="api-label">Label (optional)</Label>
        <Input
          id="api-label"
          {...register('label')}
          placeholder="e.g. Client A"
          maxLength={60}
          aria-invalid={errors.label ? true : undefined}
          aria-describedby={errors.label ? 'api-label-error' : undefined}
        />
        <FieldError id="api-label-error">{errors.label}</FieldError>
      </div>
      {errors.form ? (
        <p role="alert" className="rounded-md bg-error-bg px-3 py-2 text-sm text-error-fg">
          {errors.form}
        </p>
      ) : null}
      <div>
        <Button type="submit" variant="primary" disabled={add.isPending}>
          {add.isPending ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : null}
          {add.isPending ? 'Checking the key with Instantly…' : 'Verify and add'}
        </Button>
      </div>
    </form>
  );
}
