import 'server-only';
import { getSimulator } from '@/lib/simulator/registry';
import { foreignHostResponse, requestHostAllowed } from './allowed-hosts';
import { getConfig } from './config';
import { processSingleton } from './singleton';
import { Throttle, clientAddress } from './throttle';

// The demo workspace's simulator over HTTP (/simulator/api/v2/*) is open to anyone who knows the
// published demo key, and the dashboard's own demo workspace shares its state and rate limit. So
// visitors get a budget of their own, well under the simulator's, and may only read: writes come
// from our own pages (the browser says same-origin) or when SIM_CONTROL is on (tests, demos).
export const SIM_ROUTE_PER_CLIENT = { max: 20, windowMs: 1000 };
export const SIM_ROUTE_PER_CLIENT_MINUTE = { max: 600, windowMs: 60_000 };

const throttles = () =>
  processSingleton('simulator-route-throttles', () => ({
    second: new Throttle(SIM_ROUTE_PER_CLIENT),
    minute: new Throttle(SIM_ROUTE_PER_CLIENT_MINUTE),
  }));

/** Answers the way the Instantly API does: a JSON body with statusCode, error and message. */
function refusal(status: number, error: string, message: string, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ statusCode: status, error, message }), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

export async function handleSimulatorRoute(request: Request): Promise<Response> {
  if (!requestHostAllowed(request)) return foreignHostResponse(request);
  const client = clientAddress(request.headers);
  const { second, minute } = throttles();
  const wait = second.take(client) || minute.take(client);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    return refusal(429, 'Too Many Requests', `Rate limit exceeded, retry in ${seconds} seconds`, {
      'Retry-After': String(seconds),
    });
  }
  const write = request.method !== 'GET' && request.method !== 'HEAD';
  const ownPage = request.headers.get('sec-fetch-site') === 'same-origin';
  if (write && !ownPage && !getConfig().SIM_CONTROL) {
    return refusal(
      403,
      'Forbidden',
      'The public demo simulator is read-only over HTTP. Run `npm run simulator` for a writable copy of your own, or set SIM_CONTROL=on.',
    );
  }
  return getSimulator().handle(request);
}
