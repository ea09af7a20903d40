import 'server-only';
import { createHash } from 'node:crypto';
import type { Db } from '@/lib/store/connect';
import { listGroupWorkspaces } from '@/lib/store/workspace-groups';
import { ProblemError } from './problem';
import type { GroupSteps } from './workspace-keys';
import { groupCapOf, groupMembersOf, previewGroup } from './workspace-groups';
import { clientFor, keyHint } from './workspaces';
import { InstantlyError } from '@/lib/instantly/errors';

// The calls adding a key makes for its workspace group, on a pasted key that is not stored yet: the
// members list, then one page of accounts per accepted client, all inside the request's deadline and
// the key's shared cap (its bucket is named by the key's hash, as the verification's is).

export function keyGroupSteps(db: Db, signal?: AbortSignal, deadline?: number): GroupSteps {
  const bucketOf = (key: string) => `verify-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
  return {
    members: async (key) => {
      try {
        return await groupMembersOf(
          clientFor({ id: bucketOf(key), kind: 'user', apiKey: key }, { deadline }),
          signal,
        );
      } catch (error) {
        if (!(error instanceof InstantlyError)) throw error;
        throw new ProblemError({
          type: 'key-verification',
          title: 'Could not read the workspace group',
          detail: `The key works, but Instantly did not list its workspace group (${error.message}). Nothing was saved. Try again in a minute.`,
          status: 503,
          field: 'key',
        });
      }
    },
    preview: async (key, admin, members) => {
      const stored = new Set((await listGroupWorkspaces(db)).map((r) => r.id));
      const bucket = bucketOf(key);
      return previewGroup(
        { name: admin.name || 'Instantly workspace', keyHint: keyHint(key) },
        members,
        (sub) =>
          clientFor(
            {
              id: `${bucket}-${sub}`,
              kind: 'user',
              apiKey: key,
              asWorkspace: sub,
              groupCap: groupCapOf(bucket),
            },
            { deadline },
          ),
        stored,
        signal,
      );
    },
  };
}
