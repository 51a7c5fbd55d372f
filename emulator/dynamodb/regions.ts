/**
 * DynamoDB is regional: tables made in ap-northeast-2 do not exist for a client that talks to
 * us-east-1. The emulator hosts one region, the stack's; a request signed for any other region
 * (the credential scope of its SigV4 signature, which is how the engine tells regions apart too)
 * sees that region as AWS would see a region where nothing was ever created: no tables.
 *
 * Creating tables in another region is not emulated: that request gets a clear error instead of
 * landing in the hosted region, where it would hide the mistake this models.
 */
import type { IncomingHttpHeaders } from 'node:http';

const CREDENTIAL_SCOPE = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/dynamodb\/aws4_request/;
const TARGET_PREFIX = 'DynamoDB_20120810.';

export interface RegionAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** The region a request was signed for, from its Authorization header; undefined when unsigned. */
export function signedRegion(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  return typeof auth === 'string' ? CREDENTIAL_SCOPE.exec(auth)?.[1] : undefined;
}

/** What DynamoDB in an empty region answers; undefined when the request is for the hosted region. */
export function otherRegionAnswer(
  headers: IncomingHttpHeaders,
  body: Buffer,
  hostedRegion: string,
): RegionAnswer | undefined {
  const region = signedRegion(headers);
  if (region === undefined || region === hostedRegion) return undefined;
  const target = headers['x-amz-target'];
  const operation =
    typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  if (operation === 'ListTables') return { status: 200, body: { TableNames: [] } };
  if (operation === 'CreateTable')
    return {
      status: 400,
      body: {
        __type: 'com.amazonaws.dynamodb.v20120810#ValidationException',
        message: `This emulator hosts one region, ${hostedRegion}; the request was signed for ${region}. Creating tables in another region is not emulated: set the client's region to ${hostedRegion} (AWS_REGION or the region option).`,
      },
    };
  let tableName: unknown;
  try {
    tableName = (JSON.parse(body.toString('utf8') || '{}') as { TableName?: unknown }).TableName;
  } catch {
    tableName = undefined;
  }
  return {
    status: 400,
    body: {
      __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
      // DescribeTable names the table; the data operations say only this much.
      message:
        operation === 'DescribeTable' && typeof tableName === 'string'
          ? `Requested resource not found: Table: ${tableName} not found`
          : 'Requested resource not found',
    },
  };
}
