// Instantly's `status_message` is a nodemailer error copied into the account. Any key may be missing,
// values drift in type (responseCode as "550"), some clients see a bare string or even a JSON string.
// Everything here is lenient: a broken field becomes null, never an exception.

/** The five documented keys, each a string/number or null: what the UI displays and copies. */
export interface RawStatusMessage {
  code: string | null;
  command: string | null;
  response: string | null;
  e_message: string | null;
  responseCode: number | null;
}

function blankToNull(value: string): string | null {
  return value.trim() === '' ? null : value;
}

// Plain functions rather than zod schemas: the account page diagnoses in the browser, and zod (about
// 30 KB gzip) would ship with it for these few lenient reads.

/** A string, a number, a boolean or an array of lines as text; blank, missing or anything else null. */
function lenientText(value: unknown): string | null {
  if (typeof value === 'string') return blankToNull(value);
  if (typeof value === 'number') return Number.isFinite(value) ? blankToNull(String(value)) : null;
  if (typeof value === 'boolean') return String(value);
  // A reply kept as an array of lines is still a reply (every slot a string, holes included).
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) if (typeof value[i] !== 'string') return null;
    return blankToNull(value.join('\n'));
  }
  return null;
}

function lenientReplyCode(value: unknown): number | null {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') n = /^\s*\d{3}\s*$/.test(value) ? Number(value) : Number.NaN;
  else return null;
  // SMTP replies are 2xx–5xx; API-step errors carry HTTP statuses in the same range.
  return Number.isInteger(n) && n >= 200 && n <= 599 ? n : null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fromString(text: string, depth: number): RawStatusMessage | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  // Some stores keep the object JSON-encoded; unwrap it once rather than showing braces to users.
  if (depth === 0 && trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (parsed !== null && typeof parsed === 'object') return normalizeAt(parsed, depth + 1);
    } catch {
      // Not JSON after all: treat it as the error text it looks like.
    }
  }
  return { code: null, command: null, response: null, e_message: text, responseCode: null };
}

function normalizeAt(input: unknown, depth: number): RawStatusMessage | null {
  if (typeof input === 'string') return fromString(input, depth);
  if (!isRecord(input)) return null;
  // Unknown keys are dropped: nothing downstream reads them, and the raw account keeps them anyway.
  const raw: RawStatusMessage = {
    code: lenientText(input.code)?.trim() ?? null,
    command: lenientText(input.command)?.trim() ?? null,
    response: lenientText(input.response),
    // A plain nodemailer error serialised without Instantly's copy has `message` instead of `e_message`.
    e_message: lenientText(input.e_message) ?? lenientText(input.message),
    responseCode: lenientReplyCode(input.responseCode),
  };
  const empty =
    raw.code === null &&
    raw.command === null &&
    raw.response === null &&
    raw.e_message === null &&
    raw.responseCode === null;
  return empty ? null : raw;
}

/** The raw `status_message` in any shape → the five keys, or null when there is nothing to show. */
export function normalizeStatusMessage(input: unknown): RawStatusMessage | null {
  return normalizeAt(input, 0);
}
