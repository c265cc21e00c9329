/**
 * Web permissions the window may have: only writing to the clipboard (copy a
 * table or a figure), and only for our own pages. Camera, microphone,
 * geolocation, notifications, HID, serial... are all refused.
 */
import { originOf } from './app-origin.js';

const ALLOWED = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string, origins: readonly string[]): boolean {
  const origin = originOf(requestingUrl);
  return ALLOWED.has(permission) && origin !== null && origins.includes(origin);
}
