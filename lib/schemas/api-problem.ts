import { z } from 'zod';

/** The error body of every /api answer (RFC 9457 in spirit): what the UI shows and branches on. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string().optional(),
  /** The input field at fault, for forms to show the message next to it. */
  field: z.string().optional(),
  upstreamStatus: z.number().optional(),
  upstreamMessage: z.string().optional(),
  retryAfterSeconds: z.number().optional(),
});
export type Problem = z.infer<typeof problemSchema>;
