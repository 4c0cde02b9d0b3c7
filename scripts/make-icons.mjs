#!/usr/bin/env node
/**
 * Draws the app and tray icons (a white cross on a teal rounded square) into resources/.
 * Committed so the icons can be regenerated without an image editor; run: node scripts/make-icons.mjs
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const TEAL = [13, 148, 136];
const WHITE = [255, 255, 255];
/** Sub-pixel samples per axis: enough for smooth edges at 32 px without an image library. */
const SAMPLES = 4;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes straight RGBA pixels as a PNG (colour type 6, 8 bits, no interlace). */
export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rows.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Shape at a point in unit coordinates (0..1): 'cross', 'square' or null (transparent). */
function shapeAt(x, y) {
  const margin = 0.04;
  const radius = 0.2;
  const lo = margin;
  const hi = 1 - margin;
  if (x < lo || x > hi || y < lo || y > hi) return null;
  const cx = Math.min(Math.max(x, lo + radius), hi - radius);
  const cy = Math.min(Math.max(y, lo + radius), hi - radius);
  if ((x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) return null;
  const arm = 0.11; // half the bar width
  const reach = 0.3; // half the bar length
  const inBar = (a, b) => Math.abs(a - 0.5) <= reach && Math.abs(b - 0.5) <= arm;
  return inBar(x, y) || inBar(y, x) ? 'cross' : 'square';
}

export function drawIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let covered = 0;
      let white = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const shape = shapeAt((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          if (shape) covered++;
          if (shape === 'cross') white++;
        }
      }
      const offset = (py * size + px) * 4;
      if (covered === 0) continue;
      const w = white / covered;
      for (let i = 0; i < 3; i++) rgba[offset + i] = Math.round(TEAL[i] * (1 - w) + WHITE[i] * w);
      rgba[offset + 3] = Math.round((255 * covered) / SAMPLES ** 2);
    }
  }
  return encodePng(size, rgba);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');
  mkdirSync(out, { recursive: true });
  for (const [name, size] of [
    ['icon.png', 256],
    ['tray.png', 32],
  ]) {
    writeFileSync(join(out, name), drawIcon(size));
    console.log(`wrote resources/${name} (${size}×${size})`);
  }
}
