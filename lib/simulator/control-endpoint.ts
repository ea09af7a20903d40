import 'server-only';
import { z } from 'zod';
import { faultRulesSchema, type FaultRule } from '@/lib/schemas/simulator-faults';
import { errorResponse, jsonResponse } from './http-responses';
import type { SimWorkspaceInfo } from './types';

// The fault/test control endpoint (mounted only in demo/test mode): GET lists rules and workspaces,
// POST {rules} adds rules, POST {reset} restores a workspace (or all) to its seed, DELETE clears
// rules. Bad input gets a 400 whose message names the offending field.

export interface ControlTarget {
  rules(): FaultRule[];
  addRules(rules: FaultRule[]): void;
  clearRules(): void;
  workspaces(): SimWorkspaceInfo[];
  /** Restores the workspace(s) to the seeded state; false when the slug is unknown. */
  reset(slug: string): boolean;
}

const controlBodySchema = z.union([
  z.strictObject({ rules: z.unknown() }),
  z.strictObject({ reset: z.string().min(1) }),
]);

function snapshot(target: ControlTarget) {
  return {
    rules: target.rules(),
    workspaces: target.workspaces().map(({ slug, id, name, accounts }) => ({ slug, id, name, accounts })),
  };
}

function describeIssue(issue: z.core.$ZodIssue, root: string): string {
  const path = [root, ...issue.path.map(String)].join('/');
  return `${path}: ${issue.message}`;
}

export async function handleControlRequest(request: Request, target: ControlTarget): Promise<Response> {
  const method = request.method.toUpperCase();
  if (method === 'GET') return jsonResponse(snapshot(target));
  if (method === 'DELETE') {
    target.clearRules();
    return jsonResponse(snapshot(target));
  }
  if (method !== 'POST')
    return errorResponse(405, `Method ${method} is not allowed; use GET, POST or DELETE`);
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return errorResponse(400, 'body must be JSON: {"rules": [...]} or {"reset": "<slug>" | "all"}');
  }
  const shape = controlBodySchema.safeParse(body);
  if (!shape.success) {
    return errorResponse(
      400,
      'body must be {"rules": [...]} or {"reset": "<slug>" | "all"} (and nothing else)',
    );
  }
  if ('reset' in shape.data) {
    if (!target.reset(shape.data.reset))
      return errorResponse(404, `reset: unknown workspace '${shape.data.reset}'`);
    return jsonResponse(snapshot(target));
  }
  const rules = faultRulesSchema.safeParse(shape.data.rules);
  if (!rules.success) {
    const first = rules.error.issues[0];
    return errorResponse(400, first ? describeIssue(first, 'rules') : 'rules: invalid');
  }
  target.addRules(rules.data);
  return jsonResponse(snapshot(target));
}
