import 'server-only';
import { type Workspace, workspaceSchema } from '@/lib/schemas/instantly-workspace';
import type { InstantlyClient } from './client';

/** Which workspace a key belongs to; also the cheapest way to verify a key. */
export function getCurrentWorkspace(client: InstantlyClient, signal?: AbortSignal): Promise<Workspace> {
  return client.request({ method: 'GET', path: '/workspaces/current', schema: workspaceSchema, signal });
}
