import 'server-only';
import { z } from 'zod';

/** A stored channel's UUID, or an environment channel's fixed id. */
export const alertChannelParamsSchema = z.object({
  id: z.string().regex(/^(env-(webhook|slack|email)|[0-9a-f-]{36})$/, 'not an alert channel id'),
});
