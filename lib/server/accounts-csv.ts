import 'server-only';
import { describeAccountStatus, describeWarmupStatus, providerLabel } from '@/lib/diagnostics/account-status';
import type { AccountRow } from '@/lib/schemas/api-accounts';
import {
  NOT_READ_SHORT,
  type SettingField,
  knowSetting,
  settingWords,
} from '@/lib/schemas/setting-knowledge';

/**
 * A setting's cell: the number where it is known (a numeric cell a spreadsheet sums and sorts), else
 * the table's words for which kind of empty it is, "not set (Instantly's default)" or "not read yet";
 * never an empty cell, which would read as "no limit" or as 0. A spreadsheet's SUM and AVERAGE skip
 * the words, as they should.
 */
function settingCell(row: AccountRow, field: SettingField): number | string {
  const known = knowSetting(row, field);
  return known.kind === 'value' ? known.value : settingWords(known, '', NOT_READ_SHORT);
}

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
  ['daily_limit', (r) => settingCell(r, 'dailyLimit')],
  ['sending_gap_minutes', (r) => settingCell(r, 'sendingGap')],
  ['warmup_limit', (r) => settingCell(r, 'warmupLimit')],
  ['tags', (r) => r.tags.map((t) => t.label).join('; ')],
  ['last_used_at', (r) => r.lastUsedAt],
  ['created_at', (r) => r.createdAt],
  ['error_cause', (r) => r.errorCause],
  ['error_summary', (r) => r.errorSummary],
  // Instantly's last list row of the account could not be read: why (its other cells are the last
  // readable values). Last, so the columns before it keep their places.
  ['could_not_be_read', (r) => r.unreadable],
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
