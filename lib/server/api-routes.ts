import 'server-only';
import { apiRefusal } from './api-route-table.mjs';
import { problem } from './problem';

// Next answers a path no route handles with its HTML 404 page, a method a route does not export with
// an empty 405 without Allow, and a method it does not know with an empty 400. Every /api answer
// should be a problem JSON a client can read, so proxy.ts checks each /api request here first.

export { API_ROUTES, isApiPath } from './api-route-table.mjs';

/** The refusal for an /api request no route takes (404) or whose method the route lacks (405); else null. */
export function refuseApiRequest(method: string, pathname: string): Response | null {
  const refusal = apiRefusal(method, pathname);
  if (!refusal) return null;
  return problem(refusal.problem, refusal.allow ? { Allow: refusal.allow } : {});
}
