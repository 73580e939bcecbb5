import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { FINISHED } from './job-runner.js';
import { toJobView } from './job-service.js';

const HEARTBEAT_MS = 15_000;
// A job run by another process sends no in-process updates; poll the row for those.
const POLL_MS = 1_000;

/**
 * Streams a job's state as Server-Sent Events until it finishes: a `progress` event with the job
 * now and after every change, then an `end` event with the finished job. The caller has checked
 * access already.
 */
export async function streamJobEvents(ctx: AppContext, jobId: number, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // Reverse proxies (nginx) would otherwise buffer the stream.
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
  });
  let closed = false;
  let lastSent = '';
  let sending = false;
  let again = false;
  const timers: NodeJS.Timeout[] = [];
  let off = () => undefined as void;
  const stop = () => {
    if (closed) return;
    closed = true;
    off();
    timers.forEach(clearInterval);
    res.end();
  };
  const send = async (): Promise<void> => {
    if (closed) return;
    if (sending) {
      again = true;
      return;
    }
    sending = true;
    try {
      do {
        again = false;
        const row = await ctx.jobs.get(jobId);
        if (!row || closed) return stop();
        const data = JSON.stringify(toJobView(row));
        const done = FINISHED.includes(row.status);
        if (data !== lastSent) res.write(`event: progress\nid: ${row.progress_done}\ndata: ${data}\n\n`);
        lastSent = data;
        if (done) {
          res.write(`event: end\ndata: ${data}\n\n`);
          return stop();
        }
      } while (again && !closed);
    } catch (err) {
      request.log.warn({ err, jobId }, 'job event stream failed');
      stop();
    } finally {
      sending = false;
    }
  };
  // The response, not the request: a request's 'close' fires once its body has been read.
  res.on('close', stop);
  off = ctx.jobs.subscribe(jobId, () => void send());
  timers.push(setInterval(() => void send(), POLL_MS), setInterval(() => !closed && res.write(': keep-alive\n\n'), HEARTBEAT_MS));
  await send();
}
