import net from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Which addresses outbound fetches may reach: public unicast only, unless the allow-list names
 * the host or a CIDR holding the address. Loopback, private (10/8, 172.16/12, 192.168/16),
 * link-local (169.254/16, where cloud metadata lives), CGNAT (100.64/10, Alibaba's metadata),
 * unique-local IPv6 (fc00::/7, AWS's fd00:ec2::254), multicast, reserved, and IPv6 forms that
 * embed an IPv4 address (mapped, NAT64, 6to4, Teredo) are refused.
 */
export class AddressPolicy {
  private readonly cidrs: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  private readonly hosts = new Set<string>();
  private readonly suffixes: string[] = [];

  /** `allow`: entries of LAOSHI_OUTBOUND_ALLOW — CIDRs (`10.1.0.0/16`), addresses, hosts, `*.example.com`. */
  constructor(allow: readonly string[] = []) {
    for (const raw of allow) {
      const entry = raw.trim().toLowerCase();
      if (entry === '') continue;
      if (ipaddr.isValidCIDR(entry)) this.cidrs.push(ipaddr.parseCIDR(entry));
      else if (ipaddr.isValid(entry)) {
        const ip = ipaddr.parse(entry);
        this.cidrs.push([ip, ip.kind() === 'ipv4' ? 32 : 128]);
      } else if (entry.startsWith('*.')) this.suffixes.push(entry.slice(1));
      else this.hosts.add(entry);
    }
  }

  /** True when the allow-list names this host (exactly, or by a `*.` suffix). */
  allowsHost(host: string): boolean {
    const h = host.toLowerCase().replace(/\.$/, '');
    return this.hosts.has(h) || this.suffixes.some((s) => h.endsWith(s));
  }

  /** Why `address` may not be reached (e.g. "a loopback address"), or null when it may. */
  refusal(address: string): string | null {
    if (!net.isIP(address)) return 'not an IP address';
    let ip = ipaddr.parse(address);
    if (this.cidrs.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits))) return null;
    if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
      ip = (ip as ipaddr.IPv6).toIPv4Address();
      if (this.cidrs.some(([range, bits]) => range.kind() === 'ipv4' && ip.match(range, bits))) return null;
      const inner = this.refusal(ip.toString());
      return inner === null ? null : `an IPv4-mapped IPv6 address of ${inner}`;
    }
    const range = ip.range();
    if (range === 'unicast') return null;
    return DESCRIPTIONS[range] ?? `a special-purpose address (${range})`;
  }
}

const DESCRIPTIONS: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private network address',
  linkLocal: 'a link-local address (cloud metadata lives there)',
  carrierGradeNat: 'a carrier-grade NAT address',
  uniqueLocal: 'a unique-local IPv6 address',
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  reserved: 'a reserved address',
  rfc6052: 'a NAT64 address embedding IPv4',
  rfc6145: 'an IPv4-translated address',
  '6to4': 'a 6to4 address embedding IPv4',
  teredo: 'a Teredo address embedding IPv4',
};
