import { describe, expect, it } from 'vitest';
import { decodeFloats, decodeSeries, encodeFloats, encodeSeries } from '../../../core/contract/series-codec.js';

const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('series codec base64', () => {
  it('encodes the RFC 4648 test vectors (presence bytes go through the same encoder)', () => {
    for (const [text, b64] of [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ] as const) {
      const rows = text.length;
      const e = encodeSeries({ steps: new Float64Array(rows), time_ms: new Float64Array(rows), columns: { x: new Float64Array(rows) }, present: { x: bytes(text) } });
      expect(e.present.x).toBe(b64);
      expect(decodeSeries(e).present.x).toEqual(bytes(text));
    }
  });

  it('floats round-trip exactly, NaN, infinities and -0 included, and match Node base64', () => {
    for (let n = 0; n < 12; n++) {
      const a = Float64Array.from({ length: n }, (_, i) => [Number.NaN, Infinity, -Infinity, -0, 1e-300, Math.PI][i % 6]! * (i + 1));
      const text = encodeFloats(a);
      expect(text).toBe(Buffer.from(a.buffer).toString('base64'));
      const back = decodeFloats(text, n);
      for (let i = 0; i < n; i++) expect(Object.is(back[i], a[i])).toBe(true);
    }
  });

  it('encodes a column of a million points quickly (it used to take seconds)', () => {
    const a = Float64Array.from({ length: 1_000_000 }, (_, i) => Math.exp(-i / 2e5));
    const t0 = performance.now();
    const text = encodeFloats(a);
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(text.length).toBe(Math.ceil((8 * a.length) / 3) * 4);
    const back = decodeFloats(text, a.length);
    expect(Buffer.from(back.buffer, back.byteOffset, back.byteLength).equals(Buffer.from(a.buffer))).toBe(true);
  });
});
