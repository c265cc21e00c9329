/**
 * Who may talk to the browser-mode server: pure checks on a request's
 * headers, shared by plain HTTP requests and WebSocket upgrades.
 * - Host must name our loopback address and port: a DNS-rebinding page
 *   (evil.example resolving to 127.0.0.1) sends its own name and is refused.
 * - A browser's Origin must be ours: another site cannot open the socket
 *   with the user's cookie (cross-site WebSocket hijacking).
 * - Every request carries the token: in the query (first load), the cookie,
 *   or an `Authorization: Bearer` header (scripts).
 */
import { authCookieName, readCookie, tokensEqual } from './access-token.js';

export const LOOPBACK = '127.0.0.1';

export interface RequestFacts {
  host: string | undefined;
  origin: string | undefined;
  cookie: string | undefined;
  authorization: string | undefined;
  /** The `token` query parameter, if any. */
  queryToken: string | null;
}

export type Credential = 'query' | 'cookie' | 'header';

export function allowedHosts(port: number): string[] {
  return [`${LOOPBACK}:${port}`, `localhost:${port}`];
}

export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host.toLowerCase());
}

/** No Origin header: not a browser (browsers always send one on a WebSocket); the token still decides. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return allowedHosts(port).some((host) => origin.toLowerCase() === `http://${host}`);
}

/** How the request proved it knows the token, or null. */
export function credentialOf(facts: RequestFacts, port: number, token: string): Credential | null {
  if (facts.queryToken !== null && tokensEqual(facts.queryToken, token)) return 'query';
  const cookie = readCookie(facts.cookie, authCookieName(port));
  if (cookie !== null && tokensEqual(cookie, token)) return 'cookie';
  const bearer = /^Bearer\s+(\S+)$/i.exec(facts.authorization ?? '');
  if (bearer !== null && tokensEqual(bearer[1]!, token)) return 'header';
  return null;
}
