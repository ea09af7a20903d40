import { z } from 'zod';
import { statusMessageSchema } from './instantly-account';

/** One account as our API serves it to the table: flat, camelCase, every value present (null if unknown). */
export const accountRowSchema = z.object({
  email: z.string(),
  workspaceId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  domain: z.string(),
  providerCode: z.number().nullable(),
  status: z.number().nullable(),
  warmupStatus: z.number().nullable(),
  warmupScore: z.number().nullable(),
  dailyLimit: z.number().nullable(),
  sendingGap: z.number().nullable(),
  warmupLimit: z.number().nullable(),
  tags: z.array(z.object({ id: z.string(), label: z.string() })),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string().nullable(),
  statusMessage: statusMessageSchema,
  autofixFailed: z.boolean().nullable(),
  isManaged: z.boolean(),
});
export type AccountRow = z.infer<typeof accountRowSchema>;

export const accountPageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(300).optional(),
});

export const accountPageSchema = z.object({
  workspaceId: z.string(),
  items: z.array(accountRowSchema),
  nextCursor: z.string().nullable(),
});
export type AccountPage = z.infer<typeof accountPageSchema>;
