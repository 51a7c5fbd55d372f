import { describe, expect, it } from 'vitest';
import { actionMatches, resourceMatches } from '../../../emulator/iam/wildcards.ts';

const CONNECTION =
  'arn:aws:execute-api:ap-northeast-2:123456789012:chosung001/dev/POST/@connections/L0SM9cOFvHcCIhw=';

describe('resource wildcards, as reference_policies_elements_resource describes them', () => {
  it("matches the workshop's **/@connections/* on any API, stage, method and connection", () => {
    const pattern = 'arn:aws:execute-api:*:*:**/@connections/*';
    expect(resourceMatches(pattern, CONNECTION)).toBe(true);
    expect(
      resourceMatches(pattern, 'arn:aws:execute-api:us-east-1:999999999999:abc/prod/DELETE/@connections/x'),
    ).toBe(true);
    expect(
      resourceMatches(pattern, 'arn:aws:execute-api:ap-northeast-2:123456789012:chosung001/dev/POST/other/x'),
    ).toBe(false);
  });

  it('lets * in the resource part run over / (S3-style object keys, DynamoDB indexes)', () => {
    expect(resourceMatches('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b/c.txt')).toBe(true);
    expect(
      resourceMatches('arn:aws:dynamodb:*:*:table/User*', 'arn:aws:dynamodb:r:1:table/User/index/room-index'),
    ).toBe(true);
    expect(
      resourceMatches('arn:aws:dynamodb:*:*:table/User', 'arn:aws:dynamodb:r:1:table/User/index/room-index'),
    ).toBe(false);
  });

  it('keeps a * inside an ARN segment within that segment', () => {
    expect(
      resourceMatches(
        'arn:aws:dynamodb:ap-*-2:123456789012:table/User',
        'arn:aws:dynamodb:ap-northeast-2:123456789012:table/User',
      ),
    ).toBe(true);
    expect(resourceMatches('arn:aws:dynamodb:a*b:1:table/T', 'arn:aws:dynamodb:a:x:b:1:table/T')).toBe(false);
  });

  it('lets a * that ends a segment run past colons', () => {
    expect(
      resourceMatches(
        'arn:aws:logs:ap-northeast-2:123456789012:*',
        'arn:aws:logs:ap-northeast-2:123456789012:log-group:/aws/lambda/f:*',
      ),
    ).toBe(true);
    expect(resourceMatches('arn:aws:execute-api:*', CONNECTION)).toBe(true);
  });

  it('matches ? as exactly one character and is case-sensitive', () => {
    expect(resourceMatches('arn:aws:dynamodb:*:*:table/Use?', 'arn:aws:dynamodb:r:1:table/User')).toBe(true);
    expect(resourceMatches('arn:aws:dynamodb:*:*:table/Use?', 'arn:aws:dynamodb:r:1:table/Users')).toBe(
      false,
    );
    expect(resourceMatches('arn:aws:dynamodb:*:*:table/user', 'arn:aws:dynamodb:r:1:table/User')).toBe(false);
  });

  it('treats regex characters in patterns literally', () => {
    expect(resourceMatches('arn:aws:dynamodb:*:*:table/a.b', 'arn:aws:dynamodb:r:1:table/aXb')).toBe(false);
    expect(resourceMatches('arn:aws:dynamodb:*:*:table/a.b', 'arn:aws:dynamodb:r:1:table/a.b')).toBe(true);
  });
});

describe('action wildcards', () => {
  it('are case-insensitive globs', () => {
    expect(actionMatches('dynamodb:*', 'dynamodb:PutItem')).toBe(true);
    expect(actionMatches('DynamoDB:putitem', 'dynamodb:PutItem')).toBe(true);
    expect(actionMatches('dynamodb:Get*', 'dynamodb:GetItem')).toBe(true);
    expect(actionMatches('dynamodb:Get*', 'dynamodb:PutItem')).toBe(false);
    expect(actionMatches('*', 'execute-api:ManageConnections')).toBe(true);
    expect(actionMatches('logs:*', 'dynamodb:PutItem')).toBe(false);
  });
});
