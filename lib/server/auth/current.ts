import 'server-only';
import { headers } from 'next/headers';
import type { MeResponse } from '@/lib/schemas/api-people';
import { getDb } from '@/lib/store/db';
import { personOfRequest } from './people';

/** Who the page being rendered is for (server components: layouts and pages). */
export async function currentPerson(): Promise<MeResponse> {
  const requestHeaders = await headers();
  const db = await getDb();
  const secure = requestHeaders.get('x-forwarded-proto') === 'https';
  const { person, ownerExists } = await personOfRequest(db, requestHeaders, secure);
  return {
    person: person && { ...person, workspaceIds: person.workspaceIds && [...person.workspaceIds] },
    ownerExists,
  };
}
