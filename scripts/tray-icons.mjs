// Tray icons, drawn from the Berth mark (assets/berth-icon.svg) at build time, so no image tool is
// needed: macOS gets a template image (black and alpha only, @1x and @2x; the menu bar tints it),
// Windows an .ico, Linux a colour PNG. Written to dist/electron/tray/ by build-node.mjs.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

// The mark's strokes in its 32×32 viewBox: the top bar, the bollard's sides and foot, the quay.
const STROKES = [
  [9, 11, 23, 11], [11, 11, 11, 14], [11, 14, 12.5, 17], [12.5, 17, 12.5, 22], [12.5, 22, 19.5, 22],
  [19.5, 22, 19.5, 17], [19.5, 17, 21, 14], [21, 14, 21, 11], [8, 24, 24, 24],
];

function segmentDistance(px, py, [x1, y1, x2, y2]) {
  const dx = x2 - x1, dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

/** RGBA pixels of the mark at `size`; `template`: black strokes on transparent, else white on Berth blue. */
function draw(size, template) {
  const rgba = Buffer.alloc(size * size * 4);
  const half = (template ? 3 : 2.4) / 2;
  const n = 4; // 4×4 samples per pixel for smooth edges
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let stroke = 0, body = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const u = ((x + (sx + 0.5) / n) / size) * 32, v = ((y + (sy + 0.5) / n) / size) * 32;
          if (STROKES.some((s) => segmentDistance(u, v, s) <= half)) stroke++;
          const cx = Math.min(Math.max(u, 8), 24), cy = Math.min(Math.max(v, 8), 24);
          if (Math.hypot(u - cx, v - cy) <= 8) body++;
        }
      }
      const a = stroke / (n * n), b = body / (n * n), i = (y * size + x) * 4;
      if (template) rgba.set([0, 0, 0, Math.round(a * 255)], i);
      else rgba.set([Math.round(0x25 + (255 - 0x25) * a), Math.round(0x63 + (255 - 0x63) * a), Math.round(0xeb + (255 - 0xeb) * a), Math.round(b * 255)], i);
    }
  }
  return rgba;
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** An .ico holding PNG images (Windows Vista and later read them). */
export function ico(images) {
  const head = Buffer.alloc(6 + 16 * images.length);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(images.length, 4);
  let offset = head.length;
  images.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    head.set([size >= 256 ? 0 : size, size >= 256 ? 0 : size, 0, 0], e);
    head.writeUInt16LE(1, e + 4);
    head.writeUInt16LE(32, e + 6);
    head.writeUInt32LE(data.length, e + 8);
    head.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([head, ...images.map((im) => im.data)]);
}

export async function writeTrayIcons(dir) {
  await mkdir(dir, { recursive: true });
  const colour = (size) => ({ size, data: png(size, draw(size, false)) });
  await Promise.all([
    writeFile(join(dir, 'trayTemplate.png'), png(16, draw(16, true))),
    writeFile(join(dir, 'trayTemplate@2x.png'), png(32, draw(32, true))),
    writeFile(join(dir, 'tray.png'), colour(32).data),
    writeFile(join(dir, 'tray.ico'), ico([colour(16), colour(32)])),
  ]);
}
