import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

describe('build/icon.png', () => {
  it('is a 512x512 8-bit RGBA PNG, as electron-builder needs for every platform', () => {
    const png = readFileSync(new URL('../../../build/icon.png', import.meta.url));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
    expect([png[24], png[25]]).toEqual([8, 6]);
    // The image data inflates to 512 rows of (filter byte + 512 RGBA pixels).
    const idat = png.indexOf('IDAT');
    const length = png.readUInt32BE(idat - 4);
    expect(inflateSync(png.subarray(idat + 4, idat + 4 + length)).length).toBe(512 * (1 + 512 * 4));
  });
});
