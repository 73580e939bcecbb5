import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import yauzl from 'yauzl';
import { login, newContext } from './helpers/browser.js';
import { describeE2e } from './helpers/e2e-suite.js';
import { ADMIN } from './helpers/e2e-server.js';

const VIDEO_CONFIG =
  '<View><Video name="video" value="$video"/><VideoRectangle name="box" toName="video"/>' +
  '<Labels name="kind" toName="video"><Label value="Car" hotkey="1"/><Label value="Person" hotkey="2"/></Labels></View>';

const AUDIO_CONFIG =
  '<View><Audio name="audio" value="$audio"/>' +
  '<Labels name="event" toName="audio"><Label value="Speech" hotkey="1"/><Label value="Noise" hotkey="2"/></Labels>' +
  '<TextArea name="transcript" toName="audio" perRegion="true"/></View>';

/** Makes a file with ffmpeg from a lavfi source (Debian's ffmpeg; `.ci/run` installs it). */
function ffmpeg(name: string, ...args: string[]): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-e2e-media-'));
  try {
    const file = path.join(dir, name);
    execFileSync('ffmpeg', ['-loglevel', 'error', ...args, file]);
    return fs.readFileSync(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A cookie session for what the JSON helper cannot do: multipart uploads and non-JSON downloads. */
async function session(url: string) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    async upload(projectId: number, name: string, bytes: Buffer): Promise<string> {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), name);
      const up = await fetch(`${url}/api/projects/${projectId}/media`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken }, body: form });
      expect(up.status, await up.clone().text()).toBe(201);
      return ((await up.json()) as { items: { url: string }[] }).items[0]!.url;
    },
    async download(route: string): Promise<Buffer> {
      const res = await fetch(url + route, { headers: { cookie } });
      expect(res.status, route).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    },
  };
}

function unzip(buffer: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const files = new Map<string, string>();
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString());
            zip.readEntry();
          });
        }),
      );
      zip.readEntry();
    });
  });
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

const frameOnScreen = async (page: Page) => Number(await page.getByTestId('video-frame').getAttribute('data-frame'));
const taskIdOnScreen = async (page: Page) => Number(await page.getByTestId('workspace').getAttribute('data-task-id'));

describeE2e('time-based media: video tracks and audio segments', (env) => {
  it('draws a box on frame 1, moves it on frame 21, frame 11 shows it interpolated, and the MOT export has the rows', async () => {
    const { server, browser } = env();
    const project = await server.api<{ id: number }>('POST', '/api/projects', { title: 'Driving', labelConfig: VIDEO_CONFIG });
    const projectId = project.json.id;
    const s = await session(server.url);
    const video = ffmpeg('drive.mp4', '-f', 'lavfi', '-i', 'testsrc=duration=3:size=320x240:rate=10', '-pix_fmt', 'yuv420p');
    const url = await s.upload(projectId, 'drive.mp4', video);
    await server.api('POST', `/api/projects/${projectId}/tasks`, [{ video: url }]);

    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, server.url, undefined, `/projects/${projectId}/label`);
    const taskId = await taskIdOnScreen(page);
    await page.getByTestId('video-view').waitFor();
    // ffprobe's facts reach the editor: 30 frames at 10 fps
    await expect.poll(() => page.getByTestId('video-frame').textContent()).toContain('30');
    expect(await frameOnScreen(page)).toBe(1);
    const canvas = (await page.getByTestId('editor-canvas').boundingBox())!;
    const at = (fx: number, fy: number) => ({ x: canvas.x + canvas.width * fx, y: canvas.y + canvas.height * fy });

    await page.keyboard.press('1'); // Car
    await drag(page, at(0.4, 0.4), at(0.5, 0.55));
    await expect.poll(() => page.getByTestId('region-row').count()).toBe(1);

    await page.keyboard.press('>');
    await page.keyboard.press('>');
    await expect.poll(() => frameOnScreen(page)).toBe(21);
    await page.keyboard.press('v');
    await drag(page, at(0.45, 0.47), at(0.55, 0.47)); // move the box right on frame 21
    await expect.poll(() => page.getByTestId('track-facts').textContent()).toContain('2 keyframes');

    await page.keyboard.press('<');
    await expect.poll(() => frameOnScreen(page)).toBe(11);
    await expect.poll(() => page.getByTestId('track-facts').textContent()).toContain('interpolated on this frame');
    await page.getByTestId('timeline').waitFor();

    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('queue-done').count()).toBe(1);

    const files = await unzip(await s.download(`/api/projects/${projectId}/export/video?format=mot&ids=${taskId}`));
    expect(files.get('gt/labels.txt')).toBe('Car\nPerson\n');
    const rows = files.get('gt/gt.txt')!.trim().split('\n').map((r) => r.split(',').map(Number));
    // held after its last keyframe to the end of the 30-frame video
    expect(rows.map((r) => r[0])).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const left = (frame: number) => rows[frame - 1]![2]!;
    expect(left(21) - left(1)).toBeGreaterThan(20); // moved about 10 % of 320 px
    expect(left(11)).toBeCloseTo((left(1) + left(21)) / 2, 1);
    expect(rows[10]!.slice(6)).toEqual([1, 1, 1]); // not ignored, class 1 (Car), visible
    await ctx.close();
  });

  it('cuts a tone into two segments, transcribes one, and exports the ASR manifest', async () => {
    const { server, browser } = env();
    const project = await server.api<{ id: number }>('POST', '/api/projects', { title: 'Cabin audio', labelConfig: AUDIO_CONFIG });
    const projectId = project.json.id;
    const s = await session(server.url);
    const tone = ffmpeg('tone.wav', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=4');
    const url = await s.upload(projectId, 'tone.wav', tone);
    await server.api('POST', `/api/projects/${projectId}/tasks`, [{ audio: url }]);

    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, server.url, undefined, `/projects/${projectId}/label`);
    await page.getByTestId('audio-view').waitFor();
    await expect.poll(() => page.getByTestId('audio-time').textContent(), { timeout: 15_000 }).toContain('00:04.000');
    const wave = (await page.getByTestId('waveform').boundingBox())!;
    const at = (fx: number) => ({ x: wave.x + wave.width * fx, y: wave.y + wave.height / 2 });

    await page.keyboard.press('1'); // Speech
    await drag(page, at(0.1), at(0.3));
    await expect.poll(() => page.getByTestId('region-row').count()).toBe(1);
    await page.keyboard.press('2'); // with the new segment selected, a label key relabels it: Noise
    await page.keyboard.press('Escape');
    await drag(page, at(0.6), at(0.8)); // the active label is still Speech
    await expect.poll(() => page.getByTestId('region-row').count()).toBe(2);

    await page.getByTestId('region-row').first().click();
    await page.getByTestId('region-attributes').locator('textarea').fill('turn left at the next light');
    await page.getByTestId('region-attributes').locator('textarea').blur();
    await page.getByTestId('submit').click();
    await expect.poll(() => page.getByTestId('queue-done').count()).toBe(1);

    const manifest = (await s.download(`/api/projects/${projectId}/export/audio?format=asr-manifest`)).toString().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(manifest).toHaveLength(1);
    expect(manifest[0]).toMatchObject({ audio_filepath: 'tone.wav', text: 'turn left at the next light' });
    // the first segment: dragged over 10 %–30 % of 4 s
    expect(manifest[0]!.offset as number).toBeGreaterThan(0.2);
    expect(manifest[0]!.offset as number).toBeLessThan(0.6);
    expect(manifest[0]!.duration as number).toBeGreaterThan(0.5);
    expect(manifest[0]!.duration as number).toBeLessThan(1.1);
    const segments = (await s.download(`/api/projects/${projectId}/export/audio?format=jsonl`)).toString().trim().split('\n').map((l) => JSON.parse(l) as { labels: string[] });
    expect(segments.map((x) => x.labels)).toEqual([['Noise'], ['Speech']]);
    await ctx.close();
  });
});
