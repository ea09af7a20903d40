import 'server-only';
import { type ProviderFamily, providerFamily, providerLabel } from '@/lib/diagnostics/account-status';
import { causeCatalog } from '@/lib/diagnostics/cause-catalog';
import { sameGroupDomains } from '@/lib/diagnostics/domain-outage';
import {
  NO_MESSAGE_GROUP_ID,
  type TriageGroupId,
  isCauseId,
  triageGroupFilter,
  triageGroupInfo,
  triageGroupOf,
} from '@/lib/diagnostics/triage-groups';
import {
  BOARD_ACCOUNTS_PER_GROUP,
  type DiagnosticsScope,
  type DomainProblem,
  type GroupAccountsResponse,
  type TriageAccount,
  type TriageCount,
  type TriageFix,
  type TriageGroup,
  type TriageTarget,
} from '@/lib/schemas/api-diagnostics';
import { matchingAccountKeys } from './account-query';
import type { Db } from './db';
import { accountKey } from '@/lib/schemas/api-bulk-actions';

// The triage board, read from the fleet index: the diagnosis was computed per account at index time
// (error_cause, error_stale, …), so grouping a 10,000-account fleet is one indexed scan plus a little
// counting here, without re-reading any status_message.

export interface TriageScope {
  scope: DiagnosticsScope;
  /** The workspaces the request covers, already resolved from the scope. */
  workspaceIds: readonly string[];
  workspaceLabels: ReadonlyMap<string, string>;
}

type BoardRecord = Awaited<ReturnType<typeof boardRecords>>[number];

interface Member {
  record: BoardRecord;
  group: TriageGroupId;
}

const familyLabels: Record<ProviderFamily, string> = {
  google: 'Google',
  microsoft: 'Microsoft',
  custom: 'Custom IMAP/SMTP',
  other: 'Other providers',
};

const MAX_DOMAINS_PER_GROUP = 10;
/** Domains counted per statement (an IN list stays far below either database's parameter cap). */
const DOMAINS_PER_QUERY = 500;

const BOARD_COLUMNS = [
  'workspace_id',
  'email',
  'first_name',
  'last_name',
  'domain',
  'provider_code',
  'status',
  'warmup_status',
  'daily_limit',
  'error_cause',
  'error_severity',
  'error_summary',
  'error_stale',
  'autofix_failed',
  'unreadable_reason',
] as const;

/**
 * Accounts that may be on the board: in an error or warmup error state (has_error), or carrying a
 * message that is not stale. `group` narrows the scan to one group's rows (by its index columns).
 */
async function boardRecords(db: Db, workspaceIds: readonly string[], group?: TriageGroupId) {
  if (workspaceIds.length === 0) return [];
  let query = db
    .selectFrom('accounts')
    .select(BOARD_COLUMNS)
    .where('workspace_id', 'in', workspaceIds)
    .where((eb) =>
      eb.or([
        eb('has_error', '=', 1),
        eb.and([eb('error_cause', 'is not', null), eb('error_stale', '=', 0)]),
      ]),
    );
  if (group !== undefined) {
    const filter = triageGroupFilter(group);
    const warmup = filter.warmup?.[0];
    if (group === NO_MESSAGE_GROUP_ID) query = query.where('status', '<', 0).where('error_cause', 'is', null);
    else if (warmup !== undefined) query = query.where('warmup_status', '=', warmup);
    else query = query.where('error_cause', '=', group);
  }
  return query.execute();
}

function membersOf(records: readonly BoardRecord[]): Member[] {
  const members: Member[] = [];
  for (const record of records) {
    const group = triageGroupOf({
      status: record.status,
      warmupStatus: record.warmup_status,
      cause: record.error_cause,
      stale: record.error_stale === 1,
    });
    if (group !== null) members.push({ record, group });
  }
  return members;
}

/** Who needs a person first: autofix gave up, then current before stale, then by address. */
function compareMembers(a: Member, b: Member): number {
  const autofix = (b.record.autofix_failed === 1 ? 1 : 0) - (a.record.autofix_failed === 1 ? 1 : 0);
  if (autofix !== 0) return autofix;
  if (a.record.error_stale !== b.record.error_stale) return a.record.error_stale - b.record.error_stale;
  if (a.record.email !== b.record.email) return a.record.email < b.record.email ? -1 : 1;
  return a.record.workspace_id < b.record.workspace_id
    ? -1
    : a.record.workspace_id > b.record.workspace_id
      ? 1
      : 0;
}

function toAccount(record: BoardRecord, labels: ReadonlyMap<string, string>): TriageAccount {
  return {
    workspaceId: record.workspace_id,
    workspaceLabel: labels.get(record.workspace_id) ?? record.workspace_id,
    email: record.email,
    firstName: record.first_name,
    lastName: record.last_name,
    providerCode: record.provider_code,
    status: record.status,
    warmupStatus: record.warmup_status,
    dailyLimit: record.daily_limit,
    summary: record.error_summary,
    severity: record.error_severity,
    stale: record.error_stale === 1,
    autofixFailed: record.autofix_failed === null ? null : record.autofix_failed === 1,
  };
}

/** Counts per value, most first, ties by label. */
function countBy(values: Iterable<{ value: string; label: string }>): TriageCount[] {
  const counts = new Map<string, TriageCount>();
  for (const { value, label } of values) {
    const entry = counts.get(value);
    if (entry) entry.count += 1;
    else counts.set(value, { value, label, count: 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

function dailyLimitStats(members: readonly Member[]): TriageGroup['dailyLimit'] {
  const limits = members
    .map((m) => m.record.daily_limit)
    .filter((l): l is number => l !== null)
    .sort((a, b) => a - b);
  const min = limits[0];
  const max = limits[limits.length - 1];
  const median = limits[Math.floor((limits.length - 1) / 2)];
  if (min === undefined || max === undefined || median === undefined) return null;
  // Half the typical limit: a clear cut that still keeps the accounts sending a little.
  return { min, max, suggested: Math.max(1, Math.floor(median / 2)) };
}

/**
 * Accounts the preview has no limit for, by why: lists carry daily_limit where it is set, so a
 * readable row without one is "not set"; an unreadable row said nothing ("not read yet").
 */
function dailyLimitUnknown(members: readonly Member[]): TriageGroup['dailyLimitUnknown'] {
  let notSet = 0;
  let notRead = 0;
  for (const { record } of members) {
    if (record.daily_limit !== null) continue;
    if (record.unreadable_reason === null) notSet += 1;
    else notRead += 1;
  }
  return { notSet, notRead };
}

function wireFilters(scope: DiagnosticsScope, group: TriageGroupId): TriageTarget['filters'] {
  const filter = triageGroupFilter(group);
  return {
    scope,
    ...(filter.cause ? { cause: [...filter.cause] } : {}),
    ...(filter.warmup ? { warmup: [...filter.warmup] } : {}),
    ...(filter.status ? { status: [...filter.status] } : {}),
  };
}

/** The group's table filter, minus what that filter also matches outside the group. */
async function targetOf(
  db: Db,
  scope: TriageScope,
  group: TriageGroupId,
  members: readonly Member[],
): Promise<TriageTarget> {
  const inGroup = new Set(
    members.map((m) => accountKey({ workspaceId: m.record.workspace_id, email: m.record.email })),
  );
  const excluded = (
    await matchingAccountKeys(db, {
      workspaceIds: scope.workspaceIds,
      ...triageGroupFilter(group),
    })
  ).filter((k) => !inGroup.has(accountKey(k)));
  return { filters: wireFilters(scope.scope, group), excluded };
}

async function buildGroup(
  db: Db,
  scope: TriageScope,
  group: TriageGroupId,
  unsorted: Member[],
): Promise<TriageGroup> {
  const members = [...unsorted].sort(compareMembers);
  const info = triageGroupInfo(group);
  const families = countBy(
    members.map((m) => {
      const family = providerFamily(m.record.provider_code);
      return { value: family, label: familyLabels[family] };
    }),
  );
  const fixes: TriageFix[] = families.map((f) => {
    const family = f.value as ProviderFamily;
    return { provider: family, label: f.label, count: f.count, steps: [...info.fix[family]] };
  });
  // One provider family: its own wording ("Google sign-in expired") is closer than the generic one.
  const only = families.length === 1 ? (families[0]?.value as ProviderFamily) : null;
  const wording = only && isCauseId(group) ? causeCatalog[group].byProvider[only] : undefined;
  const domains = countBy(members.map((m) => ({ value: m.record.domain, label: m.record.domain })));
  return {
    id: group,
    kind: info.kind,
    title: wording?.title ?? info.title,
    severity: info.severity,
    urgency: info.urgency,
    fault: info.fault,
    explanation: wording?.explanation ?? info.explanation,
    fixes,
    actions: [...info.actions],
    count: members.length,
    autofixFailed: members.filter((m) => m.record.autofix_failed === 1).length,
    stale: members.filter((m) => m.record.error_stale === 1).length,
    providers: countBy(
      members.map((m) => ({
        value: String(m.record.provider_code ?? 'unknown'),
        label: providerLabel(m.record.provider_code),
      })),
    ),
    domains: domains.slice(0, MAX_DOMAINS_PER_GROUP),
    domainCount: domains.length,
    workspaces: countBy(
      members.map((m) => ({
        value: m.record.workspace_id,
        label: scope.workspaceLabels.get(m.record.workspace_id) ?? m.record.workspace_id,
      })),
    ),
    dailyLimit: dailyLimitStats(members),
    dailyLimitUnknown: dailyLimitUnknown(members),
    target: await targetOf(db, scope, group, members),
    accounts: members
      .slice(0, BOARD_ACCOUNTS_PER_GROUP)
      .map((m) => toAccount(m.record, scope.workspaceLabels)),
  };
}

async function domainProblems(
  db: Db,
  scope: TriageScope,
  members: readonly Member[],
): Promise<DomainProblem[]> {
  const candidates = sameGroupDomains(
    members.map((m) => ({ domain: m.record.domain, group: m.group, member: m })),
  ).map(([domain, inboxes]) => [domain, inboxes.map((i) => i.member)] as const);
  if (candidates.length === 0) return [];
  // "Every inbox of the domain": compare with all its inboxes in scope, healthy ones included.
  const totals = new Map<string, number>();
  const names = candidates.map(([domain]) => domain);
  for (let i = 0; i < names.length; i += DOMAINS_PER_QUERY) {
    const rows = await db
      .selectFrom('accounts')
      .select((eb) => ['domain', eb.fn.countAll<number>().as('total')])
      .where('workspace_id', 'in', scope.workspaceIds)
      .where('domain', 'in', names.slice(i, i + DOMAINS_PER_QUERY))
      .groupBy('domain')
      .execute();
    for (const row of rows) totals.set(row.domain, row.total);
  }
  return candidates
    .filter(([domain, inboxes]) => totals.get(domain) === inboxes.length)
    .map(([domain, inboxes]): DomainProblem => {
      const group = inboxes[0]!.group;
      const info = triageGroupInfo(group);
      return {
        domain,
        groupId: group,
        title: info.title,
        severity: info.severity,
        count: inboxes.length,
        workspaces: countBy(
          inboxes.map((m) => ({
            value: m.record.workspace_id,
            label: scope.workspaceLabels.get(m.record.workspace_id) ?? m.record.workspace_id,
          })),
        ),
      };
    })
    .sort(
      (a, b) =>
        triageGroupInfo(a.groupId as TriageGroupId).urgency -
          triageGroupInfo(b.groupId as TriageGroupId).urgency ||
        b.count - a.count ||
        a.domain.localeCompare(b.domain),
    );
}

export interface TriageBoard {
  total: number;
  fleetTotal: number;
  groups: TriageGroup[];
  domainProblems: DomainProblem[];
}

/** Every account in trouble in the scope, grouped, most urgent group first (urgency, then size). */
export async function triageBoard(db: Db, scope: TriageScope): Promise<TriageBoard> {
  if (scope.workspaceIds.length === 0) return { total: 0, fleetTotal: 0, groups: [], domainProblems: [] };
  const members = membersOf(await boardRecords(db, scope.workspaceIds));
  const byGroup = new Map<TriageGroupId, Member[]>();
  for (const member of members) {
    const list = byGroup.get(member.group);
    if (list) list.push(member);
    else byGroup.set(member.group, [member]);
  }
  const groups = (
    await Promise.all([...byGroup.entries()].map(([group, list]) => buildGroup(db, scope, group, list)))
  ).sort((a, b) => a.urgency - b.urgency || b.count - a.count || a.id.localeCompare(b.id));
  const { fleetTotal } = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('fleetTotal'))
    .where('workspace_id', 'in', scope.workspaceIds)
    .executeTakeFirstOrThrow();
  return {
    total: members.length,
    fleetTotal,
    groups,
    domainProblems: await domainProblems(db, scope, members),
  };
}

/** One page of a group's accounts, in the board's order. */
export async function triageGroupAccounts(
  db: Db,
  scope: TriageScope,
  group: TriageGroupId,
  page: { offset: number; limit: number },
): Promise<GroupAccountsResponse> {
  const members = membersOf(await boardRecords(db, scope.workspaceIds, group))
    .filter((m) => m.group === group)
    .sort(compareMembers);
  return {
    groupId: group,
    total: members.length,
    offset: page.offset,
    accounts: members
      .slice(page.offset, page.offset + page.limit)
      .map((m) => toAccount(m.record, scope.workspaceLabels)),
  };
}
