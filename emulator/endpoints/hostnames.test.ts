import { describe, expect, it } from 'vitest';
import { certificateNames, executeApiHostname, nameCovers, regionOf } from './hostnames.ts';

describe('AWS hostnames', () => {
  it('names an API as API Gateway does', () => {
    expect(executeApiHostname('chosung001', 'ap-northeast-2')).toBe(
      'chosung001.execute-api.ap-northeast-2.amazonaws.com',
    );
  });

  it('matches a wildcard against exactly one label, as TLS clients do', () => {
    expect(nameCovers('*.ap-northeast-2.amazonaws.com', 'dynamodb.ap-northeast-2.amazonaws.com')).toBe(true);
    expect(nameCovers('*.ap-northeast-2.amazonaws.com', 'x.execute-api.ap-northeast-2.amazonaws.com')).toBe(
      false,
    );
    expect(nameCovers('*.amazonaws.com', 'amazonaws.com')).toBe(false);
    expect(
      nameCovers('dynamodb.ap-northeast-2.amazonaws.com', 'DynamoDB.ap-northeast-2.amazonaws.com.'),
    ).toBe(true);
  });

  it('lists each wildcard level once, and extra names only when no wildcard covers them', () => {
    expect(
      certificateNames(['eu-west-1'], ['abcdefghij.execute-api.eu-west-1.amazonaws.com', 'Chat.Example.com']),
    ).toEqual([
      '*.amazonaws.com',
      '*.eu-west-1.amazonaws.com',
      '*.execute-api.eu-west-1.amazonaws.com',
      'chat.example.com',
    ]);
  });

  it('reads the region out of a regional hostname', () => {
    expect(regionOf('dynamodb.us-east-1.amazonaws.com')).toBe('us-east-1');
    expect(regionOf('abcdefghij.execute-api.ap-northeast-2.amazonaws.com')).toBe('ap-northeast-2');
    expect(regionOf('dynamodb.us-gov-west-1.amazonaws.com')).toBe('us-gov-west-1');
    expect(regionOf('sts.amazonaws.com')).toBeUndefined();
    expect(regionOf('example.com')).toBeUndefined();
  });
});
