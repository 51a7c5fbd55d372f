/**
 * The two boto3s of this demo, built from Debian's python3-boto3 in a scratch folder:
 *
 * - the "old runtime" SDK: a copy of Debian's botocore without its apigatewaymanagementapi model
 *   (botocore/data/apigatewaymanagementapi), standing in for a Lambda runtime whose bundled
 *   boto3 predates the API (the workshop's in 2019);
 * - the fix, a layer laid out as AWS unzips one into /opt: python/boto3 and python/botocore,
 *   Debian's complete ones (what the workshop uploaded as a Lambda layer).
 *
 * The service models are linked, not copied (85 MB), except the one that is left out.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DEBIAN_SITE = '/usr/lib/python3/dist-packages';
export const MISSING_SERVICE = 'apigatewaymanagementapi';

export interface SdkFolders {
  /** Goes ahead of Debian's boto3 on sys.path: the runtime's bundled, old SDK. */
  oldRuntimeSdk: string;
  /** A layer folder (its python/ holds boto3 and botocore). */
  newBoto3Layer: string;
  remove(): void;
}

export function buildSdkFolders(): SdkFolders {
  const root = mkdtempSync(join(tmpdir(), 'python-old-boto3-'));
  const botocore = join(DEBIAN_SITE, 'botocore');

  const oldRuntimeSdk = join(root, 'runtime-sdk');
  const oldBotocore = join(oldRuntimeSdk, 'botocore');
  cpSync(botocore, oldBotocore, {
    recursive: true,
    preserveTimestamps: true,
    filter: (source) => !source.startsWith(join(botocore, 'data')),
  });
  mkdirSync(join(oldBotocore, 'data'));
  for (const entry of readdirSync(join(botocore, 'data'))) {
    if (entry === MISSING_SERVICE) continue;
    symlinkSync(join(botocore, 'data', entry), join(oldBotocore, 'data', entry));
  }

  const newBoto3Layer = join(root, 'layer-boto3');
  mkdirSync(join(newBoto3Layer, 'python'), { recursive: true });
  for (const pkg of ['boto3', 'botocore']) {
    symlinkSync(join(DEBIAN_SITE, pkg), join(newBoto3Layer, 'python', pkg));
  }
  return { oldRuntimeSdk, newBoto3Layer, remove: () => rmSync(root, { recursive: true, force: true }) };
}
