import { z } from 'zod';
import { listEnvelope, optionalString } from './instantly-common';

export const workspaceSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().default(''),
  owner: optionalString,
  timestamp_created: z.string().optional(),
  timestamp_updated: z.string().optional(),
  plan_id: optionalString,
});
export type Workspace = z.infer<typeof workspaceSchema>;

export const customTagSchema = z.looseObject({
  id: z.string().min(1),
  label: z.string().default(''),
  description: optionalString,
  organization_id: optionalString,
  timestamp_created: z.string().optional(),
  timestamp_updated: z.string().optional(),
});
export type CustomTag = z.infer<typeof customTagSchema>;
export const customTagListSchema = listEnvelope(customTagSchema);

export const customTagMappingSchema = z.looseObject({
  id: z.string(),
  tag_id: z.string(),
  resource_id: z.string(),
  resource_type: z.number(),
  timestamp_created: z.string().optional(),
  organization_id: optionalString,
});
export type CustomTagMapping = z.infer<typeof customTagMappingSchema>;
export const customTagMappingListSchema = listEnvelope(customTagMappingSchema);

export const toggleTagResponseSchema = z.looseObject({ success: z.boolean().optional() });
export const moveAccountsResponseSchema = z.looseObject({ status: z.string().optional() });
