/**
 * Hostile HTTP for the security tests: requests signed by the SDK's own signer and then tampered
 * with, or sent with headers no SDK would send, over plain node:http so nothing corrects them.
 */
import { request } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RawRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** Sends exactly these headers and body; answers with status, headers and body text. */
export function send(req: RawRequest): Promise<RawAnswer> {
  const url = new URL(req.url);
  return new Promise((resolve, reject) => {
    const r = request(
      {
        hostname: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: req.method ?? 'POST',
        headers: req.headers ?? {},
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });
}

export interface SignOptions {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body: string;
  service: 'dynamodb' | 'execute-api';
  region?: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  signingDate?: Date;
  /** Headers present but left out of SignedHeaders. */
  unsignable?: string[];
}

/** The headers an SDK would send for this request, signed with @smithy/signature-v4. */
export async function signedHeaders(options: SignOptions): Promise<Record<string, string>> {
  const url = new URL(options.url);
  const signer = new SignatureV4({
    service: options.service,
    region: options.region ?? 'ap-northeast-2',
    credentials: options.credentials,
    sha256: Sha256,
  });
  const signed = await signer.sign(
    {
      method: options.method ?? 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: {},
      headers: { host: url.host, ...(options.headers ?? {}) },
      body: options.body,
    },
    {
      ...(options.signingDate ? { signingDate: options.signingDate } : {}),
      ...(options.unsignable ? { unsignableHeaders: new Set(options.unsignable) } : {}),
    },
  );
  return signed.headers as Record<string, string>;
}

/** The headers of a DynamoDB JSON call, before signing. */
export function dynamoHeaders(operation: string): Record<string, string> {
  return {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': `DynamoDB_20120810.${operation}`,
  };
}
