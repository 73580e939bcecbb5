import dns from 'node:dns';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import net, { type LookupFunction } from 'node:net';
import { Transform, type Readable } from 'node:stream';
import { LaoshiError } from '../errors.js';
import { AddressPolicy } from './address-policy.js';

export interface SafeFetchOptions {
  /** LAOSHI_OUTBOUND_ALLOW entries (hosts, addresses, CIDRs) that may be reached although private. */
  allow?: readonly string[];
  /** Largest body accepted, in bytes; default 512 MiB. */
  maxBytes?: number;
  /** Time for the whole exchange, body included; default 60 s. */
  timeoutMs?: number;
  /** Redirects followed (each re-checked); default 5. */
  maxRedirects?: number;
  signal?: AbortSignal;
  /** How host names are resolved (tests); default the system resolver. */
  lookup?: (host: string) => Promise<{ address: string; family: number }[]>;
  /** GET (default) or POST; a 301/302/303 answer to a POST is followed with a GET, as browsers do. */
  method?: 'GET' | 'POST';
  /** Extra request headers (e.g. content-type, authorization for a model backend). */
  headers?: Readonly<Record<string, string>>;
  /** The POST body. */
  body?: string | Buffer;
}

export interface SafeResponse {
  /** The URL after redirects. */
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  /** The body, failing with 413 past maxBytes. */
  body: Readable;
}

const refused = (url: string, why: string): LaoshiError =>
  new LaoshiError(400, 'LAOSHI_OUTBOUND_REFUSED', `${url}: ${why}; LAOSHI_OUTBOUND_ALLOW can open it`, 'url');

const failed = (url: string, why: string, status = 502): LaoshiError => new LaoshiError(status, 'LAOSHI_FETCH_FAILED', `${url}: ${why}`, 'url');

const systemLookup = async (host: string) => dns.promises.lookup(host, { all: true, verbatim: true });

/**
 * GETs a URL from the outside world without letting it reach inside: only http(s); the target
 * address is checked after DNS resolution, inside the socket's own lookup, so a name cannot
 * resolve to a public address for the check and to a private one for the connection (DNS
 * rebinding); the connected peer is checked again; redirects are followed by hand and each hop
 * goes through the same checks; body size and total time are capped.
 * @example const res = await safeFetch('https://example.com/a.jpg', { allow: ctx.config.outboundAllow });
 */
export async function safeFetch(input: string, options: SafeFetchOptions = {}): Promise<SafeResponse> {
  const policy = new AddressPolicy(options.allow ?? []);
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 60_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const maxRedirects = options.maxRedirects ?? 5;
  let url = input;
  let send: Outgoing = { method: options.method ?? 'GET', headers: options.headers ?? {}, body: options.body };
  for (let hop = 0; ; hop++) {
    const res = await request(url, policy, signal, options.lookup ?? systemLookup, send);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if ([301, 302, 303, 307, 308].includes(status) && location) {
      res.resume();
      if (hop >= maxRedirects) throw failed(input, `more than ${maxRedirects} redirects`);
      url = new URL(location, url).toString();
      if (send.method === 'POST' && status !== 307 && status !== 308) send = { method: 'GET', headers: withoutBodyHeaders(send.headers) };
      continue;
    }
    if (status < 200 || status > 299) {
      res.resume();
      throw failed(url, `the server answered HTTP ${status}`);
    }
    return { url, status, headers: res.headers, body: capped(res, url, options.maxBytes ?? 512 * 1024 * 1024, signal) };
  }
}

interface Outgoing {
  method: 'GET' | 'POST';
  headers: Readonly<Record<string, string>>;
  body?: string | Buffer;
}

function withoutBodyHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !/^content-(type|length)$/i.test(k)));
}

function parseTarget(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LaoshiError(400, 'LAOSHI_VALIDATION', `${url.slice(0, 200)}: not a valid URL`, 'url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw refused(url, `scheme ${parsed.protocol} is not allowed (only http and https)`);
  if (parsed.username || parsed.password) throw new LaoshiError(400, 'LAOSHI_VALIDATION', `${parsed.host}: URLs with credentials are not fetched`, 'url');
  return parsed;
}

function request(url: string, policy: AddressPolicy, signal: AbortSignal, resolve: NonNullable<SafeFetchOptions['lookup']>, send: Outgoing = { method: 'GET', headers: {} }): Promise<IncomingMessage> {
  const target = parseTarget(url);
  // The WHATWG parser already turned 2130706433, 0177.0.0.1 and 0x7f.1 into 127.0.0.1.
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const hostAllowed = policy.allowsHost(host);
  if (net.isIP(host) && !hostAllowed) {
    const why = policy.refusal(host);
    if (why) throw refused(url, `${host} is ${why}`);
  }
  let refusal: LaoshiError | null = null;
  const lookup: LookupFunction = (hostname, opts, callback) => {
    resolve(hostname).then(
      (all) => {
        const ok = hostAllowed ? all : all.filter((a) => policy.refusal(a.address) === null);
        if (ok.length === 0) {
          const first = all[0];
          refusal = refused(url, first ? `${hostname} resolves to ${first.address}, ${policy.refusal(first.address) ?? 'refused'}` : `${hostname} has no address`);
          callback(refusal, '', 4);
          return;
        }
        if ((opts as { all?: boolean }).all) callback(null, ok.map((a) => ({ address: a.address, family: a.family })));
        else callback(null, ok[0]!.address, ok[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 4),
    );
  };
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((done, fail) => {
    const req = client.request(target, { method: send.method, agent: false, lookup, signal, headers: { 'user-agent': 'Laoshi-import/0.1', accept: '*/*', ...send.headers } }, done);
    req.on('socket', (socket) => {
      socket.on('connect', () => {
        // Second lock: whatever the lookup said, refuse a peer that is not allowed.
        const peer = socket.remoteAddress ?? '';
        const why = hostAllowed ? null : policy.refusal(peer);
        if (why) {
          refusal = refused(url, `connected to ${peer}, ${why}`);
          req.destroy(refusal);
        }
      });
    });
    req.on('error', (err) => {
      if (refusal) fail(refusal);
      else if (err instanceof LaoshiError) fail(err);
      else if (signal.aborted) fail(failed(url, 'timed out or was cancelled', 504));
      else fail(failed(url, (err as NodeJS.ErrnoException).code ?? 'connection failed'));
    });
    req.end(send.body);
  });
}

function capped(res: IncomingMessage, url: string, maxBytes: number, signal: AbortSignal): Readable {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw failed(url, `the body is ${declared} bytes, more than the ${maxBytes} allowed`, 413);
  }
  let seen = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _enc, next) {
      seen += chunk.length;
      if (seen > maxBytes) next(failed(url, `the body is more than the ${maxBytes} bytes allowed`, 413));
      else next(null, chunk);
    },
  });
  const onAbort = () => limiter.destroy(failed(url, 'timed out or was cancelled', 504));
  signal.addEventListener('abort', onAbort, { once: true });
  res.on('error', (err) => limiter.destroy(signal.aborted ? failed(url, 'timed out or was cancelled', 504) : err));
  limiter.on('close', () => {
    signal.removeEventListener('abort', onAbort);
    res.destroy();
  });
  return res.pipe(limiter);
}
