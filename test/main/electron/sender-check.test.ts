import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, originOf, trustedOrigins } from '../../../main/electron/app-origin.js';
import { isTrustedSender } from '../../../main/electron/sender-check.js';

const prod = trustedOrigins(null);
const dev = trustedOrigins('http://localhost:5173/');
const ours = { isMainFrame: true, isOurWindow: true };

describe('app origin', () => {
  it('names our scheme and host, and the dev server only in development', () => {
    expect(APP_ORIGIN).toBe('lab://app');
    expect(prod).toEqual(['lab://app']);
    expect(dev).toEqual(['lab://app', 'http://localhost:5173']);
  });

  it('reads scheme://host[:port] even for schemes WHATWG URL gives an opaque origin', () => {
    expect(originOf('lab://app/index.html#/runs')).toBe('lab://app');
    expect(originOf('http://localhost:5173/x?y')).toBe('http://localhost:5173');
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});

describe('isTrustedSender', () => {
  it('accepts our window main frame on our origin', () => {
    expect(isTrustedSender({ ...ours, frameUrl: 'lab://app/index.html' }, prod)).toBe(true);
    expect(isTrustedSender({ ...ours, frameUrl: 'lab://app/index.html#/compare' }, prod)).toBe(true);
  });

  it('refuses sub-frames, other windows and frames that are gone', () => {
    expect(isTrustedSender({ frameUrl: 'lab://app/index.html', isMainFrame: false, isOurWindow: true }, prod)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'lab://app/index.html', isMainFrame: true, isOurWindow: false }, prod)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: null }, prod)).toBe(false);
  });

  it('refuses other origins, look-alikes, file: and the dev server in production', () => {
    for (const url of [
      'https://evil.example/',
      'lab://app.evil/index.html',
      'lab://evil/index.html',
      'labx://app/index.html',
      'file:///work/out/renderer/index.html',
      'http://localhost:5173/',
      'about:blank',
      'data:text/html,hi',
    ]) {
      expect(isTrustedSender({ ...ours, frameUrl: url }, prod), url).toBe(false);
    }
  });

  it('accepts the dev server only when it is trusted (development), and only its port', () => {
    expect(isTrustedSender({ ...ours, frameUrl: 'http://localhost:5173/index.html' }, dev)).toBe(true);
    expect(isTrustedSender({ ...ours, frameUrl: 'http://localhost:5174/index.html' }, dev)).toBe(false);
  });
});
