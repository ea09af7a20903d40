import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  type AcceptInviteInput,
  type CreateInviteInput,
  type CreateOwnerInput,
  type UpdateMemberInput,
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

const okSchema = z.object({}).loose();

export const peopleQueries = {
  me: () =>
    queryOptions({
      queryKey: peopleKeys.me(),
      queryFn: ({ signal }) => apiFetch('/api/me', meResponseSchema, { signal }),
      staleTime: 60_000,
    }),
  members: () =>
    queryOptions({
      queryKey: peopleKeys.members(),
      queryFn: ({ signal }) => apiFetch('/api/members', membersResponseSchema, { signal }),
    }),
  invite: (token: string) =>
    queryOptions({
      queryKey: [...peopleKeys.all, 'invite', token],
      queryFn: ({ signal }) =>
        apiFetch(`/api/invites/${encodeURIComponent(token)}`, inviteInfoSchema, { signal }),
      retry: false,
    }),
};

export const peopleMutations = {
  signIn: () =>
    mutationOptions({
      mutationFn: (input: { email: string; password: string }) =>
        apiFetch('/api/auth/sign-in/email', z.object({ person: personSchema.nullable() }), {
          method: 'POST',
          body: input,
        }),
    }),
  signOut: () =>
    mutationOptions({
      mutationFn: () => apiFetch('/api/auth/sign-out', okSchema, { method: 'POST' }),
    }),
  createOwner: () =>
    mutationOptions({
      mutationFn: (input: CreateOwnerInput) =>
        apiFetch('/api/owner', okSchema, { method: 'POST', body: input }),
    }),
  acceptInvite: (token: string) =>
    mutationOptions({
      mutationFn: (input: AcceptInviteInput) =>
        apiFetch(`/api/invites/${encodeURIComponent(token)}`, okSchema, { method: 'POST', body: input }),
    }),
  invite: () =>
    mutationOptions({
      mutationFn: (input: CreateInviteInput) =>
        apiFetch('/api/invites', createInviteResponseSchema, { method: 'POST', body: input }),
    }),
  update: () =>
    mutationOptions({
      mutationFn: ({ id, change }: { id: string; change: UpdateMemberInput }) =>
        apiFetch(`/api/members/${encodeURIComponent(id)}`, okSchema, { method: 'PATCH', body: change }),
    }),
  remove: () =>
    mutationOptions({
      mutationFn: (id: string) =>
        apiFetch(`/api/members/${encodeURIComponent(id)}`, okSchema, { method: 'DELETE' }),
    }),
  withdrawInvite: () =>
    mutationOptions({
      mutationFn: (id: string) =>
        apiFetch(`/api/invites?id=${encodeURIComponent(id)}`, okSchema, { method: 'DELETE' }),
    }),
  revokeSessions: () =>
    mutationOptions({
      mutationFn: (id: string) =>
        apiFetch(`/api/members/${encodeURIComponent(id)}/sessions`, okSchema, { method: 'DELETE' }),
    }),
};
