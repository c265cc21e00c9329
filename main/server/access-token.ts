/**
 * The browser-mode access token (as Jupyter's): random, printed once in the
 * URL, then kept in an HttpOnly cookie so it leaves the address bar.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison; hashing first makes the lengths equal. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Cookies are shared by every port of a host, so the name carries the port:
 * two servers on 127.0.0.1 do not overwrite each other's cookie.
 */
export function authCookieName(port: number): string {
  return `convergence-lab-${port}`;
}

export function authCookie(port: number, token: string): string {
  return `${authCookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

/** The value of one cookie from a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (header === undefined) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
