import { type NextRequest, NextResponse } from 'next/server';
import { foreignHostResponse, requestHostAllowed } from '@/lib/server/allowed-hosts';
import { isApiPath, refuseApiRequest } from '@/lib/server/api-routes';
import { REQUEST_PATH_HEADER } from '@/lib/server/request-path';

// A strict, per-request nonce CSP: Next streams inline scripts for hydration, and a nonce lets only
// ours run. Styles allow inline attributes because charts and popovers position elements with them.
// This runs before every page; it never decides access (each /api handler checks the session itself),
// but it refuses a foreign Host before routing (DNS rebinding), and the handlers check that again.
// An /api path or method no route has gets its problem JSON here (see lib/server/api-routes.ts).
export function proxy(request: NextRequest) {
  if (!requestHostAllowed(request)) return foreignHostResponse(request);
  const { pathname } = request.nextUrl;
  if (isApiPath(pathname)) {
    const refused = refuseApiRequest(request.method, pathname);
    if (refused) return refused;
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const dev = process.env.NODE_ENV === 'development';
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  // The page asked for, so the layout can send a signed-out visitor to sign-in and back here. Set
  // (not passed through) so a client cannot supply its own; sign-in checks it again (safeReturnPath).
  requestHeaders.set(REQUEST_PATH_HEADER, `${pathname}${request.nextUrl.search}`);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)' }],
};
