import 'server-only';
import { describeAccountStatus, describeWarmupStatus, providerLabel } from '@/lib/diagnostics/account-status';
import type { AccountRow } from '@/lib/schemas/api-accounts';

const columns: Array<[string, (row: AccountRow, workspaceLabel: string) => string | number | null]> = [
  ['workspace', (_row, label) => label],
  ['email', (r) => r.email],
  ['first_name', (r) => r.firstName],
  ['last_name', (r) => r.lastName],
  ['domain', (r) => r.domain],
  ['provider', (r) => providerLabel(r.providerCode)],
  ['status', (r) => describeAccountStatus(r.status).label],
  ['warmup_status', (r) => describeWarmupStatus(r.warmupStatus).label],
  ['warmup_score', (r) => r.warmupScore],
  ['daily_limit', (r) => r.dailyLimit],
  ['sending_gap_minutes', (r) => r.sendingGap],
  ['warmup_limit', (r) => r.warmupLimit],
  ['tags', (r) => r.tags.map((t) => t.label).join('; ')],
  ['last_used_at', (r) => r.lastUsedAt],
  ['created_at', (r) => r.createdAt],
  ['error_cause', (r) => r.errorCause],
  ['error_summary', (r) => r.errorSummary],
];

/**
 * One CSV cell. Quotes when needed, and defuses spreadsheet formulas: a cell that starts with = + - @
 * (or a tab/CR) gets a leading apostrophe so opening the export never runs anything.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(row: AccountRow, workspaceLabel: string): string {
  return `${columns.map(([, get]) => csvCell(get(row, workspaceLabel))).join(',')}\r\n`;
}

/**
 * Streams the rows as CSV with a header line, so a 10,000-row export never sits whole in memory. Rows
 * are asked for only as the reader takes chunks (pull), and `rows` reads the index a page at a time
 * (iterateAccountRows), so a slow download holds nothing open in the database between chunks.
 */
export function accountsCsv(
  rows: AsyncIterator<AccountRow>,
  workspaceLabels: ReadonlyMap<string, string>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`${columns.map(([name]) => name).join(',')}\r\n`));
        return;
      }
      let chunk = '';
      for (let i = 0; i < 500; i += 1) {
        const next = await rows.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += csvLine(next.value, workspaceLabels.get(next.value.workspaceId) ?? next.value.workspaceId);
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      // The download was abandoned: end the rows' generator so it reads no further page.
      await rows.return?.();
    },
  });
}
