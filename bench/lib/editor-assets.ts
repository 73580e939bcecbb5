// Test data for bench/editor: a synthetic photo-sized PNG and N boxes, the same for both editors.
import zlib from 'node:zlib';

export const IMAGE = { width: 2000, height: 1500 };
export const LABELS = ['Car', 'Person', 'Tree'];

/** A deterministic pseudo-random generator (mulberry32), so every run draws the same boxes. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** N rectangle results in Label Studio's shape, 1–6 % of the image per side, scattered over it. */
export function boxes(n: number): Record<string, unknown>[] {
  const next = random(n);
  const round = (v: number) => Math.round(v * 100) / 100;
  return Array.from({ length: n }, (_, i) => {
    const width = round(1 + next() * 5);
    const height = round(1 + next() * 5);
    return {
      id: `b${i}`, from_name: 'box', to_name: 'img', type: 'rectanglelabels', original_width: IMAGE.width, original_height: IMAGE.height, image_rotation: 0,
      value: { x: round(next() * (100 - width)), y: round(next() * (100 - height)), width, height, rotation: 0, rectanglelabels: [LABELS[i % LABELS.length] as string] },
    };
  });
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGB PNG with gradients and texture, so decoding and drawing it cost what a photo costs. */
export function photoPng(width = IMAGE.width, height = IMAGE.height): Buffer {
  const next = random(7);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      const noise = next() * 40;
      const i = row + 1 + x * 3;
      raw[i] = (x / width) * 180 + noise;
      raw[i + 1] = (y / height) * 160 + noise;
      raw[i + 2] = 90 + 60 * Math.sin(x / 80) * Math.cos(y / 60) + noise;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw, { level: 6 })), chunk('IEND', Buffer.alloc(0))]);
}

/** The task as a JSON script element, safe to place in HTML (no "</script>" can appear in it). */
export function taskScript(task: unknown): string {
  return `<script id="bench-task" type="application/json">${JSON.stringify(task).replace(/</g, '\\u003c')}</script>`;
}
