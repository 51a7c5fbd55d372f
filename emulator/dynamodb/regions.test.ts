import { describe, expect, it } from 'vitest';
import { otherRegionAnswer, signedRegion } from './regions.ts';

const signed = (region: string, operation: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=ASIAROLE0001/20190626/${region}/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`,
  'x-amz-target': `DynamoDB_20120810.${operation}`,
});
const body = (value: object) => Buffer.from(JSON.stringify(value));

describe('regions', () => {
  it('reads the region from the credential scope', () => {
    expect(signedRegion(signed('us-east-1', 'GetItem'))).toBe('us-east-1');
    expect(signedRegion({})).toBeUndefined();
  });

  it('lets the hosted region and unsigned requests through', () => {
    expect(
      otherRegionAnswer(signed('ap-northeast-2', 'GetItem'), body({ TableName: 'User' }), 'ap-northeast-2'),
    ).toBeUndefined();
    expect(
      otherRegionAnswer({ 'x-amz-target': 'DynamoDB_20120810.GetItem' }, body({}), 'ap-northeast-2'),
    ).toBeUndefined();
  });

  it('answers for another region as DynamoDB does where nothing was created', () => {
    const hosted = 'ap-northeast-2';
    expect(otherRegionAnswer(signed('us-east-1', 'ListTables'), body({}), hosted)).toEqual({
      status: 200,
      body: { TableNames: [] },
    });
    expect(otherRegionAnswer(signed('us-east-1', 'PutItem'), body({ TableName: 'User' }), hosted)).toEqual({
      status: 400,
      body: {
        __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
        message: 'Requested resource not found',
      },
    });
    expect(
      otherRegionAnswer(signed('us-east-1', 'DescribeTable'), body({ TableName: 'User' }), hosted)?.body
        .message,
    ).toBe('Requested resource not found: Table: User not found');
    expect(
      otherRegionAnswer(signed('eu-west-1', 'CreateTable'), body({ TableName: 'User' }), hosted)?.body
        .message,
    ).toContain('Creating tables in another region is not emulated');
  });
});
