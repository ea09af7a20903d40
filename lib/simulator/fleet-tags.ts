import 'server-only';
import { DAY_MS, iso, MINUTE_MS } from './dates';
import type { Draft } from './fleet-accounts';
import { uuidV4, uuidV7 } from './ids';
import { TAG_LABELS } from './name-lists';
import { Rng } from './prng';
import type { CustomTagRecord, SimWorkspaceSpec, TagMappingJson } from './types';
import type { AccountRecord } from './workspace-state';

// Seeded custom tags (client names, "Q4 launch", "Needs review"…) and their mappings: client tags
// cover whole domains, triage tags follow the account's state, at most two tags per account.

export function buildTags(
  spec: SimWorkspaceSpec,
  rng: Rng,
  workspaceId: string,
  anchorStart: number,
): CustomTagRecord[] {
  const tagRng = Rng.from('tags', spec.seed, spec.slug);
  const labels = tagRng.shuffle([...TAG_LABELS]).slice(0, rng.int(4, 7));
  return labels
    .map((label) => {
      const createdMs = anchorStart - tagRng.int(30, 500) * DAY_MS + tagRng.int(0, DAY_MS - 1);
      return {
        id: uuidV4(tagRng),
        timestamp_created: iso(createdMs),
        timestamp_updated: iso(createdMs),
        organization_id: workspaceId,
        label,
        description: label === 'Needs review' ? 'Accounts to check this week' : null,
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

export function assignTags(
  drafts: Draft[],
  tags: CustomTagRecord[],
  rng: Rng,
  workspaceId: string,
  anchorStart: number,
  seed: number,
): TagMappingJson[] {
  const byLabel = new Map(tags.map((t) => [t.label, t]));
  const domainTag = new Map<string, CustomTagRecord | null>();
  const clientTags = tags.filter((t) => t.label.startsWith('Client:'));
  const mappingRng = Rng.from('mappings', seed, workspaceId);
  const raw: Array<{ tag: CustomTagRecord; record: AccountRecord; ms: number }> = [];
  for (const { record, plan } of drafts) {
    if (!domainTag.has(plan.name)) {
      const tag = clientTags.length > 0 && rng.chance(0.35) ? rng.pick(clientTags) : null;
      domainTag.set(plan.name, tag);
    }
    const wanted: CustomTagRecord[] = [];
    const add = (label: string, probability: number) => {
      const tag = byLabel.get(label);
      if (tag && !wanted.includes(tag) && mappingRng.chance(probability)) wanted.push(tag);
    };
    const client = domainTag.get(plan.name);
    if (client) wanted.push(client);
    const json = record.json;
    if (json.status < 0) add('Needs review', 0.5);
    if (json.status === -1) add('Reconnect pending', 0.4);
    if (json.is_managed_account) add('Agency pool', 0.8);
    if (json.status === 2 || record.story.archetype === 'new') add('Warmup only', 0.4);
    if ((json.daily_limit ?? 0) >= 50) add('High volume', 0.5);
    if (plan.name.endsWith('.co') || plan.name.endsWith('.io')) add('EU domains', 0.1);
    add('Q4 launch', 0.1);
    add('Needs review', 0.03);
    for (const tag of wanted.slice(0, 2)) {
      record.tagIds.push(tag.id);
      const earliest = Math.max(Date.parse(tag.timestamp_created), record.createdMs);
      const ms = Math.min(anchorStart - DAY_MS, earliest + mappingRng.int(MINUTE_MS, 20 * DAY_MS));
      raw.push({ tag, record, ms: Math.max(ms, earliest) });
    }
  }
  raw.sort((a, b) => a.ms - b.ms);
  let lastMs = 0;
  return raw.map(({ tag, record, ms }) => {
    // Timestamps are the mapping list's cursor, so they must be unique.
    const at = Math.max(ms, lastMs + 1);
    lastMs = at;
    return {
      id: uuidV7(at, mappingRng),
      tag_id: tag.id,
      resource_id: record.json.email,
      resource_type: 1,
      timestamp_created: iso(at),
      organization_id: workspaceId,
    };
  });
}
