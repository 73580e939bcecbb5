import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JobRow } from '../../src/db/schema.js';
import { waitForJob } from '../../src/jobs/job-runner.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { IMAGE_CONFIG, TEXT_CONFIG, withDeclaredSize, zipOf } from '../modules/imports-fixtures.js';
import { multipart, pngClaiming, type UploadFile } from '../modules/media-fixtures.js';

/** Renames entries in a zip's bytes (local headers and central directory alike); names must keep their length. */
function renamed(zip: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error('a renamed entry must keep its length');
  return Buffer.from(zip.toString('latin1').replaceAll(from, to), 'latin1');
}

/** Offset of a GIF's first image descriptor (0x2C), past the global colour table and any extension blocks. */
function gifImageDescriptor(gif: Buffer): number {
  const packed = gif[10]!;
  let at = 13 + (packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0);
  while (gif[at] === 0x21) {
    at += 2;
    while (gif[at]! > 0) at += gif[at]! + 1;
    at += 1;
  }
  if (gif[at] !== 0x2c) throw new Error('no GIF image descriptor found');
  return at;
}

/**
 * Tiny files whose headers claim gigapixels: decoding any of them would need gigabytes. Made by
 * encoding an 8×6 image and patching its size fields.
 */
async function imagesClaiming(): Promise<UploadFile[]> {
  const small = sharp({ create: { width: 8, height: 6, channels: 3, background: '#123456' } });
  const gif = await small.clone().gif().toBuffer();
  gif.writeUInt16LE(65_535, 6); // logical screen
  gif.writeUInt16LE(65_535, 8);
  const frame = gifImageDescriptor(gif);
  gif.writeUInt16LE(65_535, frame + 5); // the frame itself, which decoders go by
  gif.writeUInt16LE(65_535, frame + 7);
  const jpeg = await small.clone().jpeg().toBuffer();
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  jpeg.writeUInt16BE(60_000, sof + 5);
  jpeg.writeUInt16BE(60_000, sof + 7);
  const webp = await small.clone().webp().toBuffer();
  webp.writeUInt16LE(16_383, 26); // VP8 frame: 14 bits of width and of height
  webp.writeUInt16LE(16_383, 28);
  const bmp = Buffer.alloc(64);
  bmp.write('BM', 0, 'latin1');
  bmp.writeUInt32LE(64, 2);
  bmp.writeUInt32LE(54, 10);
  bmp.writeUInt32LE(40, 14);
  bmp.writeInt32LE(100_000, 18);
  bmp.writeInt32LE(-100_000, 22); // top-down rows: a negative height
  bmp.writeUInt16LE(1, 26);
  bmp.writeUInt16LE(24, 28);
  return [
    { filename: 'huge.gif', content: gif },
    { filename: 'huge.jpg', content: jpeg },
    { filename: 'huge.webp', content: webp },
    { filename: 'huge.bmp', content: bmp },
    // Just over the 200-megapixel cap.
    { filename: 'wide.png', content: pngClaiming(20_001, 10_000) },
  ];
}

describeEachDialect('hostile uploads: zip-slip, zip bombs and oversized images through the routes', (dialect) => {
  let t: TestApp;
  let manager: TestUser;
  let server: http.Server;
  let base: string;
  let bombs: UploadFile[];

  async function importFiles(projectId: number, files: UploadFile[]): Promise<JobRow> {
    const { payload, headers } = multipart(files);
    const res = await t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/imports`, payload, headers: { ...headers, authorization: `Bearer ${manager.token}` } });
    expect(res.statusCode, res.body).toBe(202);
    return waitForJob(t.ctx, res.json().id as number, 20_000);
  }
  const newProject = async (labelConfig: string) => (await t.call(manager, 'POST', '/api/projects', { title: 'Hostile', labelConfig })).json().id as number;
  const taskCount = async (projectId: number) => ((await t.call(manager, 'GET', `/api/projects/${projectId}/tasks`)).json().items as unknown[]).length;

  beforeAll(async () => {
    bombs = await imagesClaiming();
    server = http.createServer((req, res) => {
      const file = bombs.find((b) => `/${b.filename}` === req.url);
      if (file) res.end(file.content);
      else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await makeTestApp(dialect, { config: { outboundAllow: ['127.0.0.1/32'] } });
    manager = await t.user();
  });
  afterAll(async () => {
    await t.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses zip-slip names of every spelling (absolute, backslashes, traversal inside a folder) and writes nothing outside', async () => {
    const projectId = await newProject(TEXT_CONFIG);
    const target = `lsh-${randomBytes(4).toString('hex')}`;
    const spellings = [`/tmp/${target}.jsonl`, `..\\..\\${target}.jsonl`, `a/../../${target}.jsonl`, `C:/${target}.jsonl`];
    for (const evil of spellings) {
      const placeholder = 'x'.repeat(evil.length - '.jsonl'.length) + '.jsonl';
      const zip = renamed(await zipOf([{ name: placeholder, content: '{"text":"planted"}' }]), placeholder, evil);
      const job = await importFiles(projectId, [{ filename: 'slip.zip', content: zip }]);
      expect(job.status, evil).toBe('failed');
      expect(job.error, evil).toMatch(/slip\.zip: refused: (absolute path|invalid relative path|invalid characters)/);
    }
    expect(await taskCount(projectId)).toBe(0);
    for (const dir of [os.tmpdir(), path.dirname(t.dataDir), t.dataDir, path.join(t.dataDir, 'tmp'), '/']) {
      expect(fs.readdirSync(dir).filter((f) => f.includes(target)), dir).toEqual([]);
    }
  });

  it('refuses an archive whose entries declare more than the cap uncompressed, before inflating a byte', async () => {
    const projectId = await newProject(TEXT_CONFIG);
    const entries = Array.from({ length: 6 }, (_, i) => ({ name: `part-${i}.jsonl`, content: '{"text":"a"}' }));
    // 6 × 4 GiB declared: over the 20 GiB an import may hold.
    const bomb = withDeclaredSize(await zipOf(entries), 0xffffffff);
    const started = Date.now();
    const job = await importFiles(projectId, [{ filename: 'bomb.zip', content: bomb }]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/bomb\.zip: holds more than \d+ bytes uncompressed/);
    expect(await taskCount(projectId)).toBe(0);
  });

  it('stops inflating an entry that holds more than its header declares (a lying zip bomb)', async () => {
    const projectId = await newProject(TEXT_CONFIG);
    const liar = withDeclaredSize(await zipOf([{ name: 'tasks.jsonl', content: Buffer.alloc(20_000_000, 0x20) }]), 100);
    expect(liar.length).toBeLessThan(100_000);
    const job = await importFiles(projectId, [{ filename: 'liar.zip', content: liar }]);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/liar\.zip/);
    expect(await taskCount(projectId)).toBe(0);
  });

  it('does not open archives inside archives (42.zip-style nesting)', async () => {
    const projectId = await newProject(TEXT_CONFIG);
    const inner = await zipOf([{ name: 'deep.jsonl', content: '{"text":"deep"}' }]);
    const outer = await zipOf([{ name: 'inner.zip', content: inner }, { name: 'top.jsonl', content: '{"text":"top"}' }]);
    const job = await importFiles(projectId, [{ filename: 'outer.zip', content: outer }]);
    expect(job.error).toMatch(/inner\.zip: archives inside archives are not imported/);
    const texts = ((await t.call(manager, 'GET', `/api/projects/${projectId}/tasks`)).json().items as { data: { text: string } }[]).map((x) => x.data.text);
    expect(texts).toEqual(['top']);
  });

  it('refuses GIF, JPEG, WebP, BMP and PNG files claiming gigapixels on upload, naming each, without decoding them', async () => {
    const projectId = await newProject(IMAGE_CONFIG);
    for (const file of bombs) {
      expect(file.content.length).toBeLessThan(2_000);
      const { payload, headers } = multipart([file]);
      const started = Date.now();
      const res = await t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/media`, payload, headers: { ...headers, authorization: `Bearer ${manager.token}` } });
      expect(Date.now() - started, file.filename).toBeLessThan(5_000);
      expect(res.statusCode, `${file.filename}: ${res.body}`).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'LAOSHI_BAD_FILE', message: expect.stringMatching(new RegExp(`^${file.filename.replace('.', '\\.')}: the image is \\d+×\\d+ pixels`)) });
    }
    expect(await t.ctx.db.kysely.selectFrom('media').select('id').where('project_id', '=', projectId).execute()).toEqual([]);
  });

  it('refuses the same images fetched by a URL import, naming each URL', async () => {
    const projectId = await newProject(IMAGE_CONFIG);
    const res = await t.call(manager, 'POST', `/api/projects/${projectId}/imports`, { urls: bombs.map((b) => `${base}/${b.filename}`) });
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitForJob(t.ctx, res.json().id as number, 20_000);
    expect(job.status).toBe('failed');
    for (const b of bombs) expect(job.error).toMatch(new RegExp(`${b.filename.replace('.', '\\.')}: the image is \\d+×\\d+ pixels`));
    expect(await taskCount(projectId)).toBe(0);
  });
});
