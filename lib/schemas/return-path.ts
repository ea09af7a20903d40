import { z } from 'zod';

// Where sign-in sends a person back to: only a path on this same site. Anything that a browser could
// read as another origin is refused, or the sign-in page would be an open redirect: `//evil`
// (protocol-relative), `https://…`, `/\evil` (browsers read a backslash as a slash), and control
// characters (browsers drop tabs and newlines, so `/\t/evil` becomes `//evil`).

const BASE = 'http://return-path.invalid';
export const DEFAULT_RETURN_PATH = '/';

/** The same-origin relative path in `value` (path, query, fragment), or null when it is not one. */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return null;
  if (!value.startsWith('/') || value.startsWith('//')) return null;
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse into a protocol-relative path (`/..//evil` is `//evil`): check the result too.
  return path.startsWith('//') ? null : path;
}

/** A `next` query value (one or several): the safe path it names, else the home page. */
export const returnPathSchema = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => safeReturnPath(Array.isArray(value) ? value[0] : value) ?? DEFAULT_RETURN_PATH);

/** The sign-in page's address for a visitor who wanted `path` (the home page needs no `next`). */
export function signInPathFor(path: string | null): string {
  const safe = safeReturnPath(path);
  return safe === null || safe === DEFAULT_RETURN_PATH
    ? '/sign-in'
    : `/sign-in?next=${encodeURIComponent(safe)}`;
}
