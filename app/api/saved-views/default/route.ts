// PUT /api/saved-views/default {viewId | null}: the view the person's /accounts opens on when its
// URL names no filter (one of their own or a shared one), or none.
import { defaultViewSchema } from '@/lib/schemas/api-saved-views';
import { json } from '@/lib/server/problem';
import { viewOwnerOf, viewRefused } from '@/lib/server/saved-views';
import { withSession } from '@/lib/server/with-workspace';
import { setDefaultView } from '@/lib/store/saved-views';

export const PUT = withSession({ body: defaultViewSchema, role: 'viewer' }, async ({ db, person, body }) => {
  const result = await setDefaultView(db, viewOwnerOf(person), body.viewId);
  if (!result.ok) throw viewRefused(result.refusal);
  return json({ defaultViewId: body.viewId });
});
