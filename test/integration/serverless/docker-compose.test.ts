/**
 * docker-compose.yml, checked by parsing (no Docker engine on these machines): the services the
 * README promises, wired to each other and to the variables the emulator really reads.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO } from '../../support/processes.ts';

interface Service {
  image?: string;
  command?: string[] | string;
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: string[];
}

const compose = parse(readFileSync(resolve(REPO, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
};
const { dynamodb, 'dynamodb-admin': admin, app } = compose.services;
const emulatorSource = ['emulator/config.ts', 'emulator/dynamodb/engine.ts']
  .map((f) => readFileSync(resolve(REPO, f), 'utf8'))
  .join('\n');

/** "127.0.0.1:8002:8000" → { host: 8002, container: 8000 } */
function ports(service: Service | undefined): Array<{ host: number; container: number }> {
  return (service?.ports ?? []).map((p) => {
    const parts = p.split(':');
    return { host: Number(parts.at(-2)), container: Number(parts.at(-1)) };
  });
}

describe('docker-compose.yml', () => {
  it('runs amazon/dynamodb-local with one database for every access key', () => {
    expect(dynamodb?.image).toMatch(/^amazon\/dynamodb-local(:|$)/);
    expect([dynamodb?.command].flat().join(' ')).toMatch(/-sharedDb/);
  });

  it('points dynamodb-admin at that DynamoDB', () => {
    expect(admin?.image).toMatch(/^aaronshaf\/dynamodb-admin(:|$)/);
    const containerPort = ports(dynamodb)[0]?.container;
    expect(admin?.environment?.DYNAMO_ENDPOINT).toBe(`http://dynamodb:${containerPort}`);
  });

  it('runs the app with npm start on the external engine, through variables the emulator reads', () => {
    expect([app?.command].flat().join(' ')).toMatch(/npm start -- --host 0\.0\.0\.0/);
    expect(app?.environment?.DYNAMODB_ENDPOINT).toBe(`http://dynamodb:${ports(dynamodb)[0]?.container}`);
    expect(app?.depends_on).toContain('dynamodb');
    for (const name of Object.keys(app?.environment ?? {})) expect(emulatorSource).toContain(name);
  });

  it('publishes the ports of the READY line, and no two services on one host port', () => {
    const published = ports(app)
      .map((p) => p.container)
      .sort();
    const env = app?.environment ?? {};
    expect(published).toEqual([env.WEB_PORT, env.WS_PORT, env.DYNAMODB_PORT].map(Number).sort());
    const hostPorts = Object.values(compose.services).flatMap((s) => ports(s).map((p) => p.host));
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });
});
