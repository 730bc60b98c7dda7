import { inflateSync } from 'node:zlib';
import { crc32 } from '../../gpserver/tiles/png.js';

/** The PNG file signature (PNG §5.2). */
export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
  readonly chunks: readonly string[];
  /** Unfiltered 8-bit samples, row-major. */
  readonly pixels: Uint8Array;
}

const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** A strict decoder for 8-bit, non-interlaced PNGs: checks the signature and every chunk's CRC, undoes all five filters. */
export function decodePng(file: Uint8Array): DecodedPng {
  const bytes = Buffer.from(file);
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error('not a PNG signature');
  const chunks: string[] = [];
  const idat: Buffer[] = [];
  let header: Buffer | undefined;
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    const crc = bytes.readUInt32BE(at + 8 + length);
    if ((crc32(bytes.subarray(at + 4, at + 8 + length)) ^ 0xffffffff) >>> 0 !== crc) throw new Error(`bad CRC in ${type}`);
    chunks.push(type);
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  if (!header || chunks[0] !== 'IHDR' || chunks.at(-1) !== 'IEND') throw new Error('IHDR must come first and IEND last');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const bitDepth = header[8] ?? 0;
  const colorType = header[9] ?? 0;
  const channels = CHANNELS[colorType];
  if (bitDepth !== 8 || channels === undefined || header[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs are decoded here');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length !== (stride + 1) * height) throw new Error(`IDAT holds ${raw.length} bytes, expected ${(stride + 1) * height}`);
  const pixels = new Uint8Array(stride * height);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const x = raw[row * (stride + 1) + 1 + i] ?? 0;
      const a = i >= channels ? (pixels[row * stride + i - channels] ?? 0) : 0;
      const b = row > 0 ? (pixels[(row - 1) * stride + i] ?? 0) : 0;
      const c = row > 0 && i >= channels ? (pixels[(row - 1) * stride + i - channels] ?? 0) : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter ?? -1];
      if (predictor === undefined) throw new Error(`unknown filter ${String(filter)}`);
      pixels[row * stride + i] = (x + predictor) & 0xff;
    }
  }
  return { width, height, bitDepth, colorType, chunks, pixels };
}
