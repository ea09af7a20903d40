// GET/POST/DELETE /simulator/control: fault injection and resets, only when SIM_CONTROL is on.
import { foreignHostResponse, requestHostAllowed } from '@/lib/server/allowed-hosts';
import { getConfig } from '@/lib/server/config';
import { json } from '@/lib/server/problem';
import { getSimulator } from '@/lib/simulator/registry';

async function handle(request: Request): Promise<Response> {
  if (!requestHostAllowed(request)) return foreignHostResponse(request);
  if (!getConfig().SIM_CONTROL) return json({ message: 'Not found' }, { status: 404 });
  return getSimulator().handleControl(request);
}

export const GET = handle;
export const POST = handle;
export const DELETE = handle;
