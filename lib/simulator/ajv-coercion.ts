import 'server-only';
import type { z } from 'zod';

// Fastify validates bodies with Ajv's `coerceTypes: 'array'`, so Instantly accepts `"50"` for a number
// field, `false` for 0 and a lone value where an array is expected. This applies the same conversions
// to a body before the route's zod schema checks it, walking the schema for the type each field wants.
// A value that cannot be converted is left as it is, for the schema to refuse in Ajv's words.

type Def = {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  in?: z.ZodType;
};

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const NUMERIC = /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

function toNumber(value: unknown): unknown {
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null) return 0;
  return value;
}

function toString(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return '';
  return value;
}

function toBoolean(value: unknown): unknown {
  if (value === 'true' || value === 1) return true;
  if (value === 'false' || value === 0 || value === null) return false;
  return value;
}

/** `value` converted the way Ajv's coerceTypes ('array') would for `schema`. */
export function coerceLikeAjv(schema: z.ZodType, value: unknown): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
      return value === undefined || !def.innerType ? value : coerceLikeAjv(def.innerType, value);
    case 'nullable':
      // A nullable field takes null as it is; anything else is coerced to the inner type.
      return value === null || !def.innerType ? value : coerceLikeAjv(def.innerType, value);
    case 'pipe':
      return def.in ? coerceLikeAjv(def.in, value) : value;
    case 'number':
      return toNumber(Array.isArray(value) && value.length === 1 ? value[0] : value);
    case 'string':
      return toString(Array.isArray(value) && value.length === 1 ? value[0] : value);
    case 'boolean':
      return toBoolean(Array.isArray(value) && value.length === 1 ? value[0] : value);
    case 'array': {
      const element = def.element;
      if (!element || value === undefined) return value;
      // Only a scalar is wrapped; an object stays itself, for the schema to refuse.
      const scalar = value === null || typeof value !== 'object';
      if (!Array.isArray(value) && !scalar) return value;
      return (Array.isArray(value) ? value : [value]).map((item: unknown) => coerceLikeAjv(element, item));
    }
    case 'object': {
      if (!def.shape || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const [key, field] of Object.entries(def.shape)) {
        if (key in out) out[key] = coerceLikeAjv(field, out[key]);
      }
      return out;
    }
    default:
      // Unions, enums and literals: Ajv coerces per branch, which needs the value's own type; leave it.
      return value;
  }
}
