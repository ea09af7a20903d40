import { z } from 'zod';
import { accountRowsQuerySchema } from './api-accounts';
import { canonicalViewSearch, foreignViewKeys } from './view-search';

// Saved views of the accounts table: a name for the filters, search and sort (the page's own URL
// query, the one vocabulary the table, the API and the CSV export share) and the columns shown.

const viewQuerySchema = accountRowsQuerySchema.omit({ offset: true, limit: true });

/**
 * The filters and sort as a URL query (`status=1,2&sort=warmupScore&order=desc`), checked as the
 * accounts API would check it and written back in one canonical order, without empty values, so
 * "is this the view on screen?" is a string comparison.
 */
export const viewSearchSchema = z
  .string()
  .max(8000)
  .transform((raw, ctx) => {
    const foreign = foreignViewKeys(raw);
    if (foreign.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `"${foreign[0]}" is not a filter or sort of the accounts table`,
      });
      return z.NEVER;
    }
    const canonical = canonicalViewSearch(raw);
    const parsed = viewQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(canonical)));
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', message: `${issue.path.join('.')}: ${issue.message}` });
      return z.NEVER;
    }
    return canonical;
  });

/** Which columns are shown or hidden (TanStack's visibility state; absent columns keep their default). */
const COLUMN_ID = /^[A-Za-z][A-Za-z0-9]{0,39}$/;
export const viewColumnsSchema = z
  .record(z.string(), z.boolean())
  .refine((columns) => Object.keys(columns).every((id) => COLUMN_ID.test(id)), 'must be column ids')
  .refine((columns) => Object.keys(columns).length <= 40, 'at most 40 columns');

const viewNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the view a name')
  .max(60, 'A view name has at most 60 characters');

export const createSavedViewSchema = z.strictObject({
  name: viewNameSchema,
  search: viewSearchSchema,
  columns: viewColumnsSchema.default({}),
  /** Seen by every member of the team (once sign-in exists); otherwise only by its owner. */
  shared: z.boolean().default(false),
  /** Also make it the person's default view (opened on /accounts without filters in the URL). */
  makeDefault: z.boolean().default(false),
});
export type CreateSavedView = z.infer<typeof createSavedViewSchema>;

export const updateSavedViewSchema = z
  .strictObject({
    name: viewNameSchema.optional(),
    search: viewSearchSchema.optional(),
    columns: viewColumnsSchema.optional(),
    shared: z.boolean().optional(),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'Nothing to change');
export type UpdateSavedView = z.infer<typeof updateSavedViewSchema>;

export const defaultViewSchema = z.strictObject({ viewId: z.string().min(1).max(64).nullable() });

export const savedViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  search: z.string(),
  columns: z.record(z.string(), z.boolean()),
  shared: z.boolean(),
  /** Made by the person asking: they may rename, share or delete it. */
  mine: z.boolean(),
  ownerName: z.string(),
  updatedAt: z.string(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

export const savedViewsResponseSchema = z.object({
  views: z.array(savedViewSchema),
  defaultViewId: z.string().nullable(),
});
export type SavedViewsResponse = z.infer<typeof savedViewsResponseSchema>;

/** How many views one person may keep (a menu, not a database). */
export const MAX_VIEWS_PER_PERSON = 50;
