import 'server-only';
import pino, { type DestinationStream, type Logger } from 'pino';
import { processSingleton } from './singleton';

// Structured JSON logs (one object a line on stdout) for the server and the worker. Whatever a log
// line carries passes through `scrub` first: a key must never reach a log file, whether it sits in a
// field named like one, in an Authorization header, or inside an error message.

export type { Logger } from 'pino';

const REDACTED = '[Redacted]';

/** Fields whose value is a credential whatever it looks like. */
const SECRET_FIELD = /^(authorization|api[-_]?key|key|keys|secret|password|token|cookie|set-cookie)$/i;

/**
 * Values shaped like a key: the simulator's (`sim_<name>_<hex>`), a Bearer credential, and the long
 * base64-like tokens Instantly issues (40+ characters with letters and digits; ids and UUIDs are
 * shorter or hyphenated and stay readable).
 */
const KEY_SHAPES = [
  /\bsim_[A-Za-z0-9]+_[A-Za-z0-9_-]{8,}/g,
  /\bBearer\s+[^\s"',;]+/gi,
  /(?<![A-Za-z0-9+/=_:-])(?=[A-Za-z0-9+/=_:-]*\d)(?=[A-Za-z0-9+/=_:-]*[A-Za-z])[A-Za-z0-9+/=_:-]{40,}/g,
];

export function scrubText(text: string): string {
  return KEY_SHAPES.reduce((out, shape) => out.replace(shape, REDACTED), text);
}

/** A copy of a log value with every credential replaced; cycles and depth are bounded. */
export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[Deep]';
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubText(value.message),
      stack: value.stack ? scrubText(value.stack) : undefined,
      ...(value.cause === undefined ? {} : { cause: scrub(value.cause, depth + 1) }),
    };
  }
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  if (value instanceof Headers) return scrub(Object.fromEntries(value), depth);
  const out: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(value)) {
    out[field] = SECRET_FIELD.test(field) ? REDACTED : scrub(inner, depth + 1);
  }
  return out;
}

/** A logger writing to `destination` (stdout by default). Tests pass a stream they read back. */
export function createLogger(options: { name?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      name: options.name,
      level: 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Errors are scrubbed here too: pino's own serializer would copy their messages verbatim.
      serializers: { err: (error: unknown) => scrub(error) },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrub(object) as Record<string, unknown>,
      },
      hooks: {
        // The message string itself (and printf-style arguments) may carry a key too; objects are
        // left to `formatters.log`, so pino still recognises an Error passed first.
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          // pino would take a lone Error's message as the line's message, unscrubbed.
          const lead =
            first instanceof Error && typeof rest[0] !== 'string' ? [{ err: first }, first.message] : [first];
          const cleaned = [...lead, ...rest].map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg));
          method.apply(this, cleaned as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}

/** The process's logger; `log.child({ component })` names the part of the server that speaks. */
export function getLogger(): Logger {
  return processSingleton('logger', () => createLogger());
}
