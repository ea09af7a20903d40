import { z } from 'zod';

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

const lenientText = z
  .union([
    z.string(),
    z.number().transform(String),
    z.boolean().transform(String),
    // A reply kept as an array of lines is still a reply.
    z.array(z.string()).transform((lines) => lines.join('\n')),
  ])
  .transform(blankToNull)
  .nullish()
  .catch(null);

const lenientReplyCode = z
  .union([z.number(), z.string()])
  .transform((value): number | null => {
    const n = typeof value === 'number' ? value : /^\s*\d{3}\s*$/.test(value) ? Number(value) : Number.NaN;
    // SMTP replies are 2xx–5xx; API-step errors carry HTTP statuses in the same range.
    return Number.isInteger(n) && n >= 200 && n <= 599 ? n : null;
  })
  .nullish()
  .catch(null);

// Unknown keys are dropped: nothing downstream reads them, and the raw account keeps them anyway.
const statusMessageObjectSchema = z.object({
  code: lenientText,
  command: lenientText,
  response: lenientText,
  e_message: lenientText,
  responseCode: lenientReplyCode,
  // A plain nodemailer error serialised without Instantly's copy has `message` instead of `e_message`.
  message: lenientText,
});

const statusMessageInputSchema = z.union([z.string(), statusMessageObjectSchema]).nullish().catch(null);

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
  const parsed = statusMessageInputSchema.safeParse(input);
  if (!parsed.success || parsed.data === null || parsed.data === undefined) return null;
  const value = parsed.data;
  if (typeof value === 'string') return fromString(value, depth);
  const raw: RawStatusMessage = {
    code: value.code?.trim() ?? null,
    command: value.command?.trim() ?? null,
    response: value.response ?? null,
    e_message: value.e_message ?? value.message ?? null,
    responseCode: value.responseCode ?? null,
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
