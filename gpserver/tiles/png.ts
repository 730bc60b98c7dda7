import { deflateSync } from 'node:zlib';

/**
 * A minimal PNG encoder (https://www.w3.org/TR/png-3/): one IHDR, one IDAT, IEND; 8-bit samples,
 * every scanline with filter type 2 ("Up"), which suits smooth images such as hillshades.
 */

const CRC_TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c >>> 0;
}

/** CRC-32 (ISO 3309) over the chunk type and data, as PNG §5.3 requires. */
export function crc32(bytes: Uint8Array, crc = 0xffffffff): number {
  let c = crc;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return c;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE((crc32(out.subarray(4, 8 + data.length)) ^ 0xffffffff) >>> 0, 8 + data.length);
  return out;
}

export const PNG_SIGNATURE: Readonly<Uint8Array> = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** PNG colour types with 8-bit samples: grey, grey + alpha, RGB, RGBA. */
export type PngColorType = 'grey' | 'grey-alpha' | 'rgb' | 'rgba';
const COLOR: Readonly<Record<PngColorType, { code: number; channels: number }>> = {
  grey: { code: 0, channels: 1 },
  rgb: { code: 2, channels: 3 },
  'grey-alpha': { code: 4, channels: 2 },
  rgba: { code: 6, channels: 4 },
};

/** Encodes row-major 8-bit samples (`width × height × channels`) as a PNG file. */
export function encodePng(width: number, height: number, color: PngColorType, pixels: Uint8Array): Buffer {
  const { code, channels } = COLOR[color];
  const stride = width * channels;
  if (pixels.length !== stride * height)
    throw new RangeError(`PNG of ${width} × ${height} ${color} needs ${stride * height} bytes, got ${pixels.length}`);
  const raw = new Uint8Array((stride + 1) * height);
  for (let row = 0; row < height; row++) {
    const at = row * (stride + 1);
    raw[at] = 2;
    for (let i = 0; i < stride; i++) {
      const here = pixels[row * stride + i] ?? 0;
      const above = row === 0 ? 0 : (pixels[(row - 1) * stride + i] ?? 0);
      raw[at + 1 + i] = (here - above) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = code;
  // compression, filter method, interlace: all 0 (the only defined deflate/adaptive, no interlace)
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]);
}
