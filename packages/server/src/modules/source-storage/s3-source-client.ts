import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net, { type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import type { S3Client, _Object } from '@aws-sdk/client-s3';
import { LaoshiError } from '../../errors.js';
import { AddressPolicy } from '../../net/address-policy.js';

/** What a sync needs to reach a bucket; the keys are already opened from their sealed form. */
export interface S3SourceTarget {
  bucket: string;
  prefix: string;
  /** An S3-compatible server (MinIO, s3rver, OSS…); AWS when null. */
  endpoint: string | null;
  region: string;
  forcePathStyle: boolean;
  accessKeyId: string | null;
  secretAccessKey: string | null;
}

const refused = (host: string, why: string) =>
  new LaoshiError(400, 'LAOSHI_OUTBOUND_REFUSED', `endpoint ${host}: ${why}; LAOSHI_OUTBOUND_ALLOW can open it`, 'endpoint');

/** The host an S3 client connects to: the endpoint's, or AWS's regional one. */
export function endpointHost(target: Pick<S3SourceTarget, 'endpoint' | 'region'>): string {
  return target.endpoint ? new URL(target.endpoint).hostname.replace(/^\[|\]$/g, '') : `s3.${target.region}.amazonaws.com`;
}

/**
 * Checks the endpoint against the outbound-address rules before anything is sent: an address
 * literal at once, a name by resolving it (a name that does not resolve is left to the
 * connection, which fails on its own). The connection is checked again (see `policyLookup`).
 */
export async function checkEndpoint(target: Pick<S3SourceTarget, 'endpoint' | 'region'>, allow: readonly string[]): Promise<void> {
  const policy = new AddressPolicy(allow);
  const host = endpointHost(target);
  if (policy.allowsHost(host)) return;
  if (net.isIP(host)) {
    const why = policy.refusal(host);
    if (why) throw refused(host, `${host} is ${why}`);
    return;
  }
  const all = await dns.promises.lookup(host, { all: true, verbatim: true }).catch(() => []);
  if (all.length > 0 && all.every((a) => policy.refusal(a.address) !== null)) throw refused(host, `${host} resolves to ${all[0]!.address}, ${policy.refusal(all[0]!.address)}`);
}

/**
 * A DNS lookup for the S3 client's sockets that drops refused addresses, so a name cannot pass
 * the check above and then resolve to a private address when the socket connects (DNS rebinding).
 */
function policyLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.promises.lookup(hostname, { all: true, verbatim: true }).then(
      (all) => {
        const ok = policy.allowsHost(hostname) ? all : all.filter((a) => policy.refusal(a.address) === null);
        if (ok.length === 0) {
          callback(refused(hostname, all[0] ? `${hostname} resolves to ${all[0].address}, ${policy.refusal(all[0].address) ?? 'refused'}` : 'no address'), '', 4);
          return;
        }
        if ((options as { all?: boolean }).all) callback(null, ok.map((a) => ({ address: a.address, family: a.family })));
        else callback(null, ok[0]!.address, ok[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 4),
    );
  };
}

// The AWS SDK (~22 MB once loaded) is imported when a sync first needs it, not at start-up.
const loadSdk = () => import('@aws-sdk/client-s3');

/** An S3 client whose connections obey the outbound-address rules. Call checkEndpoint first. */
export async function s3SourceClient(target: S3SourceTarget, allow: readonly string[]): Promise<S3Client> {
  const { S3Client } = await loadSdk();
  const lookup = policyLookup(new AddressPolicy(allow));
  const credentials = target.accessKeyId && target.secretAccessKey ? { accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey } : undefined;
  return new S3Client({
    region: target.region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    forcePathStyle: target.forcePathStyle,
    maxAttempts: 3,
    requestHandler: { httpAgent: new http.Agent({ keepAlive: true, lookup }), httpsAgent: new https.Agent({ keepAlive: true, lookup }), connectionTimeout: 10_000, requestTimeout: 120_000 },
    // As in storage/s3-blob-store.ts: S3-compatible servers mishandle the default trailing checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * A failure talking to the bucket as an error safe to show: S3's own error name and message
 * (they never hold the credentials), our refusals as they are.
 */
export function s3Failure(err: unknown, what: string): LaoshiError {
  if (err instanceof LaoshiError) return err;
  const e = err as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  const detail = e.code ?? e.name ?? 'Error';
  return new LaoshiError(502, 'LAOSHI_SOURCE_STORAGE_FAILED', `${what}: ${detail}${status ? ` (HTTP ${status})` : ''}${e.message && e.message !== detail ? `: ${e.message.slice(0, 300)}` : ''}`);
}

/** The objects under the prefix, a page (≤ 1000) at a time, in key order. */
export async function* listObjectPages(client: S3Client, target: S3SourceTarget, signal: AbortSignal): AsyncGenerator<_Object[]> {
  let token: string | undefined;
  do {
    let page;
    try {
      const { ListObjectsV2Command } = await loadSdk();
      page = await client.send(new ListObjectsV2Command({ Bucket: target.bucket, Prefix: target.prefix || undefined, ContinuationToken: token }), { abortSignal: signal });
    } catch (err) {
      throw s3Failure(err, `listing s3://${target.bucket}/${target.prefix}`);
    }
    yield page.Contents ?? [];
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

/** An object's bytes as a stream. */
export async function getObject(client: S3Client, target: S3SourceTarget, key: string, signal: AbortSignal): Promise<Readable> {
  try {
    const { GetObjectCommand } = await loadSdk();
    const out = await client.send(new GetObjectCommand({ Bucket: target.bucket, Key: key }), { abortSignal: signal });
    if (!(out.Body instanceof Readable)) throw new Error('S3 returned no body stream');
    return out.Body;
  } catch (err) {
    throw s3Failure(err, `reading s3://${target.bucket}/${key}`);
  }
}
