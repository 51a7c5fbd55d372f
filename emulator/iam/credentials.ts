/** Temporary credentials in the shapes STS gives an assumed role, so nothing downstream can tell. */
import { randomBytes, randomInt } from 'node:crypto';
import type { Credentials } from '../contracts.ts';

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function pick(alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

export function newSessionCredentials(): Credentials {
  return {
    // 'ASIA' marks temporary (STS) keys, as the key ids a Lambda function sees do.
    accessKeyId: `ASIA${pick(KEY_ALPHABET, 16)}`,
    secretAccessKey: pick(SECRET_ALPHABET, 40),
    sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(192).toString('base64')}`,
  };
}

/** A long-term key pair, as IAM gives a user: 'AKIA' marks long-term keys. */
export function newAccessKeyPair(): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: `AKIA${pick(KEY_ALPHABET, 16)}`, secretAccessKey: pick(SECRET_ALPHABET, 40) };
}

export function isTemporaryKey(accessKeyId: string): boolean {
  return accessKeyId.startsWith('ASIA');
}
