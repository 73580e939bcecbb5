import { execFileSync } from 'node:child_process';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { probeAudioVideo } from '../../src/modules/media/probe-media.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { BOX_CONFIG_XML, makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { multipart, pngClaiming, wavOf, type UploadFile } from './media-fixtures.js';

const hasFfprobe = (() => {
  try {
    execFileSync('ffprobe', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describeEachDialect('media upload and serving', (dialect) => {
  let t: TestApp;
  let manager: TestUser;
  let annotator: TestUser;
  let projectId: number;
  let png: Buffer;

  const upload = (user: TestUser, files: UploadFile[]) => {
    const { payload, headers } = multipart(files);
    return t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/media`, payload, headers: { ...headers, authorization: `Bearer ${user.token}` } });
  };
  const get = (user: TestUser, url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { ...headers, authorization: `Bearer ${user.token}` } });

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    manager = await t.user();
    annotator = await t.user();
    projectId = (await t.call(manager, 'POST', '/api/projects', { title: 'Media', labelConfig: BOX_CONFIG_XML })).json().id as number;
    await t.call(manager, 'POST', `/api/projects/${projectId}/members`, { userId: annotator.id, role: 'annotator' });
    png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#3366cc' } }).png().toBuffer();
  });
  afterAll(async () => t.close());

  it('stores an image with its sniffed type, size and a thumbnail, and serves it inline with nosniff', async () => {
    // The browser claims text/html; the bytes say PNG.
    const res = await upload(manager, [{ filename: 'street.png', content: png, type: 'text/html' }]);
    expect(res.statusCode).toBe(201);
    const media = res.json().items[0];
    expect(media).toMatchObject({ fileName: 'street.png', contentType: 'image/png', kind: 'image', width: 640, height: 480, size: png.length });
    const file = await get(annotator, media.url);
    expect(file.statusCode).toBe(200);
    expect(file.headers).toMatchObject({ 'content-type': 'image/png', 'x-content-type-options': 'nosniff', 'accept-ranges': 'bytes' });
    expect(file.headers['content-disposition']).toMatch(/^inline; filename="street.png"/);
    expect(file.rawPayload.equals(png)).toBe(true);
    const thumb = await get(annotator, media.thumbnailUrl);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(await sharp(thumb.rawPayload).metadata()).toMatchObject({ width: 256, height: 192 });
  });

  it('answers range requests with 206 and Content-Range, and 416 past the end', async () => {
    const media = (await upload(manager, [{ filename: 'r.png', content: png }])).json().items[0];
    const part = await get(annotator, media.url, { range: 'bytes=0-7' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-7/${png.length}`);
    expect(part.rawPayload.equals(png.subarray(0, 8))).toBe(true);
    const tail = await get(annotator, media.url, { range: 'bytes=-4' });
    expect(tail.rawPayload.equals(png.subarray(png.length - 4))).toBe(true);
    const past = await get(annotator, media.url, { range: `bytes=${png.length}-` });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${png.length}`);
  });

  it('never serves HTML or SVG inline: attachment, octet-stream or its sniffed type, nosniff and a sandbox', async () => {
    const html = '<html><body><script>alert(document.cookie)</script></body></html>';
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const res = await upload(manager, [{ filename: 'evil.html', content: html, type: 'text/html' }, { filename: 'evil.svg', content: svg, type: 'image/svg+xml' }]);
    expect(res.statusCode).toBe(201);
    for (const media of res.json().items as { url: string; kind: string }[]) {
      expect(media.kind).toBe('other');
      const file = await get(annotator, media.url);
      expect(file.headers['content-type']).not.toMatch(/html|svg/);
      expect(file.headers['content-disposition']).toMatch(/^attachment;/);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.headers['content-security-policy']).toContain('sandbox');
    }
  });

  it('refuses an image with absurd dimensions before decoding it, naming the file', async () => {
    const bomb = pngClaiming(100_000, 100_000);
    expect(bomb.length).toBeLessThan(2000);
    const res = await upload(manager, [{ filename: 'bomb.png', content: bomb }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'LAOSHI_BAD_FILE', message: expect.stringMatching(/^bomb\.png: the image is 100000×100000 pixels/) });
  });

  it('refuses a damaged image naming it', async () => {
    const res = await upload(manager, [{ filename: 'cut.png', content: png.subarray(0, 200) }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/^cut\.png: /);
  });

  it.runIf(hasFfprobe)('probes audio with ffprobe for its duration', async () => {
    const res = await upload(manager, [{ filename: 'voice.wav', content: wavOf(2) }]);
    expect(res.statusCode).toBe(201);
    const media = res.json().items[0];
    expect(media).toMatchObject({ kind: 'audio', contentType: 'audio/wav' });
    expect(media.duration).toBeCloseTo(2, 1);
    expect((await get(annotator, media.url)).headers['content-disposition']).toMatch(/^inline/);
  });

  it('says clearly when ffprobe is missing instead of failing', async () => {
    const file = `${t.dataDir}/probe.wav`;
    (await import('node:fs')).writeFileSync(file, wavOf(1));
    expect(await probeAudioVideo(file, 'ffprobe-is-not-installed-here')).toEqual({ duration: null, width: null, height: null, probeError: expect.stringContaining('ffprobe is not installed') });
  });

  it('uploads need the manager role; media is visible to members only', async () => {
    expect((await upload(annotator, [{ filename: 'a.png', content: png }])).statusCode).toBe(403);
    const media = (await upload(manager, [{ filename: 'a.png', content: png }])).json().items[0];
    expect((await get(t.otherAdmin, media.url)).statusCode).toBe(404);
    expect((await get(await t.user(), media.url)).statusCode).toBe(404);
    expect((await get(await t.user(), media.thumbnailUrl)).statusCode).toBe(404);
  });
});
