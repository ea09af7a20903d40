// Every /api route and the methods its route.ts exports, in plain JavaScript so that both proxy.ts
// (through api-routes.ts) and the Node server in lib/cli/next-server.mjs, which runs before Next and
// cannot load TypeScript, answer from the same table. api-routes.test.ts compares it with the route
// files under app/api, so a route or method missing here fails the unit tests, not the users.

/** `:name` stands for one path segment. */
export const API_ROUTES = [
  { path: '/api/accounts', methods: ['GET'] },
  { path: '/api/accounts/export', methods: ['GET'] },
  { path: '/api/accounts/facets', methods: ['GET'] },
  { path: '/api/accounts/sync', methods: ['GET', 'POST'] },
  { path: '/api/accounts/vitals', methods: ['POST'] },
  { path: '/api/accounts/:email', methods: ['GET', 'PATCH'] },
  { path: '/api/accounts/:email/analytics', methods: ['GET'] },
  { path: '/api/alert-channels', methods: ['GET', 'POST'] },
  { path: '/api/alert-channels/:id', methods: ['GET', 'PATCH', 'DELETE'] },
  { path: '/api/alert-channels/:id/test', methods: ['POST'] },
  { path: '/api/alerts', methods: ['GET', 'POST'] },
  { path: '/api/alerts/settings', methods: ['GET', 'PATCH'] },
  { path: '/api/alerts/unread', methods: ['GET'] },
  { path: '/api/alerts/:id', methods: ['GET', 'POST'] },
  { path: '/api/auth/sign-in/email', methods: ['POST'] },
  { path: '/api/auth/sign-out', methods: ['POST'] },
  { path: '/api/bulk-actions', methods: ['GET', 'POST'] },
  { path: '/api/bulk-actions/preview', methods: ['POST'] },
  { path: '/api/bulk-actions/:id', methods: ['GET'] },
  { path: '/api/bulk-actions/:id/retry', methods: ['POST'] },
  { path: '/api/diagnostics', methods: ['GET'] },
  { path: '/api/diagnostics/accounts', methods: ['GET'] },
  { path: '/api/health', methods: ['GET'] },
  { path: '/api/invites', methods: ['POST', 'DELETE'] },
  { path: '/api/invites/:token', methods: ['GET', 'POST'] },
  { path: '/api/me', methods: ['GET'] },
  { path: '/api/members', methods: ['GET'] },
  { path: '/api/members/:id', methods: ['PATCH', 'DELETE'] },
  { path: '/api/members/:id/sessions', methods: ['DELETE'] },
  { path: '/api/overview', methods: ['GET'] },
  { path: '/api/saved-views', methods: ['GET', 'POST'] },
  { path: '/api/saved-views/default', methods: ['PUT'] },
  { path: '/api/saved-views/:id', methods: ['PATCH', 'DELETE'] },
  { path: '/api/status', methods: ['GET'] },
  { path: '/api/owner', methods: ['POST'] },
  { path: '/api/workspaces', methods: ['GET', 'POST', 'DELETE'] },
  { path: '/api/workspaces/active', methods: ['PUT'] },
  { path: '/api/workspaces/:id', methods: ['PATCH', 'DELETE'] },
];

const segmentsOf = (path) => path.split('/').filter((s) => s !== '');

export function isApiPath(pathname) {
  return pathname === '/api' || pathname.startsWith('/api/');
}

/** The route for a path; static segments win over `:param` ones, as in Next's router. */
export function apiRouteFor(pathname) {
  const parts = segmentsOf(pathname);
  let best;
  for (const route of API_ROUTES) {
    const pattern = segmentsOf(route.path);
    if (pattern.length !== parts.length) continue;
    if (!pattern.every((seg, i) => seg.startsWith(':') || seg === parts[i])) continue;
    const statics = pattern.filter((seg) => !seg.startsWith(':')).length;
    if (!best || statics > best.statics) best = { route, statics };
  }
  return best?.route;
}

/** What a route answers: its own methods, HEAD beside GET and OPTIONS (both answered by Next). */
export function allowedMethods(route) {
  return [...route.methods, ...(route.methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'];
}

/**
 * The refusal for an /api request no route takes (404) or whose method the route lacks (405), as a
 * problem object and the Allow header; null when the route takes it. Shared by proxy.ts (through
 * api-routes.ts) and lib/cli/next-server.mjs (for the methods Next cannot represent).
 */
export function apiRefusal(method, pathname) {
  const route = apiRouteFor(pathname);
  const shown = pathname.slice(0, 200);
  if (!route) {
    return {
      allow: null,
      problem: {
        type: 'not-found',
        title: 'No such API endpoint',
        detail: `Nothing answers at ${shown}.`,
        status: 404,
      },
    };
  }
  const allowed = allowedMethods(route);
  if (allowed.includes(method.toUpperCase())) return null;
  return {
    allow: allowed.join(', '),
    problem: {
      type: 'method-not-allowed',
      title: 'Method not allowed',
      detail: `${method.slice(0, 20)} is not allowed on ${shown}; use ${allowed.join(', ')}.`,
      status: 405,
    },
  };
}
