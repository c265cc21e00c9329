import { describe, expect, it } from 'vitest';
import { authCookie, authCookieName, newAccessToken, readCookie, tokensEqual } from '../../../main/server/access-token.js';
import { credentialOf, isAllowedHost, isAllowedOrigin, type RequestFacts } from '../../../main/server/request-guard.js';

const token = 'tok_abcdefghijklmnopqrstuvwxyz012345';
const none: RequestFacts = { host: '127.0.0.1:5000', origin: undefined, cookie: undefined, authorization: undefined, queryToken: null };

describe('access token', () => {
  it('is 24 random bytes in base64url, different every time', () => {
    const a = newAccessToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newAccessToken()).not.toBe(a);
  });

  it('compares in constant time, any lengths', () => {
    expect(tokensEqual(token, token)).toBe(true);
    expect(tokensEqual(token.slice(1), token)).toBe(false);
    expect(tokensEqual('', token)).toBe(false);
  });

  it('lives in a per-port HttpOnly SameSite=Strict cookie', () => {
    expect(authCookie(5000, token)).toBe(`convergence-lab-5000=${token}; Path=/; HttpOnly; SameSite=Strict`);
    expect(readCookie(`a=1; ${authCookieName(5000)}=${token}; b=2`, authCookieName(5000))).toBe(token);
    expect(readCookie('a=1', authCookieName(5000))).toBeNull();
    expect(readCookie(undefined, 'a')).toBeNull();
  });
});

describe('request guard', () => {
  it('allows only our loopback host and port (DNS rebinding sends another name)', () => {
    expect(isAllowedHost('127.0.0.1:5000', 5000)).toBe(true);
    expect(isAllowedHost('LOCALHOST:5000', 5000)).toBe(true);
    for (const h of [undefined, '', '127.0.0.1', '127.0.0.1:5001', 'evil.example:5000', '[::1]:5000', '127.0.0.1:5000.evil']) {
      expect(isAllowedHost(h, 5000), String(h)).toBe(false);
    }
  });

  it('allows our Origin or none (not a browser), nothing else', () => {
    expect(isAllowedOrigin(undefined, 5000)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:5000', 5000)).toBe(true);
    expect(isAllowedOrigin('http://localhost:5000', 5000)).toBe(true);
    for (const o of ['null', 'http://evil.example', 'https://127.0.0.1:5000', 'http://127.0.0.1:5001', 'http://127.0.0.1:5000.evil.example']) {
      expect(isAllowedOrigin(o, 5000), o).toBe(false);
    }
  });

  it('finds the token in the query, the cookie of this port, or a bearer header', () => {
    expect(credentialOf(none, 5000, token)).toBeNull();
    expect(credentialOf({ ...none, queryToken: token }, 5000, token)).toBe('query');
    expect(credentialOf({ ...none, cookie: `${authCookieName(5000)}=${token}` }, 5000, token)).toBe('cookie');
    expect(credentialOf({ ...none, cookie: `${authCookieName(5001)}=${token}` }, 5000, token)).toBeNull();
    expect(credentialOf({ ...none, authorization: `Bearer ${token}` }, 5000, token)).toBe('header');
    expect(credentialOf({ ...none, authorization: `Basic ${token}` }, 5000, token)).toBeNull();
    expect(credentialOf({ ...none, queryToken: 'wrong', cookie: `${authCookieName(5000)}=${token}` }, 5000, token)).toBe('cookie');
  });
});
