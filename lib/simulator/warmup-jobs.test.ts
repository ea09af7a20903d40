import 'server-only';
import { describe, expect, it } from 'vitest';
import { backgroundJobListSchema, backgroundJobSchema } from '@/lib/schemas/instantly-job';
import { call, demoSpec, listAll, testSimulator } from './test-helpers';

// Warmup enable/disable jobs driven by an injected clock (REFERENCE §4.8, §5): pending → in-progress
// → success, per-email outcomes, account flips, include_all_emails selection, and the 409 on overlap.

type Job = {
  id: string;
  status: string;
  progress: number;
  user_id?: null;
  data: Record<string, unknown> & {
    processed_emails?: Array<{ email: string; status: string; error?: string }>;
    success_count?: number;
    failed_count?: number;
    total_to_process?: number;
    pending_emails?: string[];
  };
};

async function accountsWhere(
  sim: ReturnType<typeof testSimulator>['sim'],
  predicate: (a: Record<string, unknown>) => boolean,
) {
  return (await listAll(sim)).items.filter(predicate);
}

describe('a warmup enable job', () => {
  it('goes pending → in-progress → success at jobSpeed, flips the accounts and reports per email', async () => {
    const { sim, clock } = testSimulator({ jobSpeed: 10, workspaces: [demoSpec({ accounts: 200 })] });
    const off = (await accountsWhere(sim, (a) => a.warmup_status === 0 && a.status === 1)).slice(0, 4);
    expect(off.length).toBe(4);
    const emails = [...off.map((a) => a.email as string), 'ghost@nowhere-at-all.test'];

    const created = await call(sim, 'POST', '/accounts/warmup/enable', { body: { emails } });
    expect(created.status).toBe(200);
    const job = created.body as Job;
    expect(backgroundJobSchema.safeParse(job).success).toBe(true);
    expect(job.id).toMatch(/^[0-9a-f]{24}$/);
    expect(job).toMatchObject({
      status: 'pending',
      progress: 0,
      type: 'update-warmup-accounts',
      entity_type: 'workspace',
      user_id: null,
    });
    expect(job.data).toEqual({
      filters: { emails, includeAllEmails: null, excludedEmails: null, filter: null, search: null },
      warmup_status: 1,
    });
    const workspace = (await call(sim, 'GET', '/workspaces/current')).body as { id: string };
    expect((job as unknown as { entity_id: string; workspace_id: string }).entity_id).toBe(workspace.id);
    expect((job as unknown as { workspace_id: string }).workspace_id).toBe(workspace.id);

    clock.advance(250);
    expect(((await call(sim, 'GET', `/background-jobs/${job.id}`)).body as Job).status).toBe('pending');

    // 300 ms pending, then 10 emails/s: after 300 + 250 ms two emails are done.
    clock.advance(300);
    const midway = (await call(sim, 'GET', `/background-jobs/${job.id}`)).body as Job;
    expect(midway.status).toBe('in-progress');
    expect(midway.data.processed_emails).toHaveLength(2);
    expect(midway.data.pending_emails).toHaveLength(3);
    expect(midway.progress).toBe(40);
    const firstFlipped = (await call(sim, 'GET', `/accounts/${encodeURIComponent(emails[0] as string)}`))
      .body as Record<string, unknown>;
    expect(firstFlipped.warmup_status).toBe(1);
    const notYet = (await call(sim, 'GET', `/accounts/${encodeURIComponent(emails[3] as string)}`))
      .body as Record<string, unknown>;
    expect(notYet.warmup_status).toBe(0);

    clock.advance(1_000);
    const done = (await call(sim, 'GET', `/background-jobs/${job.id}`)).body as Job;
    expect(done.status).toBe('success');
    expect(done.progress).toBe(100);
    expect(done).not.toHaveProperty('user_id');
    expect(done.data).toMatchObject({
      step: 'DONE',
      pending_emails: [],
      transition_emails: [],
      domains_to_check: [],
      valid_mx_domains: [],
      mx_check_offset: 0,
      update_status_offset: 0,
      total_to_process: 5,
      success_count: 4,
      failed_count: 1,
      verification_offset: 0,
    });
    expect(done.data.processed_emails).toEqual([
      ...emails.slice(0, 4).map((email) => ({ email, status: 'success' })),
      { email: 'ghost@nowhere-at-all.test', status: 'failed', error: 'Account not found' },
    ]);
    for (const email of emails.slice(0, 4)) {
      const account = (await call(sim, 'GET', `/accounts/${encodeURIComponent(email)}`)).body as Record<
        string,
        unknown
      >;
      expect(account.warmup_status).toBe(1);
      expect(typeof account.timestamp_warmup_start).toBe('string');
    }
  });

  it('a job whose every email fails still ends in success', async () => {
    const { sim, clock } = testSimulator({ workspaces: [demoSpec({ accounts: 20 })] });
    const job = (
      await call(sim, 'POST', '/accounts/warmup/disable', { body: { emails: ['nobody@nowhere.test'] } })
    ).body as Job;
    clock.advance(2_000);
    const done = (await call(sim, 'GET', `/background-jobs/${job.id}`)).body as Job;
    expect(done.status).toBe('success');
    expect(done.data).toMatchObject({ success_count: 0, failed_count: 1, total_to_process: 1 });
  });

  it('sets timestamp_warmup_start on a first enable only', async () => {
    const { sim, clock } = testSimulator({ workspaces: [demoSpec({ accounts: 200 })] });
    const fresh = (await accountsWhere(sim, (a) => a.timestamp_warmup_start === undefined))[0];
    const veteran = (
      await accountsWhere(sim, (a) => a.warmup_status === 0 && typeof a.timestamp_warmup_start === 'string')
    )[0];
    if (!fresh || !veteran)
      throw new Error('the seeded fleet has no never-warmed or no paused-warmup account');
    await call(sim, 'POST', '/accounts/warmup/enable', { body: { emails: [fresh.email, veteran.email] } });
    clock.advance(5_000);
    const a = (await call(sim, 'GET', `/accounts/${encodeURIComponent(String(fresh.email))}`)).body as Record<
      string,
      unknown
    >;
    const b = (await call(sim, 'GET', `/accounts/${encodeURIComponent(String(veteran.email))}`))
      .body as Record<string, unknown>;
    expect(a.timestamp_warmup_start).toBe(new Date(clock.now() - 5_000 + 300 + 40).toISOString());
    expect(b.timestamp_warmup_start).toBe(veteran.timestamp_warmup_start);
  });
});

describe('include_all_emails', () => {
  it('selects every matching account at creation, minus the excluded ones', async () => {
    const { sim, clock } = testSimulator({ workspaces: [demoSpec({ accounts: 300 })], jobSpeed: 1000 });
    const paused = await accountsWhere(sim, (a) => a.status === 2);
    expect(paused.length).toBeGreaterThan(3);
    const excluded = paused[0]?.email as string;
    const res = await call(sim, 'POST', '/accounts/warmup/disable', {
      body: {
        include_all_emails: true,
        excluded_emails: [excluded],
        filter: { filter: 'ACC_FILTER_PAUSED' },
      },
    });
    const job = res.body as Job;
    expect(job.data.filters).toEqual({
      emails: null,
      includeAllEmails: true,
      excludedEmails: [excluded],
      filter: { filter: 'ACC_FILTER_PAUSED' },
      search: null,
    });
    clock.advance(5_000);
    const done = (await call(sim, 'GET', `/background-jobs/${job.id}`)).body as Job;
    expect(done.data.total_to_process).toBe(paused.length - 1);
    const processed = new Set(done.data.processed_emails?.map((p) => p.email));
    expect(processed.has(excluded)).toBe(false);
    expect([...processed].sort()).toEqual(
      paused
        .slice(1)
        .map((a) => a.email)
        .sort(),
    );
    const after = await accountsWhere(sim, (a) => a.status === 2);
    for (const account of after)
      expect(account.warmup_status).toBe(account.email === excluded ? paused[0]?.warmup_status : 0);
  });

  it('narrows by search as well', async () => {
    const { sim, clock } = testSimulator({ workspaces: [demoSpec({ accounts: 300 })], jobSpeed: 1000 });
    const one = (await listAll(sim)).items[10] as { email: string };
    const domain = one.email.split('@')[1] as string;
    const inDomain = await accountsWhere(sim, (a) => (a.email as string).endsWith(`@${domain}`));
    const job = (
      await call(sim, 'POST', '/accounts/warmup/enable', {
        body: { include_all_emails: true, search: domain },
      })
    ).body as Job;
    clock.advance(5_000);
    const done = (await call(sim, 'GET', `/background-jobs/${job.id}`)).body as Job;
    expect(done.data.total_to_process).toBe(inDomain.length);
  });
});

describe('overlapping jobs', () => {
  it('409 when a running job already holds one of the accounts; fine once it finished', async () => {
    const { sim, clock } = testSimulator({ workspaces: [demoSpec({ accounts: 50 })], jobSpeed: 5 });
    const emails = (await listAll(sim)).items.slice(0, 3).map((a) => a.email as string);
    const first = await call(sim, 'POST', '/accounts/warmup/enable', { body: { emails } });
    expect(first.status).toBe(200);
    const second = await call(sim, 'POST', '/accounts/warmup/disable', {
      body: { emails: [emails[1], emails[2]] },
    });
    expect(second.status).toBe(409);
    expect(second.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'update-warmup-accounts job in progress for 2 account(s)',
    });
    const patch = await call(sim, 'PATCH', `/accounts/${encodeURIComponent(emails[0] as string)}`, {
      body: { daily_limit: 20 },
    });
    expect(patch.status).toBe(409);
    expect((patch.body as { message: string }).message).toContain('update-warmup-accounts job in progress');
    // An unrelated account is not blocked.
    const other = (await listAll(sim)).items[10]?.email as string;
    expect((await call(sim, 'POST', '/accounts/warmup/enable', { body: { emails: [other] } })).status).toBe(
      200,
    );
    clock.advance(2_000);
    expect((await call(sim, 'POST', '/accounts/warmup/disable', { body: { emails } })).status).toBe(200);
  });
});

describe('GET /background-jobs', () => {
  it('lists newest first with the job id as cursor, filters by status, and trims data with data_fields', async () => {
    const { sim, clock } = testSimulator({ workspaces: [demoSpec({ accounts: 100 })] });
    const emails = (await listAll(sim)).items.slice(0, 6).map((a) => a.email as string);
    const ids: string[] = [];
    for (const email of emails) {
      if (ids.length > 0) clock.advance(1_000);
      ids.push(
        ((await call(sim, 'POST', '/accounts/warmup/enable', { body: { emails: [email] } })).body as Job).id,
      );
    }
    const list = (await call(sim, 'GET', '/background-jobs', { query: { limit: 3 } })).body as {
      items: Job[];
      next_starting_after: string;
    };
    expect(backgroundJobListSchema.safeParse(list).success).toBe(true);
    expect(list.items.map((j) => j.id)).toEqual(ids.slice(-3).reverse());
    expect(list.next_starting_after).toBe(ids[3]);
    const next = (
      await call(sim, 'GET', '/background-jobs', {
        query: { limit: 3, starting_after: list.next_starting_after },
      })
    ).body as {
      items: Job[];
    };
    expect(next.items.map((j) => j.id)).toEqual(ids.slice(0, 3).reverse());

    const pending = (await call(sim, 'GET', '/background-jobs', { query: { status: 'pending,in-progress' } }))
      .body as { items: Job[] };
    expect(pending.items.map((j) => j.id)).toEqual([ids[5]]);

    const trimmed = (
      await call(sim, 'GET', `/background-jobs/${ids[0]}`, {
        query: { data_fields: 'success_count,failed_count,total_to_process' },
      })
    ).body as Job;
    expect(trimmed.data).toEqual({ success_count: 1, failed_count: 0, total_to_process: 1 });

    const asc = (
      await call(sim, 'GET', '/background-jobs', {
        query: { sort_column: 'created_at', sort_order: 'asc', limit: 100 },
      })
    ).body as {
      items: Job[];
    };
    expect(asc.items.slice(-6).map((j) => j.id)).toEqual(ids);
  });

  it('the seeded workspace already has finished jobs, including a failed email inside a success', async () => {
    const { sim } = testSimulator();
    const list = (await call(sim, 'GET', '/background-jobs', { query: { limit: 100 } })).body as {
      items: Job[];
    };
    expect(list.items.length).toBeGreaterThanOrEqual(2);
    expect(list.items.every((j) => j.status === 'success')).toBe(true);
    expect(
      list.items.some((j) =>
        j.data.processed_emails?.some((p) => p.status === 'failed' && p.error === 'Account not found'),
      ),
    ).toBe(true);
  });
});
