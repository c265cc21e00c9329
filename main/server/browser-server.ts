/**
 * Browser mode: the built renderer over HTTP and the contract over one
 * WebSocket, on 127.0.0.1 only, behind a random access token (as Jupyter).
 * See request-guard.ts for who may connect and wire.ts for the frames.
 */
import { realpath } from 'node:fs/promises';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { WIRE_MAX_FRAME_BYTES, WIRE_SOCKET_PATH, type EventMessage } from '../../core/contract/index.js';
import type { HostServices } from '../services/host-services.js';
import { authCookie, newAccessToken } from './access-token.js';
import { LOOPBACK, credentialOf, isAllowedHost, isAllowedOrigin, type RequestFacts } from './request-guard.js';
import { browserSecurityHeaders } from './security-headers.js';
import { MAX_BUFFERED_BYTES, attachSocket } from './socket-session.js';
import { sendText, serveStatic } from './static-files.js';

export interface BrowserServerOptions {
  services: HostServices;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** Defaults to a fresh random token. */
  token?: string;
  /** Diagnostics (default: stderr). */
  log?: (line: string) => void;
}

export interface BrowserServer {
  /** The URL to open, token included. */
  url: string;
  port: number;
  token: string;
  /** Which address the server listens on (always 127.0.0.1). */
  address: AddressInfo;
  /** Closes sockets and the server; the services stay open (the caller owns them). */
  close(): Promise<void>;
}

const UNAUTHORIZED = 'Open the address printed by `npm run serve`: it carries the access token.';

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? newAccessToken();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const staticDir = resolve(options.staticDir);
  const wss = new WebSocketServer({ noServer: true, maxPayload: WIRE_MAX_FRAME_BYTES });
  let port = 0;
  let headers: Record<string, string> = {};

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((err: unknown) => {
      log(`request failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) sendText(res, 500, 'Internal error.', headers);
      else res.destroy();
    });
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { path, query } = splitUrl(req.url ?? '/');
    if (!isAllowedHost(req.headers.host, port)) return sendText(res, 403, 'Forbidden host.', headers);
    // Our own pages send our Origin or none; another site's (a rebinding page's fetch, say) is refused too.
    if (!isAllowedOrigin(req.headers.origin, port)) return sendText(res, 403, 'Forbidden origin.', headers);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'Method not allowed.', headers);
    }
    const credential = credentialOf(factsOf(req, query), port, token);
    if (credential === null) return sendText(res, 401, UNAUTHORIZED, headers);
    if (credential === 'query') {
      // Keep the token in the cookie, out of the address bar and history.
      query.delete('token');
      const rest = query.toString();
      res.writeHead(302, {
        ...headers,
        'Set-Cookie': authCookie(port, token),
        // One leading slash: '//host' would be a protocol-relative redirect elsewhere.
        Location: `/${path.replace(/^\/+/, '')}${rest ? `?${rest}` : ''}`,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    const root = await realpath(staticDir).catch(() => staticDir);
    await serveStatic(req, res, root, path, headers);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const { path, query } = splitUrl(req.url ?? '/');
    if (path !== WIRE_SOCKET_PATH) return rejectUpgrade(socket, 404);
    if (!isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) return rejectUpgrade(socket, 403);
    if (credentialOf(factsOf(req, query), port, token) === null) return rejectUpgrade(socket, 401);
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => attachSocket(ws, options.services.handlers, log));
  });

  const unsubscribe = options.services.onEvent((message: EventMessage) => {
    // Every socket in wss passed the checks above; encode once for all.
    const text = JSON.stringify(message);
    for (const ws of wss.clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) ws.terminate();
      else ws.send(text);
    }
  });

  try {
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(options.port ?? 0, LOOPBACK, () => {
        server.off('error', fail);
        done();
      });
    });
  } catch (err) {
    unsubscribe();
    throw err;
  }
  const address = server.address() as AddressInfo;
  port = address.port;
  headers = browserSecurityHeaders(port);

  let closing: Promise<void> | null = null;
  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    port,
    token,
    address,
    close() {
      closing ??= new Promise<void>((done) => {
        unsubscribe();
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.close(() => done());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function splitUrl(url: string): { path: string; query: URLSearchParams } {
  const q = url.indexOf('?');
  return q < 0 ? { path: url, query: new URLSearchParams() } : { path: url.slice(0, q), query: new URLSearchParams(url.slice(q + 1)) };
}

function factsOf(req: IncomingMessage, query: URLSearchParams): RequestFacts {
  return {
    host: req.headers.host,
    origin: req.headers.origin,
    cookie: req.headers.cookie,
    authorization: req.headers.authorization,
    queryToken: query.get('token'),
  };
}

function rejectUpgrade(socket: Duplex, status: number): void {
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
