import { describe, expect, it } from 'vitest';
import { electronCsp } from '../../../main/electron/content-policy.js';
import { isPermissionAllowed } from '../../../main/electron/permission-policy.js';
import { contentSecurityPolicy } from '../../../main/server/content-security-policy.js';

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('Content-Security-Policy', () => {
  it('is strict by default: own scripts only, no eval (WASM compile allowed), no plugins, no framing, no base or form targets', () => {
    const d = directives(contentSecurityPolicy());
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('in Electron production connects to nothing but itself (IPC is not a connection)', () => {
    expect(electronCsp(null)).toBe(contentSecurityPolicy());
  });

  it('in Electron development allows the dev server HMR socket, nothing more', () => {
    const d = directives(electronCsp('http://localhost:5173/'));
    expect(d.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });
});

describe('isPermissionAllowed', () => {
  const origins = ['lab://app'];
  it('allows only clipboard writes, only for our pages', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'lab://app/index.html', origins)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', origins)).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb', 'openExternal', 'fullscreen']) {
      expect(isPermissionAllowed(p, 'lab://app/index.html', origins), p).toBe(false);
    }
  });
});
