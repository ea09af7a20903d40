import type { z } from 'zod';
import {
  keepPreviousData,
  mutationOptions,
  type QueryClient,
  queryOptions,
  skipToken,
} from '@tanstack/react-query';
import type {
  AccountDetail,
  AccountSaveResponse,
  AccountSettingsChanges,
  ChartRange,
  DomainVitalsResult,
  VitalsResponse,
  accountAnalyticsSchema,
  accountDetailSchema,
  accountSaveResponseSchema,
} from '@/lib/schemas/api-account-detail';
import type { AccountKey } from '@/lib/schemas/api-bulk-actions';
import { accountKeys } from './accounts';
import { apiFetch } from './api-fetch';

// One account: its detail (fresh from Instantly), its chart series per range, its domain vitals.
// Keys hang under accountKeys.detail so invalidating the fleet ("accounts") also refreshes the page.

export const accountDetailKeys = {
  account: (key: AccountKey) => accountKeys.detail(key.workspaceId, key.email),
  detail: (key: AccountKey) => [...accountDetailKeys.account(key), 'detail'] as const,
  analyticsAll: (key: AccountKey) => [...accountDetailKeys.account(key), 'analytics'] as const,
  analytics: (key: AccountKey, range: ChartRange) => [...accountDetailKeys.analyticsAll(key), range] as const,
};

/**
 * Domain vitals are a fact about a sending domain, not an account: every check (an account's page,
 * the table's selection) stores each domain's answer under its own key, so any account on a domain
 * shows the last check of that domain.
 */
export const vitalsKeys = {
  all: ['vitals'] as const,
  domain: (workspaceId: string, domain: string) =>
    [...vitalsKeys.all, workspaceId, domain.toLowerCase()] as const,
};

/** How long the last check of a domain is kept once no page shows it. */
const VITALS_KEPT_MS = 30 * 60_000;

/** The last check of one domain: when, and what Instantly said (null: it gave no answer for it). */
export interface DomainVitalsCheck {
  checkedAt: string;
  result: DomainVitalsResult | null;
}

/** Writes every domain of a check into the query cache, where the pages read them. */
export function storeVitals(client: QueryClient, response: VitalsResponse): void {
  // setQueryData makes an entry with the client's defaults (gone 5 minutes after nobody reads it);
  // a check from the table must outlast that until an account page of the domain is opened.
  client.setQueryDefaults(vitalsKeys.all, { gcTime: VITALS_KEPT_MS, staleTime: Infinity });
  const put = (domain: string, result: DomainVitalsResult | null) =>
    client.setQueryData<DomainVitalsCheck>(vitalsKeys.domain(response.workspaceId, domain), {
      checkedAt: response.checkedAt,
      result,
    });
  for (const result of response.domains) put(result.domain, result);
  for (const domain of response.missing) put(domain, null);
}

/** Instantly's DNS check (MX, SPF, DKIM, DMARC) of the accounts' domains, up to 100 of one workspace. */
const fetchVitals = (input: { workspaceId: string; emails: string[] }) =>
  apiFetch<VitalsResponse>('/api/accounts/vitals', {
    method: 'POST',
    body: { workspace: input.workspaceId, emails: input.emails },
  });

const accountPath = (key: AccountKey, suffix = '') =>
  `/api/accounts/${encodeURIComponent(key.email)}${suffix}?workspace=${encodeURIComponent(key.workspaceId)}`;

export const accountDetailQueries = {
  detail: (key: AccountKey) =>
    queryOptions({
      queryKey: accountDetailKeys.detail(key),
      queryFn: ({ signal }) => apiFetch<z.infer<typeof accountDetailSchema>>(accountPath(key), { signal }),
      staleTime: 15_000,
    }),
  analytics: (key: AccountKey, range: ChartRange) =>
    queryOptions({
      queryKey: accountDetailKeys.analytics(key, range),
      queryFn: ({ signal }) =>
        apiFetch<z.infer<typeof accountAnalyticsSchema>>(accountPath(key, '/analytics') + `&range=${range}`, {
          signal,
        }),
      // Switching range keeps the old chart on screen until the new one arrives.
      placeholderData: keepPreviousData,
      staleTime: 60_000,
    }),
  /**
   * The last vitals check of a domain, as the check stored it (testVitals). Reading never checks:
   * a check is an action the person asks for, and it asks Instantly to look up DNS records.
   */
  domainVitals: (workspaceId: string, domain: string) =>
    queryOptions<DomainVitalsCheck>({
      queryKey: vitalsKeys.domain(workspaceId, domain),
      queryFn: skipToken,
      staleTime: Infinity,
      gcTime: VITALS_KEPT_MS,
    }),
};

/** Applies a change set to the cached detail: what the page shows while the save is on its way. */
export function applySettings(detail: AccountDetail, changes: AccountSettingsChanges): AccountDetail {
  const settings = { ...detail.settings, ...changes };
  return {
    ...detail,
    settings,
    row: {
      ...detail.row,
      dailyLimit: settings.dailyLimit,
      sendingGap: settings.sendingGap,
      warmupLimit: settings.warmupLimit,
    },
  };
}

interface SaveContext {
  previous: AccountDetail | undefined;
}

export const accountDetailMutations = {
  /**
   * Saves the changed settings optimistically: cancel the detail query (so a late answer cannot
   * overwrite the optimistic value), snapshot, set; on error put the snapshot back (a save the server
   * could not confirm is an error too, so only a confirmed value stays); when settled,
   * refetch the detail, the chart (new markers and step values) and the fleet table's rows.
   */
  saveSettings: (queryClient: QueryClient, key: AccountKey) =>
    mutationOptions<AccountSaveResponse, Error, AccountSettingsChanges, SaveContext>({
      mutationKey: [...accountDetailKeys.account(key), 'save'],
      // One click, one PATCH: a save whose answer was lost is re-read by the server, never repeated here.
      retry: false,
      mutationFn: (changes) =>
        apiFetch<z.infer<typeof accountSaveResponseSchema>>(accountPath(key), {
          method: 'PATCH',
          body: changes,
        }),
      onMutate: async (changes) => {
        const { queryKey } = accountDetailQueries.detail(key);
        await queryClient.cancelQueries({ queryKey });
        const previous = queryClient.getQueryData(queryKey);
        if (previous) queryClient.setQueryData(queryKey, applySettings(previous, changes));
        return { previous };
      },
      onError: (_error, _changes, context) => {
        if (context?.previous)
          queryClient.setQueryData(accountDetailQueries.detail(key).queryKey, context.previous);
      },
      onSuccess: (saved) => {
        queryClient.setQueryData(accountDetailQueries.detail(key).queryKey, saved);
      },
      onSettled: async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: accountDetailKeys.detail(key) }),
          queryClient.invalidateQueries({ queryKey: accountDetailKeys.analyticsAll(key) }),
          queryClient.invalidateQueries({ queryKey: accountKeys.rows() }),
        ]);
      },
    }),
  /** Checks the domains of up to 100 accounts of one workspace and stores each domain's answer. */
  testVitals: (queryClient: QueryClient) =>
    mutationOptions({
      mutationFn: (input: { workspaceId: string; emails: string[] }) => fetchVitals(input),
      onSuccess: (response) => storeVitals(queryClient, response),
    }),
};
