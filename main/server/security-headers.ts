/** Headers on every browser-mode response. */
import { contentSecurityPolicy } from './content-security-policy.js';
import { allowedHosts } from './request-guard.js';

export function browserSecurityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy({ connect: allowedHosts(port).map((host) => `ws://${host}`) }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
