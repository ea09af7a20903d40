import 'server-only';
import { getSimulator } from '@/lib/simulator/registry';
import { foreignHostResponse, requestHostAllowed } from './allowed-hosts';
import { getConfig } from './config';
import { processSingleton } from './singleton';
import { Throttle, clientAddress } from './throttle';

// The demo workspace's simulator over HTTP (/simulator/api/v2/*) is open to anyone who knows the
// published demo key, and the dashboard's own demo workspace shares its state and rate limit. So
// visitors get a budget of their own, and all of them together one well under the simulator's 100/s
// (the dashboard's own demo calls never come through here), and they may only read: the dashboard
// never writes through this route, so writes need SIM_CONTROL (tests, demos). A request header such
// as Sec-Fetch-Site would prove nothing here: any script can send it.
export const SIM_ROUTE_PER_CLIENT = { max: 20, windowMs: 1000 };
export const SIM_ROUTE_PER_CLIENT_MINUTE = { max: 600, windowMs: 60_000 };
export const SIM_ROUTE_ALL_CLIENTS = { max: 50, windowMs: 1000 };

const throttles = () =>
  processSingleton('simulator-route-throttles', () => ({
    second: new Throttle(SIM_ROUTE_PER_CLIENT),
    minute: new Throttle(SIM_ROUTE_PER_CLIENT_MINUTE),
    all: new Throttle(SIM_ROUTE_ALL_CLIENTS),
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
  const { second, minute, all } = throttles();
  const wait = second.take(client) || minute.take(client) || all.take('all');
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    return refusal(429, 'Too Many Requests', `Rate limit exceeded, retry in ${seconds} seconds`, {
      'Retry-After': String(seconds),
    });
  }
  const write = request.method !== 'GET' && request.method !== 'HEAD';
  if (write && !getConfig().SIM_CONTROL) {
    return refusal(
      403,
      'Forbidden',
      'The public demo simulator is read-only over HTTP. Run `npm run simulator` for a writable copy of your own, or set SIM_CONTROL=on.',
    );
  }
  return getSimulator().handle(request);
}
