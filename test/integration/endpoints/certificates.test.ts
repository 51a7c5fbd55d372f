/**
 * The local CA and the front door's certificate, on a real file system: made once, kept, shared
 * by emulators that start together, and reissued (under the same CA) when the names change.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureCertificates } from '../../../emulator/endpoints/certificates.ts';
import { certificateNames } from '../../../emulator/endpoints/hostnames.ts';

const root = mkdtempSync(join(tmpdir(), 'endpoints-tls-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => relative(dir, join(dir, f)))
    .sort();
}

describe('local CA and server certificate', () => {
  it('makes the CA once and reuses it; the server certificate covers the AWS hostnames', async () => {
    const dir = join(root, 'reuse');
    const names = certificateNames(['ap-northeast-2']);
    const first = await ensureCertificates({ dir, names });
    const caBytes = readFileSync(first.caFile, 'utf8');
    const serverBytes = readFileSync(join(dir, 'server.pem'), 'utf8');
    expect(filesUnder(dir)).toEqual(['ca/ca-key.pem', 'ca/ca.pem', 'server.pem']);

    const second = await ensureCertificates({ dir, names });
    expect(second.caFile).toBe(first.caFile);
    expect(readFileSync(second.caFile, 'utf8')).toBe(caBytes);
    expect(readFileSync(join(dir, 'server.pem'), 'utf8')).toBe(serverBytes);
    expect(second.cert).toBe(first.cert);

    const ca = new X509Certificate(caBytes);
    const server = new X509Certificate(second.cert);
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.checkIssued(ca) && server.verify(ca.publicKey)).toBe(true);
    for (const host of [
      'chosung001.execute-api.ap-northeast-2.amazonaws.com',
      'dynamodb.ap-northeast-2.amazonaws.com',
      'logs.ap-northeast-2.amazonaws.com',
      'sts.amazonaws.com',
    ]) {
      expect(server.checkHost(host), host).toBeDefined();
    }
    expect(server.checkHost('dynamodb.us-east-1.amazonaws.com')).toBeUndefined();
  });

  it('reissues the server certificate when the names change, under the same CA', async () => {
    const dir = join(root, 'reissue');
    const seoul = await ensureCertificates({ dir, names: certificateNames(['ap-northeast-2']) });
    const ireland = await ensureCertificates({
      dir,
      names: certificateNames(['eu-west-1'], ['chat.example.com']),
    });
    expect(readFileSync(ireland.caFile, 'utf8')).toBe(seoul.caCert);
    expect(ireland.cert).not.toBe(seoul.cert);
    const server = new X509Certificate(ireland.cert);
    expect(server.checkHost('abcdefghij.execute-api.eu-west-1.amazonaws.com')).toBeDefined();
    expect(server.checkHost('chat.example.com')).toBe('chat.example.com');
    expect(server.checkHost('dynamodb.ap-northeast-2.amazonaws.com')).toBeUndefined();
    expect(server.verify(new X509Certificate(seoul.caCert).publicKey)).toBe(true);
    expect(filesUnder(dir)).toEqual(['ca/ca-key.pem', 'ca/ca.pem', 'server.pem']);
  });

  it('gives emulators that start at the same moment one CA, and leaves no temporary files', async () => {
    const dir = join(root, 'race');
    const names = certificateNames(['ap-northeast-2']);
    const all = await Promise.all(Array.from({ length: 4 }, () => ensureCertificates({ dir, names })));
    const cas = new Set(all.map((m) => m.caCert));
    expect(cas.size).toBe(1);
    expect(readFileSync(join(dir, 'ca', 'ca.pem'), 'utf8')).toBe([...cas][0]);
    for (const material of all) {
      expect(new X509Certificate(material.cert).verify(new X509Certificate(material.caCert).publicKey)).toBe(
        true,
      );
    }
    expect(filesUnder(dir)).toEqual(['ca/ca-key.pem', 'ca/ca.pem', 'server.pem']);
  });

  it('replaces a CA file that is not a certificate', async () => {
    const dir = join(root, 'broken');
    const names = certificateNames(['ap-northeast-2']);
    const first = await ensureCertificates({ dir, names });
    writeFileSync(first.caFile, 'not a certificate\n');
    const second = await ensureCertificates({ dir, names });
    expect(second.caCert).not.toBe(first.caCert);
    expect(new X509Certificate(second.cert).verify(new X509Certificate(second.caCert).publicKey)).toBe(true);
  });
});
