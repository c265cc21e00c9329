/**
 * The window's Content-Security-Policy. Production pages come from our app
 * scheme and talk to main over IPC only, so connect-src is 'self'. The dev
 * server needs its HMR WebSocket.
 */
import { contentSecurityPolicy } from '../server/content-security-policy.js';
import { originOf } from './app-origin.js';

export function electronCsp(devServerUrl: string | null): string {
  if (devServerUrl === null) return contentSecurityPolicy();
  const origin = originOf(devServerUrl);
  const ws = origin !== null ? [origin.replace(/^http/, 'ws')] : [];
  return contentSecurityPolicy({ connect: ws });
}
