import 'server-only';
import type { FaultRule, FaultRuleInput } from '@/lib/schemas/simulator-faults';
import type { SimulatorStore } from './persistence';
import type { StatusMessageJson } from './status-message-catalog';

// The simulator's public surface and the wire shapes it stores. Stored objects already have the
// exact key order and the absent-vs-null choices of the real payloads, so answering is a stringify.

export type WorkspaceFlag = 'noplan' | 'readonly' | null;

export type GroupMemberStatus = 'pending' | 'accepted' | 'rejected';

export interface SimWorkspaceSpec {
  slug: string;
  key: string;
  name: string;
  seed: number;
  accounts: number;
  flag?: WorkspaceFlag;
  /** A sub workspace of an admin workspace's group (an agency's client): the admin's slug, its status. */
  memberOf?: { admin: string; status: GroupMemberStatus };
}

export interface SimulatorOptions {
  workspaces: SimWorkspaceSpec[];
  /** Emails a warmup job processes per second. */
  jobSpeed: number;
  faults?: FaultRuleInput[];
  rate?: { perSecond: number; perMinute: number };
  /** Injectable clock (ms since epoch) for tests. */
  now?: () => number;
  /** Keeps the state across restarts (the dashboard's demo); without it the state lives in memory. */
  store?: SimulatorStore;
}

export interface SimWorkspaceInfo {
  slug: string;
  id: string;
  name: string;
  key: string;
  flag: WorkspaceFlag;
  accounts: number;
  /** For a sub workspace: its admin workspace's slug and its membership status. */
  memberOf: { admin: string; status: GroupMemberStatus } | null;
}

/** One dated point of an account's sending settings; the last one equals the account's current values. */
export interface SettingsPoint {
  date: string;
  daily_limit: number | null;
  sending_gap: number | null;
  warmup_limit: number | null;
  /**
   * The account's warmup increment and reply rate (constant over the timeline). A seed needs them
   * from here: list rows, which is what the index holds of an account never opened, carry neither.
   */
  warmup_increment?: string | null;
  warmup_reply_rate?: number | null;
}

export interface Simulator {
  handle(request: Request): Promise<Response>;
  handleControl(request: Request): Promise<Response>;
  workspaces(): SimWorkspaceInfo[];
  workspaceBySlug(slug: string): SimWorkspaceInfo | undefined;
  settingsTimeline(slug: string, email: string): SettingsPoint[] | undefined;
  /** Active fault rules (after expiry). */
  faultRules(): FaultRule[];
}

export interface WarmupAdvancedJson {
  warm_ctd?: boolean;
  open_rate?: number;
  important_rate?: number;
  read_emulation?: boolean;
  spam_save_rate?: number;
  weekday_only?: boolean;
}

export interface WarmupJson {
  limit?: number;
  advanced?: WarmupAdvancedJson;
  warmup_custom_ftag?: string;
  increment?: string;
  reply_rate?: number;
}

/** An account as the API returns it; optional keys are absent when never set. */
export interface AccountJson {
  email: string;
  timestamp_created: string;
  timestamp_updated: string;
  first_name: string;
  last_name: string;
  organization: string;
  warmup_status: number;
  provider_code: number;
  setup_pending: boolean;
  is_managed_account: boolean;
  warmup?: WarmupJson;
  added_by?: string;
  daily_limit?: number | null;
  modified_by?: string;
  tracking_domain_name?: string | null;
  tracking_domain_status?: string | null;
  status: number;
  enable_slow_ramp?: boolean | null;
  inbox_placement_test_limit?: number | null;
  status_message?: StatusMessageJson;
  timestamp_warmup_start?: string;
  timestamp_last_used?: string;
  warmup_pool_id?: string;
  stat_warmup_score: number;
  sending_gap?: number;
  signature?: string | null;
  reply_to?: string | null;
  autofix_failed?: boolean | null;
}

export interface CustomTagRecord {
  id: string;
  timestamp_created: string;
  timestamp_updated: string;
  organization_id: string;
  label: string;
  /** Stored but not echoed on tag endpoints: real responses leave it out even when it was sent. */
  description: string | null;
}

export interface TagMappingJson {
  id: string;
  tag_id: string;
  resource_id: string;
  resource_type: number;
  timestamp_created: string;
  organization_id: string;
}
