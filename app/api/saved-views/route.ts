// GET /api/saved-views: the person's saved views of the accounts table and the shared ones, with
// their default view. POST /api/saved-views {name, search, columns, shared, makeDefault}: save the
// view on screen. Views are preferences: a viewer may keep them too.
import { createSavedViewSchema, savedViewsResponseSchema } from '@/lib/schemas/api-saved-views';
import { json } from '@/lib/server/problem';
import { viewOwnerOf, viewRefused } from '@/lib/server/saved-views';
import { withSession } from '@/lib/server/with-workspace';
import { createSavedView, listSavedViews } from '@/lib/store/saved-views';

export const GET = withSession({}, async ({ db, person }) =>
  json(savedViewsResponseSchema.parse(await listSavedViews(db, viewOwnerOf(person)))),
);

export const POST = withSession(
  { body: createSavedViewSchema, role: 'viewer' },
  async ({ db, person, body }) => {
    const result = await createSavedView(db, viewOwnerOf(person), body, new Date().toISOString());
    if (!result.ok) throw viewRefused(result.refusal);
    return json({ view: result.view }, { status: 201 });
  },
);
