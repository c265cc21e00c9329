import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAB_VERSION } from '../../core/version.js';

describe('LAB_VERSION', () => {
  it('is the version in package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(LAB_VERSION).toBe(pkg.version);
  });
});
