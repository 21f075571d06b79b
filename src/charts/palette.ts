/**
 * Indexed-colour PNG for the images that notebooks carry: a chart has a handful of fill colours and
 * the shades that antialiasing adds at their edges, so 256 colours draw it with no visible loss at a
 * third to a half of the bytes of the RGBA PNG. Exported charts (`exportChart`) stay full colour.
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 of PNG chunks (ISO 3309), over the chunk type and data. */
function crc32(bytes: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  Buffer.from(data.buffer, data.byteOffset, data.length).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * The palette of an opaque RGB(A) image (alpha is ignored): every colour when there are at most 256,
 * else the mean colour of each of the 256 most frequent cells of a 32×32×32 grid (where the fills
 * of a chart fall; antialiased shades are rare, and each is drawn with its nearest palette colour).
 */
function paletteOf(rgba: Uint8Array): number[] {
  const counts = new Map<number, number>();
  for (let i = 0; i < rgba.length; i += 4) {
    const c = (rgba[i] << 16) | (rgba[i + 1] << 8) | rgba[i + 2];
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  if (counts.size <= 256) return [...counts.keys()].sort((a, b) => a - b);
  const cells = new Map<number, { n: number; r: number; g: number; b: number }>();
  for (const [c, n] of counts) {
    const key = ((c >> 19) << 10) | (((c >> 11) & 31) << 5) | ((c >> 3) & 31);
    const cell = cells.get(key) ?? { n: 0, r: 0, g: 0, b: 0 };
    cell.n += n;
    cell.r += ((c >> 16) & 255) * n;
    cell.g += ((c >> 8) & 255) * n;
    cell.b += (c & 255) * n;
    cells.set(key, cell);
  }
  return [...cells.entries()]
    .sort((a, b) => b[1].n - a[1].n || a[0] - b[0])
    .slice(0, 256)
    .map(([, s]) => (Math.round(s.r / s.n) << 16) | (Math.round(s.g / s.n) << 8) | Math.round(s.b / s.n));
}

/**
 * Encodes opaque RGBA pixels (as resvg renders a chart on white) as an 8-bit indexed-colour PNG.
 *
 * @example
 * indexedPng(new Uint8Array([255, 255, 255, 255]), 1, 1).subarray(1, 4).toString() // 'PNG'
 */
export function indexedPng(rgba: Uint8Array, width: number, height: number): Buffer {
  const palette = paletteOf(rgba);
  const exact = new Map<number, number>(palette.map((c, i) => [c, i]));
  const nearest = (c: number): number => {
    let k = exact.get(c);
    if (k !== undefined) return k;
    const r = (c >> 16) & 255, g = (c >> 8) & 255, b = c & 255;
    let best = Infinity;
    k = 0;
    palette.forEach((p, i) => {
      const d = (((p >> 16) & 255) - r) ** 2 + (((p >> 8) & 255) - g) ** 2 + ((p & 255) - b) ** 2;
      if (d < best) [best, k] = [d, i];
    });
    exact.set(c, k);
    return k;
  };
  // each row: filter type 0 (none, as indexed images are best stored), then one index per pixel
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      raw[y * (width + 1) + 1 + x] = nearest((rgba[i] << 16) | (rgba[i + 1] << 8) | rgba[i + 2]);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 3, 0, 0, 0], 8); // 8 bits, indexed colour, deflate, adaptive filtering, no interlace
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach((c, i) => plte.set([(c >> 16) & 255, (c >> 8) & 255, c & 255], i * 3));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', plte),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
