import 'server-only';
import type { z } from 'zod';

// Translates zod issues into the AJV wording Fastify puts in its 400s ("querystring/limit must be
// <= 100", "body must have required property 'emails'"), so the dashboard meets the same messages
// as from the real API. Fastify stops at the first error, and so do we.

export type Location = 'body' | 'querystring' | 'params';

const TYPE_NAMES: Record<string, string> = {
  int: 'integer',
  number: 'number',
  string: 'string',
  boolean: 'boolean',
  array: 'array',
  object: 'object',
  null: 'null',
};

function valueAt(input: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !(key in current))
      return { found: false, value: undefined };
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: current };
}

function where(location: Location, path: readonly PropertyKey[]): string {
  return [location, ...path.map(String)].join('/');
}

export function ajvMessage(issue: z.core.$ZodIssue, location: Location, input: unknown): string {
  const path = issue.path;
  switch (issue.code) {
    case 'invalid_type': {
      const parentPath = path.slice(0, -1);
      const key = path[path.length - 1];
      const parent = valueAt(input, parentPath);
      // A key that is absent from an object is a missing required property, reported on the parent.
      if (
        key !== undefined &&
        parent.found &&
        parent.value !== null &&
        typeof parent.value === 'object' &&
        !(key in parent.value)
      ) {
        return `${where(location, parentPath)} must have required property '${String(key)}'`;
      }
      return `${where(location, path)} must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    }
    case 'too_big': {
      const limit = String(issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set')
        return `${where(location, path)} must NOT have more than ${limit} items`;
      if (issue.origin === 'string')
        return `${where(location, path)} must NOT have more than ${limit} characters`;
      return `${where(location, path)} must be ${issue.inclusive === false ? '<' : '<='} ${limit}`;
    }
    case 'too_small': {
      const limit = String(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'set')
        return `${where(location, path)} must NOT have fewer than ${limit} items`;
      if (issue.origin === 'string')
        return `${where(location, path)} must NOT have fewer than ${limit} characters`;
      return `${where(location, path)} must be ${issue.inclusive === false ? '>' : '>='} ${limit}`;
    }
    case 'invalid_format':
      return `${where(location, path)} must match format "${issue.format === 'regex' ? 'pattern' : issue.format}"`;
    case 'unrecognized_keys':
      return `${where(location, path)} must NOT have additional properties`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `${where(location, path)} must be equal to constant`
        : `${where(location, path)} must be equal to one of the allowed values`;
    case 'invalid_union': {
      // A union of literals is an enum to AJV; anything else is anyOf.
      const allValues = issue.errors.every((branch) => branch.every((i) => i.code === 'invalid_value'));
      return allValues
        ? `${where(location, path)} must be equal to one of the allowed values`
        : `${where(location, path)} must match a schema in anyOf`;
    }
    case 'custom': {
      // A rule zod cannot say as a keyword (an anyOf of requirements) carries Fastify's whole message.
      const fastify: unknown = issue.params?.fastify;
      return typeof fastify === 'string' ? fastify : `${where(location, path)} ${issue.message}`;
    }
    case 'not_multiple_of':
      return `${where(location, path)} must be multiple of ${String(issue.divisor)}`;
    default:
      return `${where(location, path)} ${issue.message}`;
  }
}

/** The message of the first issue, or null when the value is valid. */
export function firstValidationMessage(
  issues: readonly z.core.$ZodIssue[],
  location: Location,
  input: unknown,
): string | null {
  const first = issues[0];
  return first ? ajvMessage(first, location, input) : null;
}
