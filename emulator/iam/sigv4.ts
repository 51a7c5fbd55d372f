/**
 * Checks an AWS Signature Version 4 `Authorization` header the way a service does: recompute the
 * canonical request from what was received, sign it with the secret we issued, compare.
 * Canonicalisation (path double-encoding, query and header rules) is @smithy/signature-v4's own
 * code, so a request the SDK signed verifies by construction; hashing is node:crypto, which is
 * synchronous, because services ask IAM synchronously on every call.
 */
import { createHmac, hash, timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { getCanonicalHeaders, SignatureV4 } from '@smithy/signature-v4';
import type { SignedRequest } from '../contracts.ts';

type HttpRequest = Parameters<typeof getCanonicalHeaders>[0];
type HeaderBag = ReturnType<typeof getCanonicalHeaders>;

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTH_RE =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})\s*$/;

export function headerValue(headers: SignedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** undefined when there is no SigV4 Authorization header; `null` when one is there but malformed. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | null | undefined {
  if (header === undefined || header === '') return undefined;
  const m = AUTH_RE.exec(header);
  if (!m) return null;
  return {
    accessKeyId: m[1] as string,
    date: m[2] as string,
    region: m[3] as string,
    service: m[4] as string,
    signedHeaders: (m[5] as string).split(';'),
    signature: m[6] as string,
  };
}

/** Exposes the canonical request the SDK's signer builds, without its asynchronous hashing. */
class Canonicaliser extends SignatureV4 {
  constructor() {
    super({
      service: 'any',
      region: 'any',
      credentials: { accessKeyId: '', secretAccessKey: '' },
      sha256: Sha256,
    });
  }
  canonicalRequest(request: HttpRequest, headers: HeaderBag, payloadHash: string): string {
    return this.createCanonicalRequest(request, headers, payloadHash);
  }
}

const canonicaliser = new Canonicaliser();
const signingKeys = new Map<string, Buffer>();

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const key = `${secret}\n${date}\n${region}\n${service}`;
  let k = signingKeys.get(key);
  if (!k) {
    const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest();
    const kRegion = createHmac('sha256', kDate).update(region).digest();
    const kService = createHmac('sha256', kRegion).update(service).digest();
    k = createHmac('sha256', kService).update('aws4_request').digest();
    if (signingKeys.size > 1000) signingKeys.clear();
    signingKeys.set(key, k);
  }
  return k;
}

function queryOf(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(search)) {
    const had = query[k];
    query[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return query;
}

/** AWS allows this much clock difference between a signature's date and its own clock. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

/** A failed check: the error type and sentence AWS answers with. */
export interface SignatureProblem {
  errorType: 'InvalidSignatureException' | 'IncompleteSignatureException';
  message: string;
}

const AMZ_DATE_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** `20200101T000000Z` as AWS prints dates in these messages. */
export function amzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function parseAmzDate(value: string): number | undefined {
  const m = AMZ_DATE_RE.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se] = m.map(Number) as number[];
  const ms = Date.UTC(y as number, (mo as number) - 1, d, h, mi, se);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * What the headers alone must show before the signature is worth computing: `host` and
 * `x-amz-date` signed (and `x-amz-content-sha256` when sent), a date within 15 minutes of now,
 * and a credential scope of the same day. Answers as AWS does when one is missing.
 */
export function checkSignedHeaders(
  headers: SignedRequest['headers'],
  auth: ParsedAuthorization,
  authorization: string,
  now: number = Date.now(),
): SignatureProblem | undefined {
  const signed = new Set(auth.signedHeaders.map((h) => h.toLowerCase()));
  if (!signed.has('host') && !signed.has(':authority')) {
    return {
      errorType: 'InvalidSignatureException',
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    };
  }
  const date = headerValue(headers, 'x-amz-date');
  if (date === undefined) {
    return {
      errorType: 'IncompleteSignatureException',
      message: `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${authorization}`,
    };
  }
  if (!signed.has('x-amz-date')) {
    return {
      errorType: 'InvalidSignatureException',
      message: "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.",
    };
  }
  if (headerValue(headers, 'x-amz-content-sha256') !== undefined && !signed.has('x-amz-content-sha256')) {
    return {
      errorType: 'InvalidSignatureException',
      message: "'X-Amz-Content-Sha256' must be a 'SignedHeader' in the AWS Authorization.",
    };
  }
  const signedAt = parseAmzDate(date);
  if (signedAt === undefined) {
    return {
      errorType: 'IncompleteSignatureException',
      message: `Date must be in ISO-8601 'basic format'. Got '${date}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    };
  }
  if (signedAt < now - MAX_SKEW_MS) {
    return {
      errorType: 'InvalidSignatureException',
      message: `Signature expired: ${date} is now earlier than ${amzDate(now - MAX_SKEW_MS)} (${amzDate(now)} - 15 min.)`,
    };
  }
  if (signedAt > now + MAX_SKEW_MS) {
    return {
      errorType: 'InvalidSignatureException',
      message: `Signature not yet current: ${date} is still later than ${amzDate(now + MAX_SKEW_MS)} (${amzDate(now)} + 15 min.)`,
    };
  }
  if (auth.date !== date.slice(0, 8)) {
    return {
      errorType: 'InvalidSignatureException',
      message: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${date.slice(0, 8)}', from '${date}'.`,
    };
  }
  return undefined;
}

/**
 * True when `auth.signature` is what `secret` gives over this request. The payload hash is always
 * the hash of the body received: a client's `x-amz-content-sha256` is only a signed header like
 * any other, so a replayed signature with another body never matches.
 */
export function signatureMatches(request: SignedRequest, auth: ParsedAuthorization, secret: string): boolean {
  const amzDateHeader = headerValue(request.headers, 'x-amz-date');
  if (amzDateHeader === undefined) return false;
  const q = request.url.indexOf('?');
  const headers: HeaderBag = {};
  for (const name of auth.signedHeaders) {
    const value = headerValue(request.headers, name);
    if (value === undefined) return false;
    headers[name] = value;
  }
  const httpRequest: HttpRequest = {
    method: request.method,
    protocol: 'http:',
    hostname: '',
    path: q < 0 ? request.url : request.url.slice(0, q),
    query: q < 0 ? {} : queryOf(request.url.slice(q + 1)),
    headers,
  };
  const canonicalHeaders = getCanonicalHeaders(httpRequest, new Set(), new Set(auth.signedHeaders));
  // One-shot hashes: a Hash object per digest cost more than the digest for bodies this small.
  const payloadHash = hash('sha256', request.body, 'hex');
  const canonical = canonicaliser.canonicalRequest(httpRequest, canonicalHeaders, payloadHash);
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDateHeader}\n${scope}\n${hash('sha256', canonical, 'hex')}`;
  const expected = createHmac('sha256', signingKey(secret, auth.date, auth.region, auth.service))
    .update(stringToSign)
    .digest();
  return timingSafeEqual(expected, Buffer.from(auth.signature, 'hex'));
}
