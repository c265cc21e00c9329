/**
 * The `lab://app/` scheme that serves the built renderer, with the same
 * path safety as browser mode (static-files.ts) and the CSP as a header.
 * registerAppScheme must run before the app is ready.
 */
import { protocol } from 'electron';
import { readFile, realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { contentTypeOf, findStaticFile, safeRelativePath } from '../server/static-files.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // standard: real origin and relative URLs; secure: a secure context, as https.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function serveAppScheme(rendererDir: string, csp: string): void {
  const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const relative = url.host === APP_HOST && request.method === 'GET' ? safeRelativePath(url.pathname) : null;
    if (relative === null) return new Response('Bad request', { status: 400, headers });
    const root = await realpath(rendererDir).catch(() => resolve(rendererDir));
    const file = await findStaticFile(root, relative);
    if (file === null || file === 'no_build') return new Response('Not found', { status: 404, headers });
    const body = await readFile(file.path);
    return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': contentTypeOf(file.path) } });
  });
}
