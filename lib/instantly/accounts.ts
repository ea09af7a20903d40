import 'server-only';
import { z } from 'zod';
import {
  type Account,
  type AccountFilter,
  type AccountList,
  type BulkPauseResponse,
  accountListSchema,
  accountSchema,
  bulkPauseResponseSchema,
} from '@/lib/schemas/instantly-account';
import type { AccountPatchRequest } from '@/lib/schemas/instantly-requests';
import type { InstantlyClient } from './client';

export interface ListAccountsParams {
  limit?: number;
  starting_after?: string;
  search?: string;
  status?: number;
  provider_code?: number;
  tag_ids?: string[];
  tag_ids_all?: string[];
  include_tags?: boolean;
  filter?: AccountFilter;
  sort_by?: 'timestamp_created' | 'email' | 'stat_warmup_score' | 'status';
  sort_order?: 'asc' | 'desc';
  skip?: number;
}

const accountPath = (email: string) => `/accounts/${encodeURIComponent(email)}`;

export function listAccounts(client: InstantlyClient, params: ListAccountsParams = {}, signal?: AbortSignal) {
  const { tag_ids, tag_ids_all, ...rest } = params;
  return client.request({
    method: 'GET',
    path: '/accounts',
    // Tag id lists are documented as one comma-joined string.
    query: { ...rest, tag_ids: tag_ids?.join(','), tag_ids_all: tag_ids_all?.join(',') },
    schema: accountListSchema,
    signal,
  });
}

/**
 * Walks every page with the cursor. Stops when a page is empty or carries no cursor: the API can
 * return a cursor on its last page and then an empty page (REFERENCE §1.5). A repeated cursor also
 * stops the walk, so a misbehaving upstream cannot loop us forever. Each page gives the rows that
 * parsed and, apart, the rows that did not (see accountListSchema).
 */
export async function* listAllAccounts(
  client: InstantlyClient,
  params: Omit<ListAccountsParams, 'starting_after' | 'skip' | 'sort_by' | 'sort_order'> = {},
  signal?: AbortSignal,
  options: { firstPageDeadline?: number } = {},
): AsyncGenerator<Pick<AccountList, 'items' | 'unreadable'>, void, void> {
  let cursor: string | undefined;
  const seen = new Set<string>();
  for (let first = true; ; first = false) {
    // Only the first page may be bounded: once Instantly answered, a slow page is worth its retries.
    const pageClient =
      first && options.firstPageDeadline !== undefined
        ? client.withDeadline(options.firstPageDeadline)
        : client;
    const page = await listAccounts(pageClient, { limit: 100, ...params, starting_after: cursor }, signal);
    const rows = page.items.length + page.unreadable.length;
    if (rows > 0) yield { items: page.items, unreadable: page.unreadable };
    const next = page.next_starting_after ?? undefined;
    if (rows === 0 || !next || seen.has(next)) return;
    seen.add(next);
    cursor = next;
  }
}

export function getAccount(client: InstantlyClient, email: string, signal?: AbortSignal): Promise<Account> {
  return client.request({ method: 'GET', path: accountPath(email), schema: accountSchema, signal });
}

export function patchAccount(
  client: InstantlyClient,
  email: string,
  body: AccountPatchRequest,
  signal?: AbortSignal,
): Promise<Account> {
  return client.request({ method: 'PATCH', path: accountPath(email), body, schema: accountSchema, signal });
}

export function deleteAccount(
  client: InstantlyClient,
  email: string,
  signal?: AbortSignal,
): Promise<Account> {
  return client.request({ method: 'DELETE', path: accountPath(email), schema: accountSchema, signal });
}

export type AccountAction = 'pause' | 'resume' | 'mark-fixed';

/** pause / resume / mark-fixed: body-less POSTs, so no Content-Type is sent (Fastify rejects empty JSON). */
export function runAccountAction(
  client: InstantlyClient,
  email: string,
  action: AccountAction,
  signal?: AbortSignal,
): Promise<Account> {
  return client.request({
    method: 'POST',
    path: `${accountPath(email)}/${action}`,
    schema: accountSchema,
    signal,
  });
}

export async function pauseAccounts(
  client: InstantlyClient,
  emails: string[],
  signal?: AbortSignal,
): Promise<BulkPauseResponse> {
  return client.request({
    method: 'POST',
    path: '/accounts/pause',
    body: { emails: z.array(z.string()).min(1).max(100).parse(emails) },
    schema: bulkPauseResponseSchema,
    signal,
  });
}
