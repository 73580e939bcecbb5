import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { TagScheme } from '@laoshi/core';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import type { ProjectRow } from '../../db/schema.js';
import { badRequest } from '../../errors.js';
import { startJob } from '../../jobs/job-runner.js';
import { safeFetch } from '../../net/safe-fetch.js';
import { byteLimit } from '../media/media-service.js';
import { describeFileError } from './import-error.js';
import { IMPORT_FORMATS, kindOf, type ImportFormat } from './import-formats.js';
import { runImport, type ImportOptions, type TopEntry } from './import-runner.js';
import { fileEntry, folderEntries } from './import-sources.js';

/** What the caller chose: where labels go, a format that overrides detection, the NER tag scheme. */
export interface ImportChoices {
  labelsAs?: 'annotations' | 'predictions' | undefined;
  format?: ImportFormat | undefined;
  tagScheme?: TagScheme | undefined;
}

/** Largest single file an import takes. */
export const MAX_IMPORT_FILE_BYTES = 4 * 1024 ** 3;
export const MAX_URLS = 1000;

async function workDir(ctx: AppContext): Promise<string> {
  const dir = path.join(ctx.config.dataDir, 'tmp', `import-${randomBytes(8).toString('hex')}`);
  await fsp.mkdir(dir, { recursive: true });
  return dir;
}

/** A safe local name for an uploaded or downloaded file (the original name is kept for messages). */
const spoolName = (i: number, name: string): string => `${i}-${path.basename(name).replace(/[^\w.-]/g, '_').slice(-100)}`;

function checkChoices(c: ImportChoices): ImportOptions {
  if (c.labelsAs !== undefined && c.labelsAs !== 'annotations' && c.labelsAs !== 'predictions') throw badRequest('labelsAs must be annotations or predictions', 'labelsAs');
  if (c.format !== undefined && !IMPORT_FORMATS.includes(c.format)) throw badRequest(`format must be one of ${IMPORT_FORMATS.join(', ')}`, 'format');
  if (c.tagScheme !== undefined && !['iob2', 'bio', 'iob1'].includes(c.tagScheme)) throw badRequest('tagScheme must be iob2, bio or iob1', 'tagScheme');
  return { labelsAs: c.labelsAs ?? 'annotations', format: c.format, tagScheme: c.tagScheme };
}

/** Starts the job that imports `entries` (files in `dir`, removed when the job ends). */
async function startImportJob(ctx: AppContext, project: ProjectRow, actorId: number, dir: string, params: Record<string, unknown>, options: ImportOptions, prepare: (signal: AbortSignal) => Promise<{ entries: TopEntry[]; errors?: string[] }>) {
  const job = await startJob(ctx, { kind: 'import', organizationId: project.organization_id, projectId: project.id, createdBy: actorId, params }, async (handle) => {
    try {
      const { entries, errors } = await prepare(handle.signal);
      return await runImport(ctx, handle, project, actorId, entries, options, errors);
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });
  return job;
}

/**
 * Import from a multipart upload: files are spooled to the data folder as they arrive (fields
 * `labelsAs`, `format`, `tagScheme` may come before or between them), files of a kind Laoshi does
 * not import are refused at once with 400 naming them, then a job does the rest.
 */
export async function importFromUpload(ctx: AppContext, actor: Actor, projectId: number, parts: AsyncIterableIterator<MultipartFile | { type: 'field'; fieldname: string; value: unknown }>) {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const dir = await workDir(ctx);
  try {
    const choices: Record<string, string> = {};
    const files: TopEntry[] = [];
    for await (const part of parts) {
      if (part.type === 'field') {
        if (['labelsAs', 'format', 'tagScheme'].includes(part.fieldname) && typeof part.value === 'string') choices[part.fieldname] = part.value;
        else throw badRequest(`unknown field ${part.fieldname}`, part.fieldname);
        continue;
      }
      const file = part as MultipartFile;
      const name = file.filename || `file-${files.length + 1}`;
      const target = path.join(dir, spoolName(files.length, name));
      await pipeline(file.file, byteLimit(MAX_IMPORT_FILE_BYTES, name), fs.createWriteStream(target));
      if (file.file.truncated) throw badRequest(`${name}: larger than the upload limit`, 'file');
      files.push({ ...fileEntry(target, name, path.basename(name), (await fsp.stat(target)).size), file: target });
    }
    const options = checkChoices(choices as ImportChoices);
    if (files.length === 0) throw badRequest('no file in the upload', 'file');
    for (const f of files) {
      if (kindOf(f.path, options.format, false) === 'unsupported') {
        throw badRequest(`${f.name}: this kind of file is not imported (supported: images, video, audio, zip, JSON, JSONL, CSV, TSV, TXT, COCO, VOC XML, YOLO, CoNLL)`, 'file');
      }
    }
    const params = { source: 'upload', files: files.map((f) => ({ name: f.name, size: f.size })), ...options };
    return await startImportJob(ctx, project, actor.id, dir, params, options, async () => ({ entries: files }));
  } catch (err) {
    await fsp.rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/** The file name a URL's last path segment gives, for format detection and messages. */
function nameOfUrl(url: string, i: number): string {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : `download-${i + 1}`;
  } catch {
    return `download-${i + 1}`;
  }
}

/** Import from a list of URLs, fetched (by the job) through safeFetch. */
export async function importFromUrls(ctx: AppContext, actor: Actor, projectId: number, urls: string[], choices: ImportChoices) {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const options = checkChoices(choices);
  urls.forEach((u, i) => {
    if (!/^https?:\/\//i.test(u)) throw badRequest(`urls[${i}]: only http and https URLs are imported`, `urls[${i}]`);
  });
  const dir = await workDir(ctx);
  return startImportJob(ctx, project, actor.id, dir, { source: 'urls', urls, ...options }, options, (signal) => downloadAll(ctx, urls, dir, signal));
}

/** Downloads every URL to `dir`; a URL that fails is reported (naming it) and the others go on. */
async function downloadAll(ctx: AppContext, urls: string[], dir: string, signal: AbortSignal): Promise<{ entries: TopEntry[]; errors: string[] }> {
  const out: TopEntry[] = [];
  const failures: string[] = [];
  for (const [i, url] of urls.entries()) {
    const name = nameOfUrl(url, i);
    const target = path.join(dir, spoolName(i, name));
    try {
      const res = await safeFetch(url, { allow: ctx.config.outboundAllow, maxBytes: MAX_IMPORT_FILE_BYTES, timeoutMs: 10 * 60_000, signal });
      await pipeline(res.body, fs.createWriteStream(target));
      out.push({ ...fileEntry(target, url, name, (await fsp.stat(target)).size), file: target });
    } catch (err) {
      failures.push(describeFileError(url, err).message);
    }
  }
  return { entries: out, errors: failures };
}

/** Import from a path on this machine (the CLI): a file, a folder (recursively) or an http(s) URL. */
export async function importFromPath(ctx: AppContext, project: ProjectRow, actorId: number, source: string, choices: ImportChoices) {
  const options = checkChoices(choices);
  if (/^https?:\/\//i.test(source)) {
    const dir = await workDir(ctx);
    return startImportJob(ctx, project, actorId, dir, { source: 'url', urls: [source], ...options }, options, (signal) => downloadAll(ctx, [source], dir, signal));
  }
  const stat = await fsp.stat(source).catch(() => null);
  if (!stat) throw badRequest(`${source}: no such file or folder`, 'source');
  const entries: TopEntry[] = stat.isDirectory()
    ? (await folderEntries(source)).map((e) => ({ ...e, file: path.join(source, e.path) }))
    : [{ ...fileEntry(source, path.basename(source), path.basename(source), stat.size), file: source }];
  const dir = await workDir(ctx);
  return startImportJob(ctx, project, actorId, dir, { source: 'path', path: path.resolve(source), ...options }, options, async () => ({ entries }));
}
