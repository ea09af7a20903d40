import 'server-only';
import { createHash } from 'node:crypto';
import { InstantlyError } from '@/lib/instantly/errors';
import { getCurrentWorkspace } from '@/lib/instantly/workspaces';
import type { Workspace } from '@/lib/schemas/instantly-workspace';
import { ProblemError } from './problem';
import { clientFor } from './workspaces';

const verifyProblem = (title: string, detail: string, status: number, upstreamStatus?: number) =>
  new ProblemError({ type: 'key-verification', title, detail, status, field: 'key', upstreamStatus });

/**
 * Checks a pasted key against GET /workspaces/current before anything is stored, so a broken key is
 * never saved silently. Each failure says what happened and what to do.
 */
export async function verifyKey(key: string, signal?: AbortSignal, deadline?: number): Promise<Workspace> {
  const budgetId = `verify-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
  try {
    return await getCurrentWorkspace(
      clientFor({ id: budgetId, kind: 'user', apiKey: key }, { deadline }),
      signal,
    );
  } catch (error) {
    if (!(error instanceof InstantlyError)) throw error;
    const nothingSaved = 'Nothing was saved.';
    switch (error.kind) {
      case 'unauthorized':
        throw verifyProblem(
          'Invalid key',
          'Instantly does not accept this key. Copy it again from Instantly (Settings → Integrations → API Keys) and paste the whole key.',
          400,
          401,
        );
      case 'forbidden':
        throw verifyProblem(
          'Missing scope',
          'The key works but may not read the workspace. Create a key with the all:all scope, or at least workspaces:read, accounts:read, accounts:update and background-jobs:read.',
          400,
          403,
        );
      case 'payment-required':
        throw verifyProblem(
          'No active plan',
          'Instantly refuses API calls for this workspace because it has no active paid plan.',
          400,
          402,
        );
      case 'edge-blocked':
        // A block page from the edge says nothing about the key: never call it a scope problem.
        throw verifyProblem(
          "Instantly's network edge refused the request",
          `This is not your key: the firewall in front of Instantly's API answered with a block page${error.status ? ` (HTTP ${error.status})` : ''} before the key was checked. ${nothingSaved} Try again in a few minutes; if it persists, ask Instantly support whether this server's address is blocked.`,
          503,
          error.status ?? undefined,
        );
      case 'edge-error':
        throw verifyProblem(
          "Instantly's edge answered with an error page",
          `The key could not be checked: the network edge in front of Instantly's API could not reach it${error.status ? ` (HTTP ${error.status})` : ''}. ${nothingSaved} Try again in a few minutes.`,
          503,
          error.status ?? undefined,
        );
      case 'rate-limited': {
        const wait = error.retryAfterMs !== null ? Math.max(1, Math.ceil(error.retryAfterMs / 1000)) : null;
        throw verifyProblem(
          'Instantly is rate limiting this workspace',
          `The key could not be checked because Instantly kept answering "too many requests". ${nothingSaved} Try again ${wait !== null ? `in ${wait} s` : 'in a minute'}.`,
          503,
          429,
        );
      }
      case 'network':
      case 'timeout':
        throw verifyProblem(
          'Instantly is unreachable',
          // The base URL is configuration, not something a visitor needs (or should learn) from us.
          `Could not reach Instantly. ${nothingSaved} Check the server's connection and try again.`,
          503,
        );
      default:
        throw verifyProblem(
          'Could not verify now',
          `Instantly could not verify the key right now${error.status ? ` (HTTP ${error.status})` : ''}. ${nothingSaved} Try again in a minute.`,
          503,
          error.status ?? undefined,
        );
    }
  }
}
