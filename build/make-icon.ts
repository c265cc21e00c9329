/**
 * Draws build/icon.png (512x512 RGBA), the app icon electron-builder uses:
 * loss contours of an ill-conditioned quadratic and a momentum path zigzagging
 * into the minimum. Run: `npx tsx build/make-icon.ts`. No image library: shapes
 * are signed distances, 4x4 supersampled, and the PNG is written with node:zlib.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const SIZE = 512;
const SAMPLES = 4;
type Rgba = [number, number, number, number];

// The minimum, and the contours' frame (tilted 30 degrees).
const CX = 262;
const CY = 276;
const TILT = (-30 * Math.PI) / 180;
const COS = Math.cos(TILT);
const SIN = Math.sin(TILT);

function toLocal(x: number, y: number): [number, number] {
  const dx = x - CX;
  const dy = y - CY;
  return [dx * COS + dy * SIN, -dx * SIN + dy * COS];
}

function fromLocal(u: number, v: number): [number, number] {
  return [CX + u * COS - v * SIN, CY + u * SIN + v * COS];
}

function roundedRect(x: number, y: number, inset: number, radius: number): number {
  const half = SIZE / 2 - inset;
  const qx = Math.abs(x - SIZE / 2) - (half - radius);
  const qy = Math.abs(y - SIZE / 2) - (half - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/** Distance to an ellipse outline, to first order: f / |grad f|. */
function ellipse(u: number, v: number, a: number, b: number): number {
  const f = (u * u) / (a * a) + (v * v) / (b * b) - 1;
  const g = Math.hypot((2 * u) / (a * a), (2 * v) / (b * b));
  return Math.abs(f) / Math.max(g, 1e-9);
}

function segment(x: number, y: number, a: [number, number], b: [number, number]): number {
  const [ax, ay] = a;
  const [bx, by] = b;
  const t = Math.min(1, Math.max(0, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
}

// Heavy-ball-like iterates: across the narrow valley with shrinking swings, along it more slowly.
const PATH: [number, number][] = Array.from({ length: 9 }, (_, k) => fromLocal(178 * 0.68 ** k, (k % 2 === 0 ? 1 : -1) * 78 * 0.6 ** k));

function over(dst: Rgba, color: Rgba, coverage: number): void {
  const a = color[3] * coverage;
  for (let i = 0; i < 3; i++) dst[i] = color[i]! * a + dst[i]! * (1 - a);
  dst[3] = a + dst[3] * (1 - a);
}

function sample(x: number, y: number): Rgba {
  const out: Rgba = [0, 0, 0, 0];
  if (roundedRect(x, y, 24, 104) > 0) return out;
  // Background: deep indigo to near-black, top-left to bottom-right (premultiplied from here on).
  const t = (x + y) / (2 * SIZE);
  over(out, [0.2 * (1 - t) + 0.05 * t, 0.21 * (1 - t) + 0.07 * t, 0.47 * (1 - t) + 0.16 * t, 1], 1);
  const [u, v] = toLocal(x, y);
  for (let k = 1; k <= 4; k++) {
    if (ellipse(u, v, 62 * k, 30 * k) < 4.5) over(out, [0.78, 0.84, 1, 0.16 + 0.06 * (4 - k)], 1);
  }
  let path = Infinity;
  for (let i = 0; i + 1 < PATH.length; i++) path = Math.min(path, segment(x, y, PATH[i]!, PATH[i + 1]!));
  if (path < 9) over(out, [0.98, 0.62, 0.16, 1], 1);
  const start = Math.hypot(x - PATH[0]![0], y - PATH[0]![1]);
  if (start < 17) over(out, [0.98, 0.62, 0.16, 1], 1);
  const minimum = Math.hypot(x - CX, y - CY);
  if (minimum < 34) over(out, [1, 1, 1, 0.18], 1);
  if (minimum < 20) over(out, [1, 1, 1, 1], 1);
  return out;
}

function render(): Buffer {
  const rows = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1);
    rows[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const s = sample(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES);
          for (let i = 0; i < 4; i++) acc[i]! += s[i]!;
        }
      }
      const n = SAMPLES * SAMPLES;
      const alpha = acc[3]! / n;
      const at = row + 1 + x * 4;
      for (let i = 0; i < 3; i++) rows[at + i] = alpha > 0 ? Math.round((255 * acc[i]!) / n / alpha) : 0;
      rows[at + 3] = Math.round(255 * alpha);
    }
  }
  return rows;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function encodePng(width: number, height: number, filteredRows: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(filteredRows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = fileURLToPath(new URL('./icon.png', import.meta.url));
  writeFileSync(out, encodePng(SIZE, SIZE, render()));
  process.stdout.write(`wrote ${out}\n`);
}
