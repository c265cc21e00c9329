/**
 * Serving the built renderer from one folder, and nothing outside it: the
 * path is percent-decoded once, any `.`/`..`/hidden segment, backslash or NUL
 * is refused before touching the disk, and the real path (symlinks resolved)
 * must stay inside the folder. Extensionless paths fall back to index.html
 * (client-side routes); a missing asset is a 404, never HTML.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file a URL path names, relative to the served folder ('' for the
 * root), or null when the path is refused. `rawPath` is the path as sent,
 * still percent-encoded, without the query.
 */
export function safeRelativePath(rawPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s.length > 0);
  // '.' and '..' could climb out; hidden names are never build output.
  if (segments.some((s) => s.startsWith('.'))) return null;
  return segments.join('/');
}

/** `relative` resolved under `root`, or null if it would leave it. */
export function resolveInside(root: string, relative: string): string | null {
  const full = resolve(root, relative);
  return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null;
}

export type StaticOutcome = 'served' | 'refused' | 'not_found' | 'no_build';

/** Answers a GET or HEAD for `rawPath` from `root` (an absolute, real path); `headers` go on every answer. */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  rawPath: string,
  headers: Record<string, string>,
): Promise<StaticOutcome> {
  const relative = safeRelativePath(rawPath);
  if (relative === null) {
    sendText(res, 400, 'Bad path.', headers);
    return 'refused';
  }
  const file = await findStaticFile(root, relative);
  if (file === 'no_build') {
    sendText(res, 503, 'The workbench is not built: run `npm run build:renderer`, then reload.', headers);
    return 'no_build';
  }
  if (file === null) {
    sendText(res, 404, 'Not found.', headers);
    return 'not_found';
  }
  const isIndex = file.path === join(root, 'index.html');
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentTypeOf(file.path),
    'Content-Length': String(file.size),
    // Vite fingerprints assets; index.html must always be fetched fresh.
    'Cache-Control': isIndex ? 'no-store' : relative.startsWith('assets/') ? 'private, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return 'served';
  }
  const stream = createReadStream(file.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
  return 'served';
}

/**
 * The file for a safe relative path (from safeRelativePath) under `root`:
 * '' is index.html, extensionless paths fall back to it; 'no_build' when
 * index.html itself is missing.
 */
export async function findStaticFile(root: string, relative: string): Promise<StaticFile | null | 'no_build'> {
  if (relative === '') relative = 'index.html';
  const wanted = resolveInside(root, relative);
  if (wanted === null) return null;
  const found = await regularFile(root, wanted);
  if (found !== null) return found;
  if (extname(relative) !== '' && relative !== 'index.html') return null;
  // A client-side route: the app's page.
  const index = await regularFile(root, join(root, 'index.html'));
  return index ?? 'no_build';
}

export interface StaticFile {
  /** Real path, inside the root. */
  path: string;
  size: number;
}

async function regularFile(root: string, path: string): Promise<StaticFile | null> {
  try {
    const real = await realpath(path);
    if (resolveInside(root, real) === null) return null;
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size } : null;
  } catch {
    return null;
  }
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  const body = Buffer.from(`${text}\n`, 'utf8');
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}
