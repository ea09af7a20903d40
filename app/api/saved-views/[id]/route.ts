// PATCH /api/saved-views/:id {name?, search?, columns?, shared?}: change a view its owner saved.
// DELETE /api/saved-views/:id: delete it (an admin may also delete someone's shared view).
import { z } from 'zod';
import { updateSavedViewSchema } from '@/lib/schemas/api-saved-views';
import { json } from '@/lib/server/problem';
import { viewOwnerOf, viewRefused } from '@/lib/server/saved-views';
import { withSession } from '@/lib/server/with-workspace';
import { deleteSavedView, updateSavedView } from '@/lib/store/saved-views';

const params = z.object({ id: z.string().min(1).max(64) });

export const PATCH = withSession(
  { params, body: updateSavedViewSchema, role: 'viewer' },
  async ({ db, person, params: { id }, body }) => {
    const result = await updateSavedView(db, viewOwnerOf(person), id, body, new Date().toISOString());
    if (!result.ok) throw viewRefused(result.refusal);
    return json({ view: result.view });
  },
);

export const DELETE = withSession({ params, role: 'viewer' }, async ({ db, person, params: { id } }) => {
  const result = await deleteSavedView(db, viewOwnerOf(person), id);
  if (!result.ok) throw viewRefused(result.refusal);
  return json({ deleted: id });
});
