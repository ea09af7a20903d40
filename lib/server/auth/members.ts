import 'server-only';
import { z } from 'zod';
import { ProblemError } from '../problem';

export const memberParamsSchema = z.object({
  id: z.string().regex(/^p_[0-9a-f]{32}$/, 'must be a member id'),
});

export const noSuchMember = () =>
  new ProblemError({ type: 'not-found', title: 'No such member', status: 404 });

export const ownerProtected = (what: string) =>
  new ProblemError({
    type: 'owner-protected',
    title: 'The owner cannot be changed here',
    detail: `The owner account cannot be ${what}.`,
    status: 409,
  });
