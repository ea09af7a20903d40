// ANY /simulator/api/v2/*: the demo workspace's Instantly API V2 simulator over HTTP, for curl and
// other Instantly clients. It needs the simulator's own bearer keys; it serves simulated data only.
import { getSimulator } from '@/lib/simulator/registry';

const handle = (request: Request) => getSimulator().handle(request);

export const GET = handle;
export const POST = handle;
export const PATCH = handle;
export const DELETE = handle;
