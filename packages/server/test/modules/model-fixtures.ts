import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { TestApp, TestUser } from '../helpers/test-app.js';

// Shared set-up of the model suites: a small Label Studio ML backend on 127.0.0.1 that records
// every request, and a text-classification project.

export const TEXT_XML = `<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text">
    <Choice value="neg"/>
    <Choice value="pos"/>
  </Choices>
</View>`;

export const sentiment = (value: string) => [{ id: 's1', from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: [value] } }];

export interface Recorded {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** What the fake answers instead of its default: a status, a JSON body, and a delay before it. */
export interface FakeAnswer {
  status?: number;
  json?: unknown;
  raw?: string;
  delayMs?: number;
}

export interface FakeBackend {
  url: string;
  requests: Recorded[];
  /** Overrides the answer to a request; return undefined for the default. */
  behave: (req: Recorded) => FakeAnswer | undefined;
  close(): Promise<void>;
}

/** The default LS backend: pos when the text says "good", else neg. */
function defaultAnswer(req: Recorded): FakeAnswer {
  switch (req.path) {
    case '/health':
      return { json: { status: 'UP', model_class: 'FakeModel' } };
    case '/setup':
      return { json: { model_version: 'fake-v1' } };
    case '/predict': {
      const tasks = (req.body as { tasks: { data: { text: string } }[] }).tasks;
      return {
        json: {
          results: tasks.map((t) => {
            const good = t.data.text.includes('good');
            return { result: sentiment(good ? 'pos' : 'neg'), score: good ? 0.9 : 0.6, model_version: 'fake-v1' };
          }),
        },
      };
    }
    case '/webhook':
      return { json: {} };
    default:
      return { status: 404, json: { error: 'no such endpoint' } };
  }
}

/** Starts the fake ML backend on a free port of 127.0.0.1. */
export async function startFakeBackend(): Promise<FakeBackend> {
  const fake: FakeBackend = { url: '', requests: [], behave: () => undefined, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: Recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: text ? (JSON.parse(text) as unknown) : null };
      fake.requests.push(recorded);
      const answer = fake.behave(recorded) ?? defaultAnswer(recorded);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
        res.end(answer.raw ?? JSON.stringify(answer.json ?? {}));
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return fake;
}

export interface TextProject {
  id: number;
  taskIds: number[];
}

/** A project of `manager` with the given task data and members. */
export async function makeTextProject(t: TestApp, manager: TestUser, tasks: Record<string, unknown>[], members: [TestUser, 'manager' | 'reviewer' | 'annotator'][] = []): Promise<TextProject> {
  const created = await t.call(manager, 'POST', '/api/projects', { title: 'Models', labelConfig: TEXT_XML });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as number;
  expect((await t.call(manager, 'POST', `/api/projects/${id}/tasks`, tasks.map((data) => ({ data })))).statusCode).toBe(201);
  for (const [user, role] of members) expect((await t.call(manager, 'POST', `/api/projects/${id}/members`, { userId: user.id, role })).statusCode).toBeLessThan(300);
  const items = (await t.call(manager, 'GET', `/api/projects/${id}/tasks?limit=1000`)).json().items as { id: number }[];
  return { id, taskIds: items.map((x) => x.id) };
}

/** Waits for a job and returns its view. */
export async function finishedJob(t: TestApp, user: TestUser, jobId: number): Promise<{ status: string; result: unknown; error: string | null; progress: { done: number; total: number | null } }> {
  await t.ctx.jobs.wait(jobId, 60_000);
  const res = await t.call(user, 'GET', `/api/jobs/${jobId}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}
