import { z } from 'zod';

// Upstream payloads are parsed leniently: Instantly leaves keys out when never set, adds fields over
// time and grows its enums. We keep unknown keys (looseObject) and accept any number where an enum
// is documented, so a new status value shows as "unknown" in the UI instead of failing a whole page.

/** A number or null, also accepting absence: the API omits many keys that were never set. */
export const optionalNumber = z.number().nullable().optional();
export const optionalString = z.string().nullable().optional();
export const optionalBoolean = z.boolean().nullable().optional();

/** `{ items, next_starting_after? }`: the envelope of every list endpoint. */
export function listEnvelope<T extends z.ZodType>(item: T) {
  return z.looseObject({
    items: z.array(item),
    next_starting_after: z.string().nullable().optional(),
  });
}

/** The Fastify error envelope plus the odd shapes a few endpoints use instead (REFERENCE §1.4). */
export const upstreamErrorBodySchema = z.looseObject({
  statusCode: z.number().optional(),
  error: z.string().optional(),
  message: z.string().optional(),
  code: z.string().optional(),
  status: z.string().optional(),
  host: z.string().optional(),
});
export type UpstreamErrorBody = z.infer<typeof upstreamErrorBodySchema>;
