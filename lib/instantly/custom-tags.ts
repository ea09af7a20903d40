import 'server-only';
import { z } from 'zod';
import {
  type ToggleTagRequest,
  customTagCreateRequestSchema,
  customTagPatchRequestSchema,
  toggleTagRequestSchema,
} from '@/lib/schemas/instantly-requests';
import {
  customTagListSchema,
  customTagMappingListSchema,
  customTagSchema,
  toggleTagResponseSchema,
} from '@/lib/schemas/instantly-workspace';
import type { InstantlyClient } from './client';

const tagPath = (id: string) => `/custom-tags/${encodeURIComponent(id)}`;

export function listCustomTags(
  client: InstantlyClient,
  params: { limit?: number; starting_after?: string; search?: string; resource_ids?: string[] } = {},
  signal?: AbortSignal,
) {
  const { resource_ids, ...rest } = params;
  return client.request({
    method: 'GET',
    path: '/custom-tags',
    query: { ...rest, resource_ids: resource_ids?.join(',') },
    schema: customTagListSchema,
    signal,
  });
}

export function getCustomTag(client: InstantlyClient, id: string, signal?: AbortSignal) {
  return client.request({ method: 'GET', path: tagPath(id), schema: customTagSchema, signal });
}

export async function createCustomTag(
  client: InstantlyClient,
  body: z.input<typeof customTagCreateRequestSchema>,
  signal?: AbortSignal,
) {
  return client.request({
    method: 'POST',
    path: '/custom-tags',
    body: customTagCreateRequestSchema.parse(body),
    schema: customTagSchema,
    signal,
  });
}

export async function patchCustomTag(
  client: InstantlyClient,
  id: string,
  body: z.input<typeof customTagPatchRequestSchema>,
  signal?: AbortSignal,
) {
  return client.request({
    method: 'PATCH',
    path: tagPath(id),
    body: customTagPatchRequestSchema.parse(body),
    schema: customTagSchema,
    signal,
  });
}

export function deleteCustomTag(client: InstantlyClient, id: string, signal?: AbortSignal) {
  return client.request({ method: 'DELETE', path: tagPath(id), schema: customTagSchema, signal });
}

/** Assigns or removes tags in bulk; for accounts the resource ids are the account emails. */
export async function toggleTagResource(
  client: InstantlyClient,
  body: ToggleTagRequest,
  signal?: AbortSignal,
) {
  return client.request({
    method: 'POST',
    path: '/custom-tags/toggle-resource',
    body: toggleTagRequestSchema.parse(body),
    schema: toggleTagResponseSchema,
    signal,
  });
}

export function listCustomTagMappings(
  client: InstantlyClient,
  params: { limit?: number; starting_after?: string; resource_ids?: string[] } = {},
  signal?: AbortSignal,
) {
  const { resource_ids, ...rest } = params;
  return client.request({
    method: 'GET',
    path: '/custom-tag-mappings',
    query: { ...rest, resource_ids: resource_ids?.join(',') },
    schema: customTagMappingListSchema,
    signal,
  });
}
