import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { APP_URL, SIM_KEYS, SIM_URL, expect, snap, test } from './fixtures';
import { APP_PORT } from './ports';

/** A raw HTTP request with any Host header and any method (browsers and Playwright's client insist on the real Host). */
function rawRequest(
  method: string,
  path: string,
  host = `127.0.0.1:${APP_PORT}`,
): Promise<{ status: number; type: string; allow: string | null; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: APP_PORT, method, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          allow: typeof res.headers.allow === 'string' ? res.headers.allow : null,
          body,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const rawGet = (path: string, host: string) => rawRequest('GET', path, host);

const CANARY = SIM_KEYS.canary;

/** The e2e server's database files (playwright.config.ts: DATA_DIR=.data-e2e), as a backup holds them. */
const DATABASE_FILES = ['.data-e2e/fleet.db', '.data-e2e/fleet.db-wal'];
const databaseBytes = () =>
  Buffer.concat(DATABASE_FILES.filter((f) => existsSync(f)).map((f) => readFileSync(f)));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test.describe('the key never reaches the browser', () => {
  test('a canary key is absent from every response, the page, storage, cookies, the database files and the build', async ({
    page,
    context,
  }) => {
    const leaks: string[] = [];
    page.on('response', async (response) => {
      const body = await response.body().catch(() => Buffer.alloc(0));
      if (body.includes(CANARY) || body.includes(CANARY.slice(0, 24))) leaks.push(response.url());
      if (JSON.stringify(await response.allHeaders()).includes(CANARY))
        leaks.push(`headers of ${response.url()}`);
    });

    await page.goto('/settings');
    await page.getByLabel('Instantly API key').fill(CANARY);
    await page.getByRole('button', { name: 'Verify and add' }).click();
    await expect(page.getByText('Connected Canary Co')).toBeVisible();
    // The form is cleared after a successful add, so the field itself no longer holds the key.
    await expect(page.getByLabel('Instantly API key')).toHaveValue('');

    for (const path of ['/', '/accounts', '/diagnostics', '/jobs', '/settings']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(await page.content()).not.toContain(CANARY);
    }
    await page.goto('/accounts');
    await expect(page.getByRole('grid', { name: 'Sending accounts' }).getByRole('row').nth(1)).toContainText(
      '@',
    );

    const storage = await page.evaluate(() => ({
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      cookies: document.cookie,
    }));
    expect(storage.local).not.toContain(CANARY);
    expect(storage.session).not.toContain(CANARY);
    expect(storage.cookies).not.toContain(CANARY);
    expect(leaks).toEqual([]);

    // The key lives in the server's vault now: no cookie holds it, sealed or not.
    const cookies = await context.cookies();
    expect(cookies.map((c) => c.name)).not.toContain('fleet_keys');
    expect(JSON.stringify(cookies)).not.toContain(CANARY);
    expect(cookies.find((c) => c.name === 'fleet_workspace')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
    });

    // In the database files only as ciphertext: the row is there (its name is), the key is not.
    const stored = databaseBytes();
    expect(stored.includes('Canary Co'), 'the vault row is in the files searched').toBe(true);
    expect(stored.includes(CANARY)).toBe(false);
    expect(stored.includes(CANARY.slice(0, 24))).toBe(false);

    // The build output must not carry the key either (it never could: keys arrive at run time).
    for (const file of filesUnder('.next')) {
      if (statSync(file).size > 20_000_000) continue;
      expect(readFileSync(file).includes(CANARY), file).toBe(false);
    }

    // Removed again, so later journeys see the vault as they left it; still nowhere in the files.
    const list = (await (await page.request.get('/api/workspaces')).json()) as {
      workspaces: Array<{ id: string; name: string }>;
    };
    const canary = list.workspaces.find((w) => w.name === 'Canary Co');
    const removed = await page.request.delete(`/api/workspaces/${canary!.id}`, {
      headers: { Origin: APP_URL },
    });
    expect(removed.status()).toBe(200);
    expect(databaseBytes().includes(CANARY)).toBe(false);
  });
});

test.describe('the proxy', () => {
  test('refuses cross-site and non-JSON writes', async ({ request, baseURL }) => {
    const crossSite = await request.post('/api/workspaces', {
      headers: { 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/json' },
      data: { key: SIM_KEYS.acme },
    });
    expect(crossSite.status()).toBe(403);
    expect((await crossSite.json()).type).toBe('csrf');

    const foreignOrigin = await request.post('/api/workspaces', {
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json' },
      data: { key: SIM_KEYS.acme },
    });
    expect(foreignOrigin.status()).toBe(403);

    const plainText = await request.post('/api/workspaces', {
      headers: { Origin: baseURL!, 'Content-Type': 'text/plain' },
      data: JSON.stringify({ key: SIM_KEYS.acme }),
    });
    expect(plainText.status()).toBe(415);
  });

  test('a write sent by a page on another origin is refused in a real browser', async ({ page }) => {
    // A page on the simulator's origin (another port: another origin, same site) posts to our API the
    // way a CSRF form would: a simple no-cors request, cookies included.
    const names = async () =>
      (
        (await (await page.request.get(`${APP_URL}/api/workspaces`)).json()) as {
          workspaces: Array<{ name: string }>;
        }
      ).workspaces.map((w) => w.name);
    // Other journeys may have added Globex already: what counts is that this request adds nothing.
    const before = await names();
    await page.goto(`${SIM_URL}/api/v2/workspaces/current`);
    await page.evaluate(
      async ([key, appUrl]) => {
        await fetch(`${appUrl}/api/workspaces`, {
          method: 'POST',
          mode: 'no-cors',
          credentials: 'include',
          headers: { 'Content-Type': 'text/plain' },
          body: JSON.stringify({ key }),
        }).catch(() => undefined);
      },
      [SIM_KEYS.globex, APP_URL] as const,
    );
    await page.goto('/settings');
    await expect(page.getByRole('heading', { name: 'Workspaces' })).toBeVisible();
    expect(await names()).toEqual(before);
  });

  test('answers are private and carry the security headers', async ({ request }) => {
    const api = await request.get('/api/workspaces');
    expect(api.headers()['cache-control']).toBe('private, no-store');
    const pageResponse = await request.get('/accounts');
    const headers = pageResponse.headers();
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("object-src 'none'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("connect-src 'self'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
  });

  test('unknown API paths are 404 and never reach Instantly', async ({ request }) => {
    for (const path of ['/api/v2/accounts', '/api/leads', '/api/accounts/x/../../v2/accounts']) {
      expect((await request.get(path)).status()).toBe(404);
    }
  });

  test('every /api path and method answers a problem JSON: 404 unknown, 405 with Allow, never a 500', async () => {
    const cases: Array<[method: string, path: string, status: number, allow: string | null]> = [
      ['GET', '/api', 404, null],
      ['DELETE', '/api/leads', 404, null],
      ['PATCH', '/api/accounts/x/y/z', 404, null],
      ['TRACE', '/api/v2/accounts', 404, null],
      ['PUT', '/api/health', 405, 'GET, HEAD, OPTIONS'],
      ['POST', '/api/accounts', 405, 'GET, HEAD, OPTIONS'],
      ['GET', '/api/workspaces/active', 405, 'PUT, OPTIONS'],
      ['DELETE', '/api/accounts/someone%40example.com', 405, 'GET, PATCH, HEAD, OPTIONS'],
      // Methods Next cannot even represent (fetch forbids TRACE) or does not know.
      ['TRACE', '/api/accounts', 405, 'GET, HEAD, OPTIONS'],
      ['TRACE', '/api/workspaces', 405, 'GET, POST, DELETE, HEAD, OPTIONS'],
      ['PROPFIND', '/api/overview', 405, 'GET, HEAD, OPTIONS'],
    ];
    for (const [method, path, status, allow] of cases) {
      const response = await rawRequest(method, path);
      const name = `${method} ${path}`;
      expect(response.status, name).toBe(status);
      expect(response.type, name).toBe('application/problem+json');
      expect(response.allow, name).toBe(allow);
      expect(JSON.parse(response.body), name).toMatchObject({
        type: status === 404 ? 'not-found' : 'method-not-allowed',
        status,
        title: expect.stringMatching(/\S/),
      });
    }
    // A method token Node's parser refuses outright still gets a JSON answer, not an empty 400.
    const unknown = await rawRequest('FOO', '/api/accounts');
    expect(unknown.status).toBe(400);
    expect(unknown.type).toBe('application/problem+json');
    expect(JSON.parse(unknown.body)).toMatchObject({ type: 'bad-request', status: 400 });
    // The routes still answer what they take.
    expect((await rawRequest('GET', '/api/health')).status).toBe(200);
    expect((await rawRequest('OPTIONS', '/api/accounts')).allow).toBe('GET, HEAD, OPTIONS');
  });

  test('naming a workspace that is not connected is refused, middleware tricks or not', async ({
    request,
  }) => {
    const response = await request.get('/api/accounts/someone%40example.com?workspace=ws_c6ea1bfd', {
      headers: { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
    });
    expect(response.status()).toBe(404);
    expect((await response.json()).type).toBe('workspace-not-found');
  });

  test('invalid input gets a clear JSON error naming the field', async ({ request }) => {
    const response = await request.get('/api/accounts?limit=5000');
    expect(response.status()).toBe(400);
    expect(await response.json()).toMatchObject({ type: 'invalid-input', field: 'limit' });
  });
});

test.describe('DNS rebinding and copied cookies', () => {
  test('a request for a foreign Host gets nothing: no rows, no export, no page', async () => {
    for (const path of ['/api/accounts?scope=all', '/api/accounts/export', '/api/workspaces', '/accounts']) {
      const response = await rawGet(path, `evil.example:${APP_PORT}`);
      expect(response.status, path).toBe(421);
      expect(response.body, path).toContain('ALLOWED_HOSTS');
      expect(response.body, path).not.toContain('@');
    }
    expect((await rawGet('/api/accounts/export', `evil.example:${APP_PORT}`)).type).toContain(
      'application/problem+json',
    );
    // The same request under a name we answer for reaches the route, which asks this cookie-less
    // client to sign in (421 would mean the name itself was refused).
    const allowed = await rawGet('/api/workspaces', `localhost:${APP_PORT}`);
    expect(allowed.status).toBe(401);
    expect(allowed.body).toContain('sign-in-required');
  });

  test('removing a workspace takes it from every browser at once, copied cookies or not', async ({
    page,
    browser,
  }) => {
    await page.goto('/settings');
    await page.getByLabel('Instantly API key').fill(SIM_KEYS.acme);
    await page.getByLabel('Label (optional)').fill('Copied');
    await page.getByRole('button', { name: 'Verify and add' }).click();
    await expect(page.getByText('Connected Acme Outreach')).toBeVisible();
    const list = (await (await page.request.get('/api/workspaces')).json()) as {
      workspaces: Array<{ id: string; label: string }>;
    };
    const id = list.workspaces.find((w) => w.label === 'Copied')!.id;

    // Someone holding a copy of this browser's cookies uses the workspace from their own browser.
    const other = await browser.newContext({ storageState: await page.context().storageState() });
    // One of its accounts, read by workspace id (the account route resolves the id it is given).
    const rows = (await (await page.request.get(`/api/accounts?limit=1`)).json()) as {
      rows: Array<{ email: string; workspaceId: string }>;
    };
    expect(rows.rows[0]?.workspaceId).toBe(id);
    const accounts = `${APP_URL}/api/accounts/${encodeURIComponent(rows.rows[0]!.email)}?workspace=${id}`;
    expect((await other.request.get(accounts)).status()).toBe(200);

    const removed = await page.request.delete(`/api/workspaces/${id}`, { headers: { Origin: APP_URL } });
    expect(removed.status()).toBe(200);
    const after = await other.request.get(accounts);
    expect(after.status()).toBe(404);
    expect(await after.json()).toMatchObject({ type: 'workspace-not-found' });
    const stolen = await other.newPage();
    await stolen.goto(`${APP_URL}/settings`);
    await expect(stolen.getByRole('heading', { name: 'Workspaces' })).toBeVisible();
    await expect(stolen.getByText('Copied')).toBeHidden();
    await snap(stolen, 'removed-workspace-other-browser');
    await other.close();
  });
});
