// GET /api/health: liveness for process managers and the test runner; reveals nothing.
import { json } from '@/lib/server/problem';

export function GET(): Response {
  return json({ ok: true });
}
