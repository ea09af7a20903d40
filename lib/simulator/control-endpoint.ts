import 'server-only';
import { z } from 'zod';
import { faultRulesSchema, type FaultRule } from '@/lib/schemas/simulator-faults';
import type { AccountSelector } from './break-and-heal';
import { errorResponse, jsonResponse } from './http-responses';
import type { SimWorkspaceInfo } from './types';

// The fault/test control endpoint (mounted only in demo/test mode): GET lists rules and workspaces,
// POST {rules} adds rules, POST {reset} restores a workspace (or all) to its seed, POST {break, cause}
// puts accounts into the error of a cause and POST {fix} heals them (both optionally narrowed to one
// `workspace` slug), DELETE clears rules. Bad input gets a 400 whose message names the offending field.

export interface ControlTarget {
  rules(): FaultRule[];
  addRules(rules: FaultRule[]): void;
  clearRules(): void;
  workspaces(): SimWorkspaceInfo[];
  /** Restores the workspace(s) to the seeded state; false when the slug is unknown. */
  reset(slug: string): boolean;
  /** The emails put into the cause's error; null when the workspace slug is unknown. */
  breakAccounts(selector: AccountSelector, cause: string, workspace?: string): string[] | null;
  /** The emails healed (Active, no message); null when the workspace slug is unknown. */
  fixAccounts(selector: AccountSelector, workspace?: string): string[] | null;
}

/** The causes a break may name: every cause the catalog has wordings for. */
export interface ControlOptions {
  causes: readonly [string, ...string[]];
}

const controlBodySchema = z.union([
  z.strictObject({ rules: z.unknown() }),
  z.strictObject({ reset: z.string().min(1) }),
  z.strictObject({ break: z.unknown(), cause: z.unknown(), workspace: z.unknown().optional() }),
  z.strictObject({ fix: z.unknown(), workspace: z.unknown().optional() }),
]);

const selectorSchema = z.union(
  [
    z.strictObject({ domain: z.string().trim().min(1).max(253) }),
    z.strictObject({ emails: z.array(z.email()).min(1).max(10_000) }),
  ],
  { error: 'must be {"domain": "…"} or {"emails": ["…"]}' },
);

const breakSchema = (causes: ControlOptions['causes']) =>
  z.strictObject({
    break: selectorSchema,
    cause: z.enum(causes, { error: `must be one of ${causes.join(', ')}` }),
    workspace: z.string().min(1).optional(),
  });

const fixSchema = z.strictObject({ fix: selectorSchema, workspace: z.string().min(1).optional() });

const SHAPES =
  '{"rules": [...]}, {"reset": "<slug>" | "all"}, {"break": {"domain"|"emails"}, "cause": "<cause id>"} or {"fix": {"domain"|"emails"}}';

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

function accountsResponse(
  emails: string[] | null,
  workspace: string | undefined,
  verb: 'broken' | 'fixed',
): Response {
  if (emails === null) return errorResponse(404, `workspace: unknown workspace '${workspace ?? ''}'`);
  if (emails.length === 0)
    return errorResponse(404, `${verb === 'broken' ? 'break' : 'fix'}: no account matches`);
  return jsonResponse({ [verb]: emails.length, emails });
}

function breakOrFix(body: object, target: ControlTarget, options: ControlOptions): Response {
  if ('break' in body) {
    const parsed = breakSchema(options.causes).safeParse(body);
    if (!parsed.success) return invalid(parsed.error);
    const { break: selector, cause, workspace } = parsed.data;
    return accountsResponse(target.breakAccounts(selector, cause, workspace), workspace, 'broken');
  }
  const parsed = fixSchema.safeParse(body);
  if (!parsed.success) return invalid(parsed.error);
  const { fix: selector, workspace } = parsed.data;
  return accountsResponse(target.fixAccounts(selector, workspace), workspace, 'fixed');
}

function invalid(error: z.ZodError): Response {
  const first = error.issues[0];
  return errorResponse(400, first ? describeIssue(first, '').replace(/^\//, '') : 'invalid body');
}

export async function handleControlRequest(
  request: Request,
  target: ControlTarget,
  options: ControlOptions,
): Promise<Response> {
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
    return errorResponse(400, `body must be JSON: ${SHAPES}`);
  }
  const shape = controlBodySchema.safeParse(body);
  if (!shape.success) {
    return errorResponse(400, `body must be ${SHAPES} (and nothing else)`);
  }
  if ('break' in shape.data || 'fix' in shape.data) return breakOrFix(shape.data, target, options);
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
