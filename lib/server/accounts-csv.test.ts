import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { AccountRow } from '@/lib/schemas/api-accounts';
import { iterateAccountRows } from '@/lib/store/account-query';
import { upsertAccounts } from '@/lib/store/accounts-index';
import { recordAudit } from '@/lib/store/audit-log';
import { account } from '@/lib/store/fleet-test-helpers';
import { acquireLease, leaseHolder } from '@/lib/store/leases';
import { testDb } from '@/lib/store/test-db';
import { accountsCsv, csvCell } from './accounts-csv';
import { DEMO_VISITOR } from './auth/actor';

async function* fromArray(rows: readonly AccountRow[]): AsyncGenerator<AccountRow> {
  yield* rows;
}

const NOT_SET = "not set (Instantly's default)";

const row = (overrides: Partial<AccountRow> = {}): AccountRow => ({
  email: 'a@x.io',
  workspaceId: 'demo',
  firstName: 'Ann',
  lastName: 'Lee',
  domain: 'x.io',
  providerCode: 2,
  status: -1,
  warmupStatus: 1,
  warmupScore: 88,
  dailyLimit: 30,
  sendingGap: 10,
  warmupLimit: 20,
  tags: [{ id: 't', label: 'Client, A' }],
  lastUsedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  statusMessage: null,
  autofixFailed: null,
  isManaged: false,
  errorCause: 'auth-failed',
  errorSeverity: 'critical',
  errorSummary: 'Login "rejected"',
  errorStale: false,
  unreadable: null,
  settingsReadAt: null,
  ...overrides,
});

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('CSV export', () => {
  it('quotes commas, quotes and newlines', async () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-3)).toBe('-3');
  });

  it('defuses spreadsheet formulas in text cells', async () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('writes a header and one line per row, with readable labels, streaming many rows', async () => {
    const rows = Array.from({ length: 1234 }, (_, i) => row({ email: `u${i}@x.io` }));
    const csv = await text(accountsCsv(fromArray(rows), new Map([['demo', 'Demo']])));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1235);
    expect(lines[0]).toMatch(
      /^workspace,email,first_name,last_name,domain,provider,status,warmup_status,warmup_score/,
    );
    expect(lines[1]).toBe(
      'Demo,u0@x.io,Ann,Lee,x.io,Google,Connection error,Active,88,30,10,20,"Client, A",,2026-01-01T00:00:00.000Z,auth-failed,"Login ""rejected""",',
    );
  });

  it('an empty setting says which kind of empty it is, in the table’s words; a known one stays a number', async () => {
    const rows = [
      // A list row without daily limit or gap: not set; the warmup limit lists never carry: not read.
      row({ email: 'sparse@x.io', tags: [], dailyLimit: null, sendingGap: null, warmupLimit: null }),
      // Read in detail and still empty: not set, the warmup limit too.
      row({
        email: 'read@x.io',
        tags: [],
        dailyLimit: null,
        warmupLimit: null,
        settingsReadAt: '2026-03-01T00:00:00.000Z',
      }),
      // A zero gap is a value, not an empty cell.
      row({ email: 'zero@x.io', tags: [], sendingGap: 0 }),
      row({
        email: 'odd@x.io',
        tags: [],
        dailyLimit: null,
        sendingGap: null,
        warmupLimit: null,
        unreadable: 'status: expected number',
      }),
    ];
    const lines = (await text(accountsCsv(fromArray(rows), new Map([['demo', 'Demo']])))).split('\r\n');
    const names = lines[0]?.split(',') ?? [];
    // These rows have no tags, so no cell before the last holds a comma: a plain split finds the columns.
    const cell = (email: string, name: string) =>
      lines.find((line) => line.includes(`,${email},`))?.split(',')[names.indexOf(name)];
    const settings = (email: string) =>
      ['daily_limit', 'sending_gap_minutes', 'warmup_limit'].map((name) => cell(email, name));
    expect(settings('sparse@x.io')).toEqual([NOT_SET, NOT_SET, 'not read yet']);
    expect(settings('read@x.io')).toEqual([NOT_SET, '10', NOT_SET]);
    expect(settings('zero@x.io')).toEqual(['30', '0', '20']);
    // An unreadable row said nothing: not read, and the reason has its own column.
    expect(settings('odd@x.io')).toEqual(['not read yet', 'not read yet', 'not read yet']);
    expect(cell('odd@x.io', 'could_not_be_read')).toBe('status: expected number');
    expect(cell('zero@x.io', 'could_not_be_read')).toBe('');
  });

  it('lets every write through while a slow reader downloads, and exports the whole view in order', async () => {
    const db = await testDb();
    const emails = Array.from({ length: 1300 }, (_, i) => `u${String(i).padStart(4, '0')}@x.io`);
    for (let i = 0; i < emails.length; i += 100) {
      await upsertAccounts(
        db,
        'demo',
        emails.slice(i, i + 100).map((email) => account({ email, first_name: 'Before' })),
      );
    }
    const rows = await iterateAccountRows(db, { workspaceIds: ['demo'] }, 'email', 'desc', 200);
    const reader = accountsCsv(rows, new Map([['demo', 'Demo']])).getReader();
    const decoder = new TextDecoder();
    let csv = '';
    let chunks = 0;
    let writes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      csv += decoder.decode(value, { stream: true });
      chunks += 1;
      // The reader is slow; meanwhile the index, the leases and the audit log are written.
      await sleep(20);
      await upsertAccounts(db, 'demo', [
        account({ email: emails[chunks * 97] ?? 'u0000@x.io', first_name: 'After' }),
        account({ email: `new${chunks}@x.io` }),
      ]);
      expect(await acquireLease(db, `export-test-${chunks}`, 'me', 60_000)).toBe(true);
      await recordAudit(db, {
        workspaceId: 'demo',
        action: 'test',
        emails: ['u0001@x.io'],
        outcome: 'success',
        actor: DEMO_VISITOR,
      });
      writes += 1;
    }
    expect(chunks).toBeGreaterThanOrEqual(4);
    expect(writes).toBe(chunks);
    expect((await leaseHolder(db, `export-test-${chunks}`))?.owner).toBe('me');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^workspace,email,/);
    // Exactly the accounts in view when the export began, once each, in the table's order.
    expect(lines.slice(1).map((line) => line.split(',')[1])).toEqual([...emails].reverse());
    // A row updated before its page was read is exported as it is now.
    expect(lines.find((line) => line.startsWith(`Demo,${emails[97]},`))).toContain(',After,');
  });
});
