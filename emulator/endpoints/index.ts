/**
 * Transparent AWS endpoints for function instances: a local CA, one HTTPS front door that
 * answers for the AWS hostnames of the emulated services, and what an instance needs to reach it
 * (a preload that redirects port 443, the CA file to trust). Nothing outside the instances
 * changes: no system DNS, no system trust store, no privileged port.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCertificates, type TlsMaterial } from './certificates.ts';
import { type FrontDoor, type FrontDoorTarget, startFrontDoor } from './front-door.ts';
import { certificateNames, nameCovers, regionOf } from './hostnames.ts';

export type { FrontDoor, FrontDoorTarget } from './front-door.ts';
export { executeApiHostname, regionOf, serviceHostname } from './hostnames.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The runtime's own variable (underscore, like `_HANDLER`): where port 443 goes instead. */
export const REDIRECT_ENV = '_WORKBENCH_AWS_REDIRECT';
/** The Node preload, given as `--require` on each Node instance's command line. */
export const NODE_REDIRECT_PRELOAD = path.join(HERE, 'node', 'redirect.cjs');
/** Holds `sitecustomize.py`: Python instances put it on PYTHONPATH to get the same redirect. */
export const PYTHON_REDIRECT_DIR = path.join(HERE, 'python');

export interface EndpointsOptions {
  /** Where the CA and the server certificate live (the emulator: `<repo>/.local/tls`). */
  tlsDir: string;
  /** Regions whose AWS hostnames the certificate must carry. */
  regions: string[];
  /** Hostnames outside the regional wildcards (e.g. a custom domain an event names). */
  extraNames?: string[];
  routes?: Record<string, FrontDoorTarget>;
  /** For AWS hostnames no route names (e.g. DynamoDB in another region). */
  fallback?: (hostname: string) => FrontDoorTarget | undefined;
}

export interface Endpoints {
  frontDoor: FrontDoor;
  tls: TlsMaterial;
  /**
   * Environment for every instance: the redirect target and the CA file, for Node
   * (`NODE_EXTRA_CA_CERTS`) and for the AWS SDKs that read a bundle (`AWS_CA_BUNDLE`: boto3,
   * the AWS CLI, SDK v2). None of them is anything app code reads.
   */
  instanceEnv: Record<string, string>;
  /** Extra `node` arguments for Node instances, before the bootstrap. */
  nodeArgs: string[];
  stop(): Promise<void>;
}

export async function startEndpoints(options: EndpointsOptions): Promise<Endpoints> {
  const tls = await ensureCertificates({
    dir: options.tlsDir,
    names: certificateNames(options.regions, options.extraNames ?? []),
  });
  // Another region's hostnames get a certificate of their own, made when first asked for, so a
  // client in the wrong region meets that region's (empty) service instead of a TLS error.
  const otherRegions = new Map<string, Promise<{ cert: string; key: string }>>();
  const certificateFor = async (servername: string) => {
    if (tls.names.some((pattern) => nameCovers(pattern, servername))) return undefined;
    const region = regionOf(servername);
    if (!region) return undefined;
    let pair = otherRegions.get(region);
    if (!pair) {
      pair = tls.issue(certificateNames([region]));
      otherRegions.set(region, pair);
    }
    return pair;
  };
  const frontDoor = await startFrontDoor({
    cert: tls.cert,
    key: tls.key,
    routes: options.routes ?? {},
    certificateFor,
    ...(options.fallback ? { fallback: options.fallback } : {}),
  });
  return {
    frontDoor,
    tls,
    instanceEnv: {
      [REDIRECT_ENV]: frontDoor.redirect,
      NODE_EXTRA_CA_CERTS: tls.caFile,
      AWS_CA_BUNDLE: tls.caFile,
    },
    nodeArgs: ['--require', NODE_REDIRECT_PRELOAD],
    stop: () => frontDoor.stop(),
  };
}
