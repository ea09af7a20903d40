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
  /**
   * For a write whose answer was lost or failed: what re-reading the target showed. `not-applied`: it
   * still has the old values; `unconfirmed`: the re-read failed or was ambiguous (detail says what it
   * shows now). A write confirmed by the re-read is not a problem, so `applied` never appears here.
   */
  writeOutcome: z.enum(['not-applied', 'unconfirmed']).optional(),
});
export type Problem = z.infer<typeof problemSchema>;
