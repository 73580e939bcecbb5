import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a test receiver got: its headers and its raw body bytes as text. */
export interface Received {
  headers: http.IncomingHttpHeaders;
  raw: string;
  json: { id: string; event: string; project: { id: number }; [key: string]: unknown };
}

export interface Receiver {
  url: string;
  received: Received[];
  /** The status to answer the next requests with, in order; 204 once the list is used up. */
  answers: number[];
  close(): Promise<void>;
}

/** A local HTTP endpoint that records what webhooks POST to it (the tests allow 127.0.0.1 outbound). */
export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const answers: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, raw, json: JSON.parse(raw) as Received['json'] });
      res.statusCode = answers.shift() ?? 204;
      res.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    answers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
