// POST /api/bulk-actions/preview: how many accounts in which workspaces a bulk target means (the confirm dialog).
import { z } from 'zod';
import { BULK_ACTION_KINDS, bulkTargetSchema } from '@/lib/schemas/api-bulk-actions';
import { previewBulkTarget } from '@/lib/server/bulk-targets';
import { namedWorkspace } from '@/lib/server/fleet';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';

// `kind` is accepted so the dialog can send what it will create; the count does not depend on it.
const previewBodySchema = z.strictObject({
  kind: z.enum(BULK_ACTION_KINDS).optional(),
  target: bulkTargetSchema,
});

export const POST = withSession({ body: previewBodySchema }, async ({ body, session, db, person, req }) =>
  json(await previewBulkTarget(db, { db, person, session }, body.target, namedWorkspace(req))),
);
