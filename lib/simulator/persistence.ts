import 'server-only';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ARCHETYPES, type AccountStory } from './account-story';
import { CAUSE_IDS } from './status-message-catalog';
import type { AccountJson, SimWorkspaceSpec } from './types';
import type { WarmupJob } from './warmup-job-types';
import { type AccountRecord, type WorkspaceSeedData, WorkspaceState, searchTextOf } from './workspace-state';

// The dashboard's own demo simulator keeps its state in DATA_DIR, so what a person changed (settings,
// pauses, warmup jobs, tags) is still there after a restart and matches what the dashboard recorded
// (a bulk job "done" must still show as done). The whole mutable state of each workspace is saved:
// it is small (a few MB for 10,000 accounts) and nothing has to know what changed. A file that does
// not parse, is of another version or was made for other workspaces is ignored with a warning.

export const SNAPSHOT_VERSION = 1 as const;

const storySchema = z.object({
  archetype: z.enum(ARCHETYPES),
  createdDay: z.number(),
  warmupStartDay: z.number().nullable(),
  warmupStopDay: z.number().nullable(),
  campaignStartDay: z.number().nullable(),
  campaignStopDay: z.number().nullable(),
  baseRate: z.number(),
  rampDays: z.number(),
  rampFromRate: z.number(),
  raiseDay: z.number().nullable(),
  lowerDay: z.number().nullable(),
  troughRate: z.number(),
  declineFromDay: z.number().nullable(),
  endRate: z.number(),
  weekdayOnly: z.boolean(),
  increment: z.number().nullable(),
  defaultWarmupLimit: z.number(),
  defaultDailyLimit: z.number(),
  bounceRate: z.number(),
  replyRate: z.number(),
  tracksOpens: z.boolean(),
  settings: z.array(
    z.object({
      day: z.number(),
      daily_limit: z.number().nullable(),
      sending_gap: z.number().nullable(),
      warmup_limit: z.number().nullable(),
    }),
  ),
  events: z.array(
    z.object({ day: z.number(), warmup: z.boolean().optional(), sending: z.boolean().optional() }),
  ),
});

// The account as the API returns it: the keys the simulator computes with are checked, the rest of the
// wire shape is kept as it was written (it was produced by this simulator).
const accountJsonSchema = z.looseObject({
  email: z.string().min(3),
  timestamp_created: z.string(),
  timestamp_updated: z.string(),
  status: z.number(),
  warmup_status: z.number(),
  provider_code: z.number(),
  stat_warmup_score: z.number(),
});

const recordSchema = z.object({
  json: accountJsonSchema,
  createdMs: z.number(),
  domain: z.string(),
  provider: z.enum(['google', 'microsoft', 'custom', 'aws']),
  cause: z.enum(CAUSE_IDS).nullable(),
  preWarmed: z.boolean(),
  tagIds: z.array(z.string()),
  story: storySchema,
});

const jobSchema = z.object({
  id: z.string(),
  createdMs: z.number(),
  warmupStatus: z.union([z.literal(0), z.literal(1)]),
  filters: z.object({
    emails: z.array(z.string()).nullable(),
    includeAllEmails: z.boolean().nullable(),
    excludedEmails: z.array(z.string()).nullable(),
    filter: z.object({ tag_id: z.string().optional(), filter: z.string().nullable().optional() }).nullable(),
    search: z.string().nullable(),
  }),
  targets: z.array(z.string()),
  plannedFailures: z.array(z.tuple([z.string(), z.string()])),
  processed: z.array(
    z.object({
      email: z.string(),
      status: z.enum(['success', 'failed']),
      error: z.string().optional(),
    }),
  ),
  speed: z.number().positive(),
});

const savedWorkspaceSchema = z.object({
  /** What the state was generated from: a workspace configured differently starts from its seed. */
  spec: z.object({ slug: z.string(), seed: z.number(), accounts: z.number(), flag: z.string().nullable() }),
  id: z.string(),
  ownerId: z.string(),
  createdMs: z.number(),
  anchorDay: z.number(),
  scoreDay: z.number(),
  rngState: z.number(),
  brokenDomains: z.array(z.string()),
  records: z.array(recordSchema),
  tags: z.array(
    z.object({
      id: z.string(),
      timestamp_created: z.string(),
      timestamp_updated: z.string(),
      organization_id: z.string(),
      label: z.string(),
      description: z.string().nullable(),
    }),
  ),
  mappings: z.array(
    z.object({
      id: z.string(),
      tag_id: z.string(),
      resource_id: z.string(),
      resource_type: z.number(),
      timestamp_created: z.string(),
      organization_id: z.string(),
    }),
  ),
  jobs: z.array(jobSchema),
  /** Absent in snapshots saved before PATCH /workspaces/current existed. */
  profile: z
    .object({ name: z.string(), orgLogoUrl: z.string().nullable(), updatedMs: z.number() })
    .optional(),
});

export const savedSimulatorSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  savedAt: z.string(),
  workspaces: z.array(savedWorkspaceSchema),
});
export type SavedSimulator = z.infer<typeof savedSimulatorSchema>;
export type SavedWorkspace = z.infer<typeof savedWorkspaceSchema>;

const specIdentity = (spec: SimWorkspaceSpec) => ({
  slug: spec.slug,
  seed: spec.seed,
  accounts: spec.accounts,
  flag: spec.flag ?? null,
});

export function snapshotWorkspace(state: WorkspaceState): SavedWorkspace {
  return {
    spec: specIdentity(state.spec),
    id: state.id,
    ownerId: state.ownerId,
    createdMs: state.createdMs,
    anchorDay: state.anchorDay,
    scoreDay: state.currentScoreDay,
    rngState: state.rng.state,
    brokenDomains: [...state.brokenDomains],
    records: state.ordered.map((r) => ({
      json: r.json as unknown as SavedWorkspace['records'][number]['json'],
      createdMs: r.createdMs,
      domain: r.domain,
      provider: r.provider,
      cause: r.cause,
      preWarmed: r.preWarmed,
      tagIds: r.tagIds,
      story: r.story,
    })),
    tags: [...state.tags.values()],
    mappings: state.mappings,
    jobs: [...state.jobs.values()].map((job) => ({ ...job, plannedFailures: [...job.plannedFailures] })),
    profile: state.profile,
  };
}

/** The saved state of this workspace, or undefined when it was saved for a different configuration. */
export function restoreWorkspace(spec: SimWorkspaceSpec, saved: SavedWorkspace): WorkspaceState | undefined {
  const identity = specIdentity(spec);
  const same = (Object.keys(identity) as Array<keyof typeof identity>).every(
    (key) => identity[key] === saved.spec[key],
  );
  if (!same) return undefined;
  const accounts: AccountRecord[] = saved.records.map((r) => {
    const json = r.json as unknown as AccountJson;
    return { ...r, json, story: r.story as AccountStory, searchText: searchTextOf(json) };
  });
  const jobs: WarmupJob[] = saved.jobs.map((job) => ({
    ...job,
    plannedFailures: new Map(job.plannedFailures),
  }));
  const data: WorkspaceSeedData = {
    id: saved.id,
    ownerId: saved.ownerId,
    createdMs: saved.createdMs,
    accounts,
    tags: saved.tags,
    mappings: saved.mappings,
    jobs,
    brokenDomains: new Set(saved.brokenDomains),
    anchorDay: saved.anchorDay,
  };
  return new WorkspaceState(spec, data, {
    rngState: saved.rngState,
    scoreDay: saved.scoreDay,
    profile: saved.profile,
  });
}

/** Where a simulator keeps its state between runs. */
export interface SimulatorStore {
  /** The saved state, or null when there is none worth using. */
  load(): SavedSimulator | null;
  /** Asks for the state to be saved soon; `snapshot` is called when it is. */
  save(snapshot: () => SavedSimulator): void;
  /** Forgets the saved state (a reset to the seed). */
  clear(): void;
}

/**
 * A JSON file, written at most every `debounceMs` (the state of a busy demo changes many times a
 * second), atomically (temp file, then rename), and once more when the process exits.
 */
export function fileSimulatorStore(
  file: string,
  { debounceMs = 500 } = {},
): SimulatorStore & { flush(): void } {
  let pending: (() => SavedSimulator) | null = null;
  let timer: NodeJS.Timeout | null = null;
  mkdirSync(path.dirname(file), { recursive: true });

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const snapshot = pending;
    pending = null;
    if (!snapshot) return;
    // The directory is made when the store is; when it is gone, someone removed it on purpose (a
    // test's cleanup, say), and writing would bring back a deleted data directory.
    if (!existsSync(path.dirname(file))) return;
    const temp = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, JSON.stringify(snapshot()));
      renameSync(temp, file);
    } catch (error) {
      console.warn(`Demo simulator: could not save its state to ${file}:`, error);
    }
  };
  process.once('exit', flush);

  return {
    flush,
    load() {
      if (!existsSync(file)) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        console.warn(`Demo simulator: ignoring ${file}, it is not readable JSON (${String(error)}).`);
        return null;
      }
      const result = savedSimulatorSchema.safeParse(parsed);
      if (!result.success) {
        const issue = result.error.issues[0];
        console.warn(
          `Demo simulator: ignoring ${file} (another version or damaged: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}); starting from the seed.`,
        );
        return null;
      }
      return result.data;
    },
    save(snapshot) {
      pending = snapshot;
      if (!timer) {
        timer = setTimeout(flush, debounceMs);
        timer.unref();
      }
    },
    clear() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
      try {
        rmSync(file, { force: true });
      } catch (error) {
        console.warn(`Demo simulator: could not remove ${file}:`, error);
      }
    },
  };
}
