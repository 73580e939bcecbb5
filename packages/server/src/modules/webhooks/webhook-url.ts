import net from 'node:net';
import type { AppContext } from '../../context.js';
import { LaoshiError, badRequest } from '../../errors.js';
import { AddressPolicy } from '../../net/address-policy.js';

/**
 * Checks a webhook URL when it is saved: http(s), no credentials, and not an address outbound
 * fetches may not reach (a literal private or loopback IP, `localhost`) unless
 * LAOSHI_OUTBOUND_ALLOW names it. Host names are checked again after DNS at every delivery
 * (net/safe-fetch.ts), so a name that resolves inside is refused then.
 */
export function checkWebhookUrl(ctx: AppContext, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest('url: not a valid URL', 'url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badRequest(`url: scheme ${url.protocol} is not allowed (only http and https)`, 'url');
  if (url.username || url.password) throw badRequest('url: URLs with credentials are not allowed; the signature authenticates the sender', 'url');
  const policy = new AddressPolicy(ctx.config.outboundAllow);
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (policy.allowsHost(host)) return url.toString();
  const why = net.isIP(host) ? policy.refusal(host) : host === 'localhost' || host.endsWith('.localhost') ? 'a loopback name' : null;
  if (why) throw new LaoshiError(400, 'LAOSHI_OUTBOUND_REFUSED', `url: ${host} is ${why}; LAOSHI_OUTBOUND_ALLOW can open it`, 'url');
  return url.toString();
}
