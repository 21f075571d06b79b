/** UTF-8 code points to and from bytes, for the byte-level scanners. */

/** Decodes the code point of a multi-byte UTF-8 sequence whose lead byte `c` is at `i`. */
export function decodeAt(b: Uint8Array, i: number, c: number): number {
  if (c < 0xe0) return ((c & 0x1f) << 6) | (b[i + 1] & 0x3f);
  if (c < 0xf0) return ((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f);
  return ((c & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f);
}

/** Writes a code point as UTF-8 at `at`; returns the number of bytes. */
export function encodeAt(wb: Uint8Array, at: number, f: number): number {
  if (f < 0x80) {
    wb[at] = f;
    return 1;
  }
  if (f < 0x800) {
    wb[at] = 0xc0 | (f >> 6);
    wb[at + 1] = 0x80 | (f & 0x3f);
    return 2;
  }
  if (f < 0x10000) {
    wb[at] = 0xe0 | (f >> 12);
    wb[at + 1] = 0x80 | ((f >> 6) & 0x3f);
    wb[at + 2] = 0x80 | (f & 0x3f);
    return 3;
  }
  wb[at] = 0xf0 | (f >> 18);
  wb[at + 1] = 0x80 | ((f >> 12) & 0x3f);
  wb[at + 2] = 0x80 | ((f >> 6) & 0x3f);
  wb[at + 3] = 0x80 | (f & 0x3f);
  return 4;
}

