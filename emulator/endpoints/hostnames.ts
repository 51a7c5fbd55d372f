/**
 * The AWS hostnames the emulator answers for inside function instances, and the names its
 * server certificate carries. AWS's own endpoint rules: `<service>.<region>.amazonaws.com` for
 * regional services, `<apiId>.execute-api.<region>.amazonaws.com` for an API Gateway API.
 */

/** What a function's SDK connects to for the `@connections` API and the event's `domainName`. */
export function executeApiHostname(apiId: string, region: string): string {
  return `${apiId}.execute-api.${region}.amazonaws.com`;
}

export function serviceHostname(service: string, region: string): string {
  return `${service}.${region}.amazonaws.com`;
}

/** The region a regional AWS hostname names (`dynamodb.us-east-1.amazonaws.com` → `us-east-1`). */
export function regionOf(hostname: string): string | undefined {
  return /\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com\.?$/i.exec(hostname)?.[1]?.toLowerCase();
}

/** Connections to these names on port 443 are redirected inside instances (see node/redirect.cjs). */
export const REDIRECTED_SUFFIX = '.amazonaws.com';

/**
 * The certificate's subject alternative names. Wildcards cover one label only, so each level an
 * SDK may ask for is listed: global services, every regional service, any API id of the region.
 * Sorted and unique, so that two equal sets compare equal.
 */
export function certificateNames(regions: string[], extra: string[] = []): string[] {
  const names = new Set<string>(['*.amazonaws.com']);
  for (const region of regions) {
    names.add(`*.${region}.amazonaws.com`);
    names.add(`*.execute-api.${region}.amazonaws.com`);
  }
  for (const name of extra) {
    const host = name.toLowerCase();
    if (![...names].some((pattern) => nameCovers(pattern, host))) names.add(host);
  }
  return [...names].sort();
}

/** RFC 6125 matching as TLS clients do it: a `*` stands for exactly one whole label. */
export function nameCovers(pattern: string, hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const wanted = pattern.toLowerCase();
  if (!wanted.startsWith('*.')) return wanted === host;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot + 1) === wanted.slice(2);
}
