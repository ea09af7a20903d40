import { mutationOptions, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AcceptInviteInput,
  CreateInviteInput,
  CreateOwnerInput,
  UpdateMemberInput,
  createInviteResponseSchema,
  inviteInfoSchema,
  meResponseSchema,
  membersResponseSchema,
  personSchema,
} from '@/lib/schemas/api-people';
import { apiFetch } from './api-fetch';

export const peopleKeys = {
  all: ['people'] as const,
  me: () => [...peopleKeys.all, 'me'] as const,
  members: () => [...peopleKeys.all, 'members'] as const,
};

/** A write's answer whose content the caller does not read. */
type Ok = Record<string, unknown>;

export const peopleQueries = {
  me: () =>
    queryOptions({
      queryKey: peopleKeys.me(),
      queryFn: ({ signal }) => apiFetch<z.infer<typeof meResponseSchema>>('/api/me', { signal }),
      staleTime: 60_000,
    }),
  members: () =>
    queryOptions({
      queryKey: peopleKeys.members(),
      queryFn: ({ signal }) => apiFetch<z.infer<typeof membersResponseSchema>>('/api/members', { signal }),
    }),
  invite: (token: string) =>
    queryOptions({
      queryKey: [...peopleKeys.all, 'invite', token],
      queryFn: ({ signal }) =>
        apiFetch<z.infer<typeof inviteInfoSchema>>(`/api/invites/${encodeURIComponent(token)}`, { signal }),
      retry: false,
    }),
};

export const peopleMutations = {
  signIn: () =>
    mutationOptions({
      mutationFn: (input: { email: string; password: string }) =>
        apiFetch<{ person: z.infer<typeof personSchema> | null }>('/api/auth/sign-in/email', {
          method: 'POST',
          body: input,
        }),
    }),
  signOut: () =>
    mutationOptions({
      mutationFn: () => apiFetch<Ok>('/api/auth/sign-out', { method: 'POST' }),
    }),
  createOwner: () =>
    mutationOptions({
      mutationFn: (input: CreateOwnerInput) => apiFetch<Ok>('/api/owner', { method: 'POST', body: input }),
    }),
  acceptInvite: (token: string) =>
    mutationOptions({
      mutationFn: (input: AcceptInviteInput) =>
        apiFetch<Ok>(`/api/invites/${encodeURIComponent(token)}`, { method: 'POST', body: input }),
    }),
  invite: () =>
    mutationOptions({
      mutationFn: (input: CreateInviteInput) =>
        apiFetch<z.infer<typeof createInviteResponseSchema>>('/api/invites', { method: 'POST', body: input }),
    }),
  update: () =>
    mutationOptions({
      mutationFn: ({ id, change }: { id: string; change: UpdateMemberInput }) =>
        apiFetch<Ok>(`/api/members/${encodeURIComponent(id)}`, { method: 'PATCH', body: change }),
    }),
  remove: () =>
    mutationOptions({
      mutationFn: (id: string) =>
        apiFetch<Ok>(`/api/members/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    }),
  withdrawInvite: () =>
    mutationOptions({
      mutationFn: (id: string) =>
        apiFetch<Ok>(`/api/invites?id=${encodeURIComponent(id)}`, { method: 'DELETE' }),
    }),
  revokeSessions: () =>
    mutationOptions({
      mutationFn: (id: string) =>
        apiFetch<Ok>(`/api/members/${encodeURIComponent(id)}/sessions`, { method: 'DELETE' }),
    }),
};
