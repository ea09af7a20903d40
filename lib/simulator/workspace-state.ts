import 'server-only';
import type { AccountStory } from './account-story';
import { dayOf } from './dates';
import { Rng } from './prng';
import type { CauseId, ProviderGroup } from './status-message-catalog';
import type { AccountJson, CustomTagRecord, SimWorkspaceSpec, TagMappingJson } from './types';
import { warmupAggregate } from './warmup-metrics';
import type { WarmupJob } from './warmup-job-types';

// The mutable state of one simulated workspace. Accounts are kept twice: by lower-cased email for
// lookups and in the API's default order (timestamp_created desc, then email desc) so a cursor page
// is a binary search plus a slice, which keeps paging 10,000 accounts cheap.

export interface AccountRecord {
  json: AccountJson;
  createdMs: number;
  domain: string;
  provider: ProviderGroup;
  /** The cause behind status_message (errored accounts and stale messages). */
  cause: CauseId | null;
  /** Pre-warmed (ready-made) mailbox: ACC_FILTER_PW_ACCOUNTS. */
  preWarmed: boolean;
  tagIds: string[];
  story: AccountStory;
  /** Lower-cased "email first last" for search. */
  searchText: string;
}

export interface WorkspaceSeedData {
  id: string;
  ownerId: string;
  createdMs: number;
  accounts: AccountRecord[];
  tags: CustomTagRecord[];
  mappings: TagMappingJson[];
  jobs: WarmupJob[];
  brokenDomains: Set<string>;
  anchorDay: number;
}

export function accountCursor(record: AccountRecord): string {
  return `${record.json.timestamp_created}&${record.json.email}`;
}

export function searchTextOf(json: AccountJson): string {
  return `${json.email} ${json.first_name} ${json.last_name}`.toLowerCase();
}

/** Default list order: newest first; ties broken by email, descending. */
export function compareDefault(a: AccountRecord, b: AccountRecord): number {
  if (a.createdMs !== b.createdMs) return b.createdMs - a.createdMs;
  return a.json.email < b.json.email ? 1 : a.json.email > b.json.email ? -1 : 0;
}

export interface WorkspaceProfile {
  name: string;
  orgLogoUrl: string | null;
  updatedMs: number;
}

export class WorkspaceState {
  readonly spec: SimWorkspaceSpec;
  readonly id: string;
  readonly ownerId: string;
  readonly createdMs: number;
  readonly anchorDay: number;
  readonly brokenDomains: Set<string>;
  readonly accounts = new Map<string, AccountRecord>();
  /** Accounts in default order. */
  readonly ordered: AccountRecord[];
  readonly tags = new Map<string, CustomTagRecord>();
  /** Tag mappings by timestamp_created ascending (each timestamp unique, so it can be a cursor). */
  readonly mappings: TagMappingJson[];
  readonly jobs = new Map<string, WarmupJob>();
  /** Ids and timestamps created at run time come from here, so a test run is repeatable. */
  readonly rng: Rng;
  /** What PATCH /workspaces/current changed (the name starts as the configured one). */
  profile: WorkspaceProfile;
  private scoreDay: number;

  /** `restored`: where a saved state's id stream and score day were (see persistence.ts). */
  constructor(
    spec: SimWorkspaceSpec,
    data: WorkspaceSeedData,
    restored?: { rngState: number; scoreDay: number; profile?: WorkspaceProfile },
  ) {
    this.spec = spec;
    this.id = data.id;
    this.ownerId = data.ownerId;
    this.createdMs = data.createdMs;
    this.anchorDay = data.anchorDay;
    this.brokenDomains = data.brokenDomains;
    this.ordered = [...data.accounts].sort(compareDefault);
    for (const record of this.ordered) this.accounts.set(record.json.email.toLowerCase(), record);
    for (const tag of data.tags) this.tags.set(tag.id, tag);
    this.mappings = [...data.mappings].sort((a, b) => a.timestamp_created.localeCompare(b.timestamp_created));
    for (const job of data.jobs) this.jobs.set(job.id, job);
    this.rng = restored ? new Rng(restored.rngState) : Rng.from('runtime', spec.seed, spec.slug);
    this.scoreDay = restored?.scoreDay ?? data.anchorDay;
    this.profile = restored?.profile ?? {
      name: spec.name,
      orgLogoUrl: null,
      updatedMs: data.createdMs + 3 * 86_400_000,
    };
  }

  /** The calendar day the warmup scores were last rolled to. */
  get currentScoreDay(): number {
    return this.scoreDay;
  }

  account(email: string): AccountRecord | undefined {
    return this.accounts.get(email.toLowerCase());
  }

  /** Index of the first account that comes after the cursor in default order. */
  indexAfter(createdMs: number, email: string | null): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const record = this.ordered[mid] as AccountRecord;
      const after =
        record.createdMs < createdMs ||
        (email !== null && record.createdMs === createdMs && record.json.email < email);
      if (after) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  insertAccount(record: AccountRecord): void {
    this.accounts.set(record.json.email.toLowerCase(), record);
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareDefault(this.ordered[mid] as AccountRecord, record) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.ordered.splice(lo, 0, record);
  }

  removeAccount(record: AccountRecord): void {
    this.accounts.delete(record.json.email.toLowerCase());
    const index = this.ordered.indexOf(record);
    if (index >= 0) this.ordered.splice(index, 1);
    const email = record.json.email.toLowerCase();
    for (let i = this.mappings.length - 1; i >= 0; i--) {
      const mapping = this.mappings[i];
      if (mapping && mapping.resource_type === 1 && mapping.resource_id.toLowerCase() === email)
        this.mappings.splice(i, 1);
    }
  }

  /** A timestamp for a new tag mapping, strictly after every existing one (it doubles as the cursor). */
  nextMappingMs(nowMs: number): number {
    const last = this.mappings[this.mappings.length - 1];
    const lastMs = last ? Date.parse(last.timestamp_created) : 0;
    return Math.max(nowMs, lastMs + 1);
  }

  /** stat_warmup_score follows the 7-day aggregate; recompute all when the calendar day turns. */
  refreshScores(nowMs: number): void {
    const today = dayOf(nowMs);
    if (today === this.scoreDay) return;
    this.scoreDay = today;
    for (const record of this.ordered) this.refreshScore(record, today);
  }

  refreshScore(record: AccountRecord, today: number = this.scoreDay): void {
    record.json.stat_warmup_score = warmupAggregate(
      this.spec.seed,
      record.json.email,
      record.story,
      today,
    ).health_score;
  }
}
