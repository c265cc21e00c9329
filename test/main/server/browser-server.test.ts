import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../../../main/server/browser-server.js';
import { authCookieName } from '../../../main/server/access-token.js';
import { fakeServices, type FakeServices } from './fake-services.js';
import { httpGet, openSocket } from './http-client.js';

const SECRET = 'SECRET-OUTSIDE-THE-STATIC-DIR';
let dir: string;
let services: FakeServices;
let server: BrowserServer;
let port: number;
let cookie: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lab-server-'));
  const stat = join(dir, 'static');
  await mkdir(join(stat, 'assets'), { recursive: true });
  await writeFile(join(dir, 'secret.txt'), SECRET);
  await writeFile(join(stat, 'index.html'), '<!doctype html><title>lab</title>');
  await writeFile(join(stat, 'assets', 'app-1234.js'), 'console.log(1)');
  await writeFile(join(stat, 'assets', 'style.css'), 'body{}');
  await writeFile(join(stat, 'assets', 'engine.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  await writeFile(join(stat, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(stat, 'icon.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await writeFile(join(stat, '.env'), SECRET);
  await symlink(join(dir, 'secret.txt'), join(stat, 'leak.txt'));
  services = fakeServices();
  server = await startBrowserServer({ services, staticDir: stat, port: 0, log: () => {} });
  port = server.port;
  cookie = `${authCookieName(port)}=${server.token}`;
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('browser server: listening', () => {
  it('listens on 127.0.0.1 only, on the port it reports, with a long random token', () => {
    expect(server.address.address).toBe('127.0.0.1');
    expect(server.address.port).toBe(port);
    expect(port).toBeGreaterThan(0);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(server.url).toBe(`http://127.0.0.1:${port}/?token=${server.token}`);
  });
});

describe('browser server: HTTP access', () => {
  it('refuses a request without the token', async () => {
    const res = await httpGet(port, '/');
    expect(res.status).toBe(401);
    expect(res.body).not.toContain('<title>lab</title>');
  });

  it('refuses a wrong token in the query, the cookie or a bearer header', async () => {
    expect((await httpGet(port, '/?token=wrong')).status).toBe(401);
    expect((await httpGet(port, '/', { Cookie: `${authCookieName(port)}=wrong` })).status).toBe(401);
    expect((await httpGet(port, '/', { Authorization: 'Bearer wrong' })).status).toBe(401);
    // Another port's cookie name does not count.
    expect((await httpGet(port, '/', { Cookie: `${authCookieName(port + 1)}=${server.token}` })).status).toBe(401);
  });

  it('takes the token from the query once: sets an HttpOnly SameSite=Strict cookie and redirects without it', async () => {
    const res = await httpGet(port, `/?token=${server.token}&view=runs`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/?view=runs');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toContain(`${authCookieName(port)}=${server.token}`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
  });

  it('never redirects off-site (a //host path stays on this server)', async () => {
    const res = await httpGet(port, `//evil.example/?token=${server.token}`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/evil.example/');
  });

  it('serves with the cookie alone, or a bearer token', async () => {
    const res = await httpGet(port, '/', { Cookie: `other=1; ${cookie}` });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>lab</title>');
    expect(res.headers['cache-control']).toBe('no-store');
    expect((await httpGet(port, '/', { Authorization: `Bearer ${server.token}` })).status).toBe(200);
  });

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', `0.0.0.0:${port}`]) {
      const res = await httpGet(port, '/', { Host: host, Cookie: cookie });
      expect(res.status, host).toBe(403);
    }
    expect((await httpGet(port, '/', { Host: `localhost:${port}`, Cookie: cookie })).status).toBe(200);
  });

  it('refuses a foreign Origin header even with the token', async () => {
    for (const origin of ['http://evil.example', `http://evil.example:${port}`, `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`, 'null']) {
      expect((await httpGet(port, '/', { Origin: origin, Cookie: cookie })).status, origin).toBe(403);
      expect((await httpGet(port, `/?token=${server.token}`, { Origin: origin })).status, origin).toBe(403);
    }
    expect((await httpGet(port, '/', { Origin: `http://127.0.0.1:${port}`, Cookie: cookie })).status).toBe(200);
    expect((await httpGet(port, '/', { Origin: `http://localhost:${port}`, Cookie: cookie })).status).toBe(200);
  });

  it('answers only GET and HEAD', async () => {
    expect((await httpGet(port, '/', { Cookie: cookie }, 'POST')).status).toBe(405);
    const head = await httpGet(port, '/assets/app-1234.js', { Cookie: cookie }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String('console.log(1)'.length));
  });
});

describe('browser server: static files', () => {
  it('sends content types and security headers', async () => {
    const cases: [string, string][] = [
      ['/assets/app-1234.js', 'text/javascript; charset=utf-8'],
      ['/assets/style.css', 'text/css; charset=utf-8'],
      ['/assets/engine.wasm', 'application/wasm'],
      ['/icon.svg', 'image/svg+xml'],
      ['/icon.png', 'image/png'],
      ['/index.html', 'text/html; charset=utf-8'],
    ];
    for (const [path, type] of cases) {
      const res = await httpGet(port, path, { Cookie: cookie });
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type'], path).toBe(type);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
    }
    expect((await httpGet(port, '/assets/app-1234.js', { Cookie: cookie })).headers['cache-control']).toContain('immutable');
  });

  it('falls back to index.html for client-side routes, but not for missing assets', async () => {
    const route = await httpGet(port, '/runs/abc', { Cookie: cookie });
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>lab</title>');
    expect((await httpGet(port, '/assets/missing.js', { Cookie: cookie })).status).toBe(404);
  });

  it('refuses path traversal, encoded or not, and links or hidden files leading out', async () => {
    const paths = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      '/%252e%252e/secret.txt',
      '/%00/index.html',
      '/%e0%a4%a',
      '/.env',
      '/leak.txt',
    ];
    for (const path of paths) {
      const res = await httpGet(port, path, { Cookie: cookie });
      expect(res.body, path).not.toContain(SECRET);
      expect([400, 404], path).toContain(res.status);
    }
  });
});

describe('browser server: WebSocket', () => {
  it('refuses a socket without the token, or with a wrong one', async () => {
    await expect(openSocket(port)).rejects.toThrow('refused 401');
    await expect(openSocket(port, { headers: { Cookie: `${authCookieName(port)}=nope` } })).rejects.toThrow('refused 401');
  });

  it('refuses a foreign Origin or Host even with the cookie', async () => {
    await expect(openSocket(port, { headers: { Cookie: cookie }, origin: 'http://evil.example' })).rejects.toThrow('refused 403');
    await expect(openSocket(port, { headers: { Cookie: cookie }, origin: `http://127.0.0.1:${port + 1}` })).rejects.toThrow('refused 403');
    await expect(openSocket(port, { headers: { Cookie: cookie, Host: 'evil.example' } })).rejects.toThrow('refused 403');
  });

  it('refuses other paths', async () => {
    await expect(openSocket(port, { path: '/other', headers: { Cookie: cookie } })).rejects.toThrow('refused 404');
  });

  it('accepts the cookie with our Origin, or the token in the query; answers a method call', async () => {
    const a = await openSocket(port, { headers: { Cookie: cookie }, origin: `http://127.0.0.1:${port}` });
    expect(await a.call({ id: 1, method: 'app.info', params: {} })).toMatchObject({ id: 1, ok: true, result: { version: '0.0.0-test', host: 'browser' } });
    a.close();
    const b = await openSocket(port, { path: `/ws?token=${server.token}` });
    expect(await b.call({ id: 2, method: 'runs.rename', params: { runId: 'r1', name: 'x' } })).toEqual({ id: 2, ok: true, result: { ok: true } });
    b.close();
  });

  it('answers a malformed frame with invalid_payload and keeps the socket usable', async () => {
    const s = await openSocket(port, { headers: { Cookie: cookie } });
    expect(await s.call('this is not json')).toMatchObject({ id: null, ok: false, error: { code: 'invalid_payload' } });
    expect(await s.call('[1,2]')).toMatchObject({ id: null, ok: false, error: { code: 'invalid_payload' } });
    expect(await s.call({ id: 7, method: 42 })).toMatchObject({ id: 7, ok: false, error: { code: 'invalid_payload' } });
    expect(await s.call({ id: -1, method: 'app.info', params: {} })).toMatchObject({ id: null, ok: false });
    s.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await s.next()).toMatchObject({ id: null, ok: false, error: { code: 'invalid_payload' } });
    expect(await s.call({ id: 8, method: 'runs.rename', params: { runId: 'r1' } })).toMatchObject({
      id: 8,
      ok: false,
      error: { code: 'invalid_payload', path: 'name' },
    });
    expect(await s.call({ id: 9, method: 'app.info', params: {} })).toMatchObject({ id: 9, ok: true });
    s.close();
  });

  it('answers unknown methods with unknown_method and handler errors with their envelope', async () => {
    const s = await openSocket(port, { headers: { Cookie: cookie } });
    expect(await s.call({ id: 1, method: 'fs.readFile', params: {} })).toMatchObject({ id: 1, ok: false, error: { code: 'unknown_method' } });
    expect(await s.call({ id: 2, method: '__proto__', params: {} })).toMatchObject({ id: 2, ok: false, error: { code: 'unknown_method' } });
    expect(await s.call({ id: 3, method: 'runs.rename', params: { runId: 'missing', name: null } })).toEqual({
      id: 3,
      ok: false,
      error: { code: 'not_found', message: 'no run missing' },
    });
    expect(await s.call({ id: 4, method: 'runs.list', params: {} })).toMatchObject({ id: 4, ok: false, error: { code: 'unsupported' } });
    s.close();
  });

  it('broadcasts events to every connected socket', async () => {
    const a = await openSocket(port, { headers: { Cookie: cookie } });
    const b = await openSocket(port, { path: `/ws?token=${server.token}` });
    services.emit({ event: 'runs.changed', payload: { runIds: ['r1', 'r2'] } });
    const expected = { event: 'runs.changed', payload: { runIds: ['r1', 'r2'] } };
    expect(await a.next()).toEqual(expected);
    expect(await b.next()).toEqual(expected);
    a.close();
    b.close();
  });

  it('closes a socket that sends a frame over the size limit (1009), and keeps serving others', async () => {
    const s = await openSocket(port, { headers: { Cookie: cookie } });
    s.send('x'.repeat(16 * 1024 * 1024 + 1));
    expect(await s.closeCode).toBe(1009);
    const t = await openSocket(port, { headers: { Cookie: cookie } });
    expect(await t.call({ id: 1, method: 'app.info', params: {} })).toMatchObject({ id: 1, ok: true });
    t.close();
  });
});

describe('browser server: closing', () => {
  it('unsubscribes from events, drops sockets and stops listening, leaving the services open', async () => {
    const own = fakeServices();
    const s = await startBrowserServer({ services: own, staticDir: join(dir, 'static'), log: () => {} });
    expect(own.listenerCount()).toBe(1);
    const socket = await openSocket(s.port, { headers: { Authorization: `Bearer ${s.token}` } });
    await s.close();
    await socket.closeCode;
    expect(own.listenerCount()).toBe(0);
    expect(own.closed).toBe(false);
    await expect(httpGet(s.port, '/')).rejects.toThrow();
  });

  it('says how to build when the renderer is missing', async () => {
    const own = fakeServices();
    const s = await startBrowserServer({ services: own, staticDir: join(dir, 'nothing-here'), log: () => {} });
    const res = await httpGet(s.port, '/', { Authorization: `Bearer ${s.token}` });
    expect(res.status).toBe(503);
    expect(res.body).toContain('npm run build:renderer');
    await s.close();
  });
});
