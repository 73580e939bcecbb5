import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRow } from '../../src/db/schema.js';
import { waitForJob } from '../../src/jobs/job-runner.js';
import { openZip } from '../../src/modules/imports/import-sources.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { startS3, type TestS3 } from '../storage/s3-server.js';
import { IMAGE_CONFIG, LABELIMG_VOC, TEXT_CONFIG, withDeclaredSize, zipOf } from './imports-fixtures.js';
import { multipart, pngClaiming, type UploadFile } from './media-fixtures.js';

function tempFileOf(content: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-zip-')), 'a.zip');
  fs.writeFileSync(file, content);
  return file;
}

describe('zip limits', () => {
  it('refuses an archive whose entries hold more than the cap uncompressed (zip bomb), before reading any', async () => {
    const bomb = await zipOf([{ name: 'zeros-1.bin', content: Buffer.alloc(3_000_000) }, { name: 'zeros-2.bin', content: Buffer.alloc(3_000_000) }]);
    expect(bomb.length).toBeLessThan(50_000);
    await expect(openZip(tempFileOf(bomb), 'bomb.zip', { maxEntries: 100, maxTotalBytes: 5_000_000 })).rejects.toMatchObject({ statusCode: 400, message: expect.stringMatching(/^bomb\.zip: holds more than 5000000 bytes uncompressed/) });
  });

  it('refuses more entries than allowed', async () => {
    const many = await zipOf(Array.from({ length: 12 }, (_, i) => ({ name: `f${i}.txt`, content: 'x' })));
    await expect(openZip(tempFileOf(many), 'many.zip', { maxEntries: 10, maxTotalBytes: 1e9 })).rejects.toMatchObject({ message: expect.stringMatching(/^many\.zip: has 12 entries, more than the 10 allowed/) });
  });

  it('fails reading an entry that holds more than its header declares (a lying zip bomb)', async () => {
    const liar = withDeclaredSize(await zipOf([{ name: 'small.txt', content: Buffer.alloc(2_000_000, 0x61) }]), 100);
    const zip = await openZip(tempFileOf(liar), 'liar.zip', { maxEntries: 10, maxTotalBytes: 1000 });
    const stream = await zip.entries[0]!.open();
    await expect((async () => {
      for await (const _ of stream) void _;
    })()).rejects.toThrow(/too many bytes|size/i);
    zip.close();
  });
});

describeEachDialect('imports: hostile input, URLs', (dialect) => {
  let t: TestApp;
  let manager: TestUser;
  let server: http.Server;
  let base: string;
  let png: Buffer;

  async function importFiles(projectId: number, files: UploadFile[]): Promise<JobRow> {
    const { payload, headers } = multipart(files);
    const res = await t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/imports`, payload, headers: { ...headers, authorization: `Bearer ${manager.token}` } });
    expect(res.statusCode, res.body).toBe(202);
    return waitForJob(t.ctx, res.json().id as number, 20_000);
  }
  const newProject = async (labelConfig: string) => (await t.call(manager, 'POST', '/api/projects', { title: 'Hostile', labelConfig })).json().id as number;
  const taskCount = async (projectId: number) => ((await t.call(manager, 'GET', `/api/projects/${projectId}/tasks`)).json().items as unknown[]).length;

  beforeAll(async () => {
    png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#123456' } }).png().toBuffer();
    server = http.createServer((req, res) => {
      if (req.url === '/tasks.jsonl') res.end('{"text":"from the web"}\n{"text":"second"}\n');
      else if (req.url === '/photo.png') res.end(png);
      else if (req.url === '/to-metadata') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        res.end();
      } else {
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

  it('refuses a zip-slip archive by name and writes nothing outside', async () => {
    const projectId = await newProject(TEXT_CONFIG);
    const slip = await zipOf([{ name: 'ok.jsonl', content: '{"text":"a"}' }]);
    // yazl refuses to write "../", so patch the name in place: "ok.jsonl" → "../x.jsonl" has the same length.
    const evil = Buffer.from(slip.toString('latin1').replaceAll('ok.jsonl', '../x.jsonl'.slice(0, 8)).replaceAll('../x.jso', '../evil1'), 'latin1');
    const job = await importFiles(projectId, [{ filename: 'slip.zip', content: evil }]);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/slip\.zip: refused: invalid relative path: \.\.\/evil1/);
    expect(await taskCount(projectId)).toBe(0);
    expect(fs.existsSync(path.join(t.dataDir, 'tmp', 'evil1'))).toBe(false);
  });

  it('refuses symbolic links inside an archive', async () => {
    const projectId = await newProject(TEXT_CONFIG);
    const zip = await zipOf([{ name: 'passwd.jsonl', content: '/etc/passwd', mode: 0o120777 }]);
    const job = await importFiles(projectId, [{ filename: 'links.zip', content: zip }]);
    expect(job.error).toMatch(/links\.zip\/passwd\.jsonl: is a symbolic link/);
  });

  it('refuses an image of absurd dimensions in an archive by name and imports the rest', async () => {
    const projectId = await newProject(IMAGE_CONFIG);
    const zip = await zipOf([{ name: 'bomb.png', content: pngClaiming(60_000, 60_000) }, { name: 'fine.png', content: png }]);
    const job = await importFiles(projectId, [{ filename: 'photos.zip', content: zip }]);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/imported 1 tasks and 1 media files.*photos\.zip\/bomb\.png: the image is 60000×60000 pixels/);
    expect(await taskCount(projectId)).toBe(1);
  });

  it('refuses XML entities in VOC (XXE, billion laughs)', async () => {
    const projectId = await newProject(IMAGE_CONFIG);
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE annotation [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${LABELIMG_VOC.replace('<filename>street.png</filename>', '<filename>&xxe;</filename>')}`;
    const job = await importFiles(projectId, [{ filename: 'street.xml', content: xxe }]);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/street\.xml: Pascal VOC line \d+: .*(DOCTYPE|ENTITY|entit)/i);
    expect(job.error).not.toContain('root:');
  });

  it('imports from URLs the allow-list opens, with media stored', async () => {
    const projectId = await newProject(TEXT_CONFIG);
    const res = await t.call(manager, 'POST', `/api/projects/${projectId}/imports`, { urls: [`${base}/tasks.jsonl`, `${base}/photo.png`] });
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitForJob(t.ctx, res.json().id as number);
    expect(job.status, job.error ?? '').toBe('succeeded');
    expect(JSON.parse(job.result!)).toMatchObject({ tasks: 3, media: 1 });
  });

  it('refuses URLs to internal addresses, also through a redirect, naming each URL', async () => {
    const projectId = await newProject(TEXT_CONFIG);
    const res = await t.call(manager, 'POST', `/api/projects/${projectId}/imports`, { urls: ['http://169.254.169.254/latest/meta-data/iam', `${base}/to-metadata`, 'http://[::1]/x.jsonl'] });
    const job = await waitForJob(t.ctx, res.json().id as number);
    expect(job.status).toBe('failed');
    expect(job.error).toContain('http://169.254.169.254/latest/meta-data/iam: 169.254.169.254 is a link-local address');
    expect(job.error).toMatch(/to-metadata: http:\/\/169\.254\.169\.254\/latest\/meta-data\/: 169\.254\.169\.254 is a link-local/);
    expect(job.error).toMatch(/::1 is a loopback address/);
    expect(await taskCount(projectId)).toBe(0);
  });
});

describe('imports into an S3 blob store (s3rver)', () => {
  let s3: TestS3;
  let t: TestApp;
  beforeAll(async () => {
    s3 = await startS3('laoshi-import');
    t = await makeTestApp('sqlite', { config: { storage: 's3', s3Bucket: s3.bucket, s3Endpoint: s3.endpoint, s3Region: 'us-east-1', s3AccessKeyId: 'S3RVER', s3SecretAccessKey: 'S3RVER', s3ForcePathStyle: true } });
  });
  afterAll(async () => {
    await t.close();
    await s3.close();
  });

  it('stores imported images and thumbnails in the bucket and serves them from it, ranges too', async () => {
    const manager = await t.user();
    const projectId = (await t.call(manager, 'POST', '/api/projects', { title: 'S3', labelConfig: IMAGE_CONFIG })).json().id as number;
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#aa0000' } }).png().toBuffer();
    const zip = await zipOf([{ name: 'a.png', content: png }]);
    const { payload, headers } = multipart([{ filename: 'imgs.zip', content: zip }]);
    const res = await t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/imports`, payload, headers: { ...headers, authorization: `Bearer ${manager.token}` } });
    const job = await waitForJob(t.ctx, res.json().id as number);
    expect(job.status, job.error ?? '').toBe('succeeded');
    const keys: string[] = [];
    for await (const item of s3.store().list(`projects/${projectId}/`)) keys.push(item.key);
    expect(keys).toEqual([expect.stringMatching(new RegExp(`^projects/${projectId}/media/[0-9a-f]{64}\\.png$`)), expect.stringMatching(/thumbnails\/[0-9a-f]{64}\.webp$/)]);
    const task = (await t.call(manager, 'GET', `/api/projects/${projectId}/tasks`)).json().items[0] as { data: { image: string } };
    const file = await t.call(manager, 'GET', task.data.image);
    expect(file.rawPayload.equals(png)).toBe(true);
    const part = await t.app.inject({ method: 'GET', url: task.data.image, headers: { authorization: `Bearer ${manager.token}`, range: 'bytes=1-3' } });
    expect(part.statusCode).toBe(206);
    expect(part.body).toBe('PNG');
  });
});
