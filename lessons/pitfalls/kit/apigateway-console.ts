/**
 * What the API Gateway console is to a demo: an @aws-sdk/client-apigatewayv2 client signed with
 * the administrator's key, talking to `https://apigateway.<region>.amazonaws.com` as the console
 * does. The hostname is resolved to the emulator's front door and TLS is verified against the
 * workbench CA; nothing else differs from a client pointed at AWS.
 */

import { Agent } from 'node:https';
import type { LookupFunction } from 'node:net';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import type { RunningEmulator } from '../../../emulator/start.ts';

export interface ApiGatewayConsole {
  client: ApiGatewayV2Client;
  close(): void;
}

export function apiGatewayConsole(emulator: RunningEmulator): ApiGatewayConsole {
  const { region } = emulator.stack;
  const frontDoor = '127.0.0.1';
  const lookup = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options.all) callback(null, [{ address: frontDoor, family: 4 }]);
    else callback(null, frontDoor, 4);
  }) as unknown as LookupFunction;
  const agent = new Agent({ ca: emulator.endpoints.tls.caCert, lookup });
  const client = new ApiGatewayV2Client({
    region,
    endpoint: `https://apigateway.${region}.amazonaws.com:${emulator.endpoints.frontDoor.port}`,
    credentials: { accessKeyId: emulator.admin.accessKeyId, secretAccessKey: emulator.admin.secretAccessKey },
    requestHandler: { httpsAgent: agent },
  });
  return {
    client,
    close: () => {
      client.destroy();
      agent.destroy();
    },
  };
}
