// ANY /simulator/api/v2/*: the demo workspace's Instantly API V2 simulator over HTTP, for curl and
// other Instantly clients. It needs the simulator's own bearer keys; it serves simulated data only,
// throttled per client and read-only to visitors (see lib/server/simulator-route.ts).
import { handleSimulatorRoute } from '@/lib/server/simulator-route';

export const GET = handleSimulatorRoute;
export const POST = handleSimulatorRoute;
export const PATCH = handleSimulatorRoute;
export const DELETE = handleSimulatorRoute;
