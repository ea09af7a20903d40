import { describe, expect, it } from 'vitest';
import type { AccountRow } from '@/lib/schemas/api-accounts';
import { accountsCsv, csvCell } from './accounts-csv';

async function* fromArray(rows: readonly AccountRow[]): AsyncGenerator<AccountRow> {
  yield* rows;
}

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
      'Demo,u0@x.io,Ann,Lee,x.io,Google,Connection error,Active,88,30,10,20,"Client, A",,2026-01-01T00:00:00.000Z,auth-failed,"Login ""rejected"""',
    );
  });
});
