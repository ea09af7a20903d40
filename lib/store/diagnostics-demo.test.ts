import { describe, expect, it } from 'vitest';
import { diagnose } from '@/lib/diagnostics/diagnose';
import { type TriageGroupId, triageGroupOf } from '@/lib/diagnostics/triage-groups';
import { generateWorkspace } from '@/lib/simulator/fleet-generator';
import { Rng } from '@/lib/simulator/prng';
import {
  CAUSE_IDS,
  type ProviderGroup,
  STATUS_MESSAGE_CATALOG,
  buildStatusMessage,
} from '@/lib/simulator/status-message-catalog';
import { T0, demoSpec } from '@/lib/simulator/test-helpers';
import type { AccountRecord as SimRecord } from '@/lib/simulator/workspace-state';
import { createBulkActionSchema } from '@/lib/schemas/api-bulk-actions';
import { triageBoard } from './diagnostics-query';
import { fleetFixture } from './fleet-test-helpers';
import { startSync } from '@/lib/worker/sync';

// Ties the demo to the classifier: every error the simulator puts on its seeded fleet is tagged with
// the cause it stands for, and lib/diagnostics must find that cause from the message alone. Then the
// same fleet, synced into the index, must come out of the triage board with the tagged counts.

const providerCodes: Record<ProviderGroup, number> = { custom: 1, google: 2, microsoft: 3, aws: 4 };

function contextOf(record: SimRecord) {
  const { provider_code, status, warmup_status, autofix_failed } = record.json;
  return { provider_code, status, warmup_status, autofix_failed };
}

function withMessages(records: readonly SimRecord[]): SimRecord[] {
  return records.filter((r) => r.json.status_message !== undefined);
}

describe('the simulator fleet classifies to the causes it was built with', () => {
  it.each([
    ['the demo workspace (seed 42, 500 accounts)', demoSpec()],
    ['another seed (7, 1,500 accounts)', demoSpec({ seed: 7, accounts: 1500 })],
    ['another seed (2026, 3,000 accounts)', demoSpec({ seed: 2026, accounts: 3000 })],
  ])('%s', (_label, spec) => {
    const records = withMessages(generateWorkspace(spec, T0).accounts);
    expect(records.length).toBeGreaterThan(spec.accounts * 0.14);
    const mismatches = records
      .map((r) => ({
        email: r.json.email,
        tagged: r.cause,
        found: diagnose(r.json.status_message, contextOf(r)),
      }))
      .filter((m) => m.found?.cause !== m.tagged)
      .map((m) => `${m.email}: tagged ${m.tagged}, diagnosed ${m.found?.cause} (rule ${m.found?.rule})`);
    expect(mismatches).toEqual([]);
    // The demo relies on seeing every cause.
    expect(new Set(records.map((r) => r.cause))).toEqual(new Set(CAUSE_IDS));
  });

  it('every catalog entry, for every provider that uses it, with and without its reply', async () => {
    const rng = new Rng(1);
    const mismatches: string[] = [];
    for (const entry of STATUS_MESSAGE_CATALOG) {
      for (const provider of entry.providers) {
        for (const bare of entry.sometimesBare ? [false, true] : [false]) {
          const message = buildStatusMessage(
            entry,
            {
              email: 'sam@brightgrid-mail.com',
              domain: 'brightgrid-mail.com',
              host: 'mail.brightgrid-mail.com',
              rng,
            },
            bare,
          );
          for (const status of entry.statuses) {
            const found = diagnose(message, { provider_code: providerCodes[provider], status });
            if (found?.cause !== entry.cause)
              mismatches.push(
                `${entry.id} (${provider}${bare ? ', bare' : ''}): ${found?.cause} by ${found?.rule}`,
              );
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('the demo fleet on the triage board', async () => {
  const { db, client } = await fleetFixture();
  await (
    await startSync(db, 'demo', client)
  ).done;
  const seeded = generateWorkspace(demoSpec(), T0).accounts;
  const board = await triageBoard(db, {
    scope: 'all',
    workspaceIds: ['demo'],
    workspaceLabels: new Map([['demo', 'Demo']]),
  });

  /** Where the simulator's own tags put an account (its cause, not the classifier's). */
  const expectedGroupOf = (r: SimRecord): TriageGroupId | null =>
    triageGroupOf({
      status: r.json.status,
      warmupStatus: r.json.warmup_status,
      cause: r.json.status_message === undefined ? null : r.cause,
      stale: r.json.status === 1,
    });

  it('indexes the same fleet the seed describes', async () => {
    expect(board.fleetTotal).toBe(seeded.length);
  });

  it('shows every group with the count the simulator tagged', async () => {
    const expected = new Map<string, number>();
    for (const r of seeded) {
      const group = expectedGroupOf(r);
      if (group !== null) expected.set(group, (expected.get(group) ?? 0) + 1);
    }
    expect(new Map(board.groups.map((g) => [g.id, g.count]))).toEqual(expected);
    for (const cause of CAUSE_IDS)
      expect(board.groups.find((g) => g.id === cause)?.count ?? 0, cause).toBeGreaterThanOrEqual(2);
    expect(board.groups.some((g) => g.kind === 'warmup')).toBe(true);
    expect(board.total).toBe([...expected.values()].reduce((a, b) => a + b, 0));
  });

  it('leaves out Active accounts whose message is stale, and excludes them from the bulk targets', async () => {
    const staleOnly = seeded.filter(
      (r) => r.json.status === 1 && r.json.status_message !== undefined && r.json.warmup_status >= 0,
    );
    expect(staleOnly.length).toBeGreaterThan(0);
    const onBoard = new Set(board.groups.flatMap((g) => g.accounts.map((a) => a.email)));
    const excluded = new Set(board.groups.flatMap((g) => g.target.excluded.map((k) => k.email)));
    for (const r of staleOnly) {
      expect(onBoard.has(r.json.email), r.json.email).toBe(false);
      expect(excluded.has(r.json.email), r.json.email).toBe(true);
    }
  });

  it('gives every group a target the bulk-action endpoint accepts as it is', async () => {
    for (const g of board.groups) {
      const body = { kind: 'mark-fixed', target: { type: 'filter', ...g.target } };
      expect(createBulkActionSchema.safeParse(body).success, g.id).toBe(true);
    }
  });

  it('calls out the domains the simulator broke as a whole', async () => {
    const byDomain = new Map<string, Array<TriageGroupId | null>>();
    for (const r of seeded) byDomain.set(r.domain, [...(byDomain.get(r.domain) ?? []), expectedGroupOf(r)]);
    const expected = [...byDomain.entries()]
      .filter(([, groups]) => groups.length >= 2 && groups.every((g) => g !== null && g === groups[0]))
      .map(([domain, groups]) => `${domain}:${groups[0]}:${groups.length}`)
      .sort();
    expect(board.domainProblems.map((p) => `${p.domain}:${p.groupId}:${p.count}`).sort()).toEqual(expected);
    const causes = board.domainProblems.map((p) => p.groupId);
    expect(causes).toContain('dns-error');
    expect(causes).toContain('oauth-token-revoked');
  });
});
