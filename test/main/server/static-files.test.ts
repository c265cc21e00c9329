import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, resolveInside, safeRelativePath } from '../../../main/server/static-files.js';

describe('safeRelativePath', () => {
  it('maps ordinary paths, decoding them once', () => {
    expect(safeRelativePath('/')).toBe('');
    expect(safeRelativePath('/index.html')).toBe('index.html');
    expect(safeRelativePath('/assets/app-1.js')).toBe('assets/app-1.js');
    expect(safeRelativePath('/assets//x%20y.css')).toBe('assets/x y.css');
  });

  it('refuses dot segments however encoded, backslashes, NUL, hidden names and bad encodings', () => {
    for (const p of ['/../x', '/a/../../x', '/%2e%2e/x', '/%2E%2e%2Fx', '/..%2fx', '/./x', '/..%5cx', '/a\\b', '/%00', '/.env', '/.git/config', '/%zz', 'relative']) {
      expect(safeRelativePath(p), p).toBeNull();
    }
  });

  it('decodes only once: a double-encoded dot-dot is a literal name, which cannot climb', () => {
    expect(safeRelativePath('/%252e%252e/x')).toBe('%2e%2e/x');
  });
});

describe('resolveInside', () => {
  const root = resolve('/srv/static');
  it('keeps paths inside the root', () => {
    expect(resolveInside(root, '')).toBe(root);
    expect(resolveInside(root, 'a/b.js')).toBe(join(root, 'a', 'b.js'));
  });
  it('refuses anything that leaves it, including a sibling with the same prefix', () => {
    expect(resolveInside(root, '../x')).toBeNull();
    expect(resolveInside(root, '../static-other/x')).toBeNull();
    expect(resolveInside(root, '/etc/passwd')).toBeNull();
  });
});

describe('contentTypeOf', () => {
  it('knows what a built renderer contains', () => {
    expect(contentTypeOf('a.wasm')).toBe('application/wasm');
    expect(contentTypeOf('a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a.mjs')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('a.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('a.png')).toBe('image/png');
    expect(contentTypeOf('a.woff2')).toBe('font/woff2');
    expect(contentTypeOf('a.unknown')).toBe('application/octet-stream');
  });
});
