/**
 * The local certificate authority and the front door's server certificate. The CA is made once
 * and kept (instances trust it through its file, so it must not change under them); the server
 * certificate is reissued whenever the names it must carry change. Nothing here touches the
 * system's trust store: only processes that are handed `caFile` trust it.
 *
 * Files, all under `dir` (the emulator uses `.local/tls/`, which git ignores):
 * - `ca/ca.pem`, `ca/ca-key.pem`: the CA. Made in a temporary folder and renamed into place, so
 *   two emulators starting at once agree on one CA.
 * - `server.pem`: the server certificate followed by its key, replaced by an atomic rename.
 */
import { randomBytes, X509Certificate } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface TlsMaterial {
  /** The CA certificate's file: `NODE_EXTRA_CA_CERTS` for Node, `AWS_CA_BUNDLE` for boto3. */
  caFile: string;
  caCert: string;
  /** The server certificate (PEM) and its key, for `tls.createServer`. */
  cert: string;
  key: string;
  /** The DNS names the server certificate carries. */
  names: string[];
  /** A further server certificate under the same CA, kept in memory only (other regions). */
  issue(names: string[]): Promise<{ cert: string; key: string }>;
}

const CA_NAME = 'chosung-workbench local CA (only trusted inside its own Lambda instances)';
const CA_YEARS = 10;
const SERVER_DAYS = 365;
/** A certificate this close to its end is reissued rather than reused. */
const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;

export async function ensureCertificates(options: { dir: string; names: string[] }): Promise<TlsMaterial> {
  const names = [...new Set(options.names.map((n) => n.toLowerCase()))].sort();
  if (names.length === 0) throw new Error('ensureCertificates: no hostnames to certify');
  await mkdir(options.dir, { recursive: true });
  const ca = await ensureCa(path.join(options.dir, 'ca'));
  const serverFile = path.join(options.dir, 'server.pem');
  const existing = await readServer(serverFile, ca.cert, names);
  const server = existing ?? (await issueServer(serverFile, ca, names));
  return {
    caFile: ca.file,
    caCert: ca.pem,
    cert: server.cert,
    key: server.key,
    names,
    issue: async (more) => splitPem(await generateServer(ca, more)),
  };
}

interface Ca {
  file: string;
  pem: string;
  key: string;
  cert: X509Certificate;
}

async function ensureCa(dir: string): Promise<Ca> {
  const existing = await readCa(dir);
  if (existing) return existing;
  // An unreadable or expired CA is replaced; instances started after this trust the new one.
  await rm(dir, { recursive: true, force: true }).catch(() => {});
  const now = new Date();
  const selfsigned = await loadSelfsigned();
  const generated = await selfsigned.generate([{ name: 'commonName', value: CA_NAME }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 3600_000),
    notAfterDate: new Date(now.getFullYear() + CA_YEARS, now.getMonth(), now.getDate()),
    extensions: [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const staging = await mkdtemp(path.join(path.dirname(dir), '.ca-'));
  await writeFile(path.join(staging, 'ca.pem'), generated.cert);
  await writeFile(path.join(staging, 'ca-key.pem'), generated.private, { mode: 0o600 });
  try {
    await rename(staging, dir);
  } catch (error) {
    // Another emulator made one first: use theirs, so every instance trusts the same CA.
    await rm(staging, { recursive: true, force: true });
    const theirs = await readCa(dir);
    if (!theirs) throw error;
    return theirs;
  }
  const made = await readCa(dir);
  if (!made) throw new Error(`the local CA written to ${dir} cannot be read back`);
  return made;
}

async function readCa(dir: string): Promise<Ca | undefined> {
  const file = path.join(dir, 'ca.pem');
  try {
    const [pem, key] = await Promise.all([
      readFile(file, 'utf8'),
      readFile(path.join(dir, 'ca-key.pem'), 'utf8'),
    ]);
    const cert = new X509Certificate(pem);
    if (!cert.ca || !usable(cert)) return undefined;
    return { file, pem, key, cert };
  } catch {
    return undefined;
  }
}

async function readServer(
  file: string,
  ca: X509Certificate,
  names: string[],
): Promise<{ cert: string; key: string } | undefined> {
  try {
    const pem = await readFile(file, 'utf8');
    const { cert, key } = splitPem(pem);
    const parsed = new X509Certificate(cert);
    if (!usable(parsed) || !parsed.checkIssued(ca) || !parsed.verify(ca.publicKey)) return undefined;
    if (sanNames(parsed).join(',') !== names.join(',')) return undefined;
    return { cert, key };
  } catch {
    return undefined;
  }
}

async function issueServer(file: string, ca: Ca, names: string[]): Promise<{ cert: string; key: string }> {
  const pem = await generateServer(ca, names);
  const staging = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(staging, pem, { mode: 0o600 });
  await rename(staging, file);
  return splitPem(pem);
}

/** A server certificate and its key, as one PEM text. */
async function generateServer(ca: Ca, names: string[]): Promise<string> {
  const now = Date.now();
  const selfsigned = await loadSelfsigned();
  const generated = await selfsigned.generate([{ name: 'commonName', value: names[0] as string }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 3600_000),
    notAfterDate: new Date(now + SERVER_DAYS * 24 * 3600_000),
    ca: { key: ca.key, cert: ca.pem },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: names.map((value) => ({ type: 2, value })) },
    ],
  });
  return `${generated.cert.trim()}\n${generated.private.trim()}\n`;
}

function usable(cert: X509Certificate): boolean {
  const now = Date.now();
  return Date.parse(cert.validFrom) <= now && Date.parse(cert.validTo) - RENEW_BEFORE_MS > now;
}

function sanNames(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice(4).toLowerCase())
    .sort();
}

function splitPem(pem: string): { cert: string; key: string } {
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  const key = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/.exec(pem)?.[0];
  if (!cert || !key) throw new Error('server.pem holds no certificate and key');
  return { cert: `${cert}\n`, key: `${key}\n` };
}

/** Loaded only when a certificate is made: its ~200 modules cost every start ~0.1 s otherwise. */
async function loadSelfsigned() {
  return (await import('selfsigned')).default;
}
