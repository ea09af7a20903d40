import { z } from 'zod';
import { bulkActionSummarySchema } from './api-bulk-actions';

// GET /api/status: whether the background worker runs, what it did and will do per workspace, and
// the queue of unfinished bulk actions.

export const workerProcessSchema = z.object({
  processId: z.string(),
  version: z.string(),
  startedAt: z.string(),
  beatAt: z.string(),
  /** Beat within the staleness window (two sync intervals). */
  live: z.boolean(),
});

export const workspaceScheduleSchema = z.object({
  workspaceId: z.string(),
  label: z.string(),
  /** The worker holds a key for it (the demo, the server's, the stored ones). */
  background: z.boolean(),
  syncState: z.enum(['never', 'running', 'done', 'failed']),
  lastSyncAt: z.string().nullable(),
  nextSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
});

export const statusResponseSchema = z.object({
  now: z.string(),
  worker: z.object({
    running: z.boolean(),
    lastBeatAt: z.string().nullable(),
    intervalSeconds: z.number(),
    staleAfterSeconds: z.number(),
    processes: z.array(workerProcessSchema),
  }),
  workspaces: z.array(workspaceScheduleSchema),
  queue: z.array(bulkActionSummarySchema),
});
export type StatusResponse = z.infer<typeof statusResponseSchema>;
