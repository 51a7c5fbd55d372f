import { describe, expect, it } from 'vitest';
import { AuthorizerCache, identityValues, verdictFromResult } from './connect-authorizer.ts';

const ARN = 'arn:aws:execute-api:ap-northeast-2:123456789012:abcdefghij/dev/$connect';
const policy = (Effect: string, Resource = ARN) => ({
  principalId: 'p',
  policyDocument: { Version: '2012-10-17', Statement: [{ Effect, Action: 'execute-api:Invoke', Resource }] },
});

describe('connect authorizer decisions', () => {
  it('reads headers case-insensitively and query strings exactly; a missing or empty one is no identity', () => {
    const sources = { identitySource: ['route.request.header.Auth', 'route.request.querystring.token'] };
    expect(identityValues(sources, { AUTH: 'a' }, { token: 't' })).toEqual(['a', 't']);
    expect(identityValues(sources, { Auth: 'a' }, { Token: 't' })).toBeUndefined();
    expect(identityValues(sources, { Auth: '' }, { token: 't' })).toBeUndefined();
  });

  it('allows only what the policy allows on the methodArn, wildcards as IAM matches them', () => {
    expect(verdictFromResult({ ok: true, payload: policy('Allow') }, ARN, 5)).toMatchObject({ allow: true });
    expect(
      verdictFromResult(
        { ok: true, payload: policy('Allow', 'arn:aws:execute-api:*:*:abcdefghij/*/*') },
        ARN,
        5,
      ),
    ).toMatchObject({ allow: true });
    expect(
      verdictFromResult(
        { ok: true, payload: policy('Allow', 'arn:aws:execute-api:*:*:otherapi00/*') },
        ARN,
        5,
      ),
    ).toMatchObject({ allow: false, status: 403 });
    expect(verdictFromResult({ ok: true, payload: policy('Deny') }, ARN, 5)).toMatchObject({ status: 403 });
    expect(verdictFromResult({ ok: true, payload: { principalId: 'p' } }, ARN, 5)).toMatchObject({
      status: 500,
    });
    expect(
      verdictFromResult({ ok: false, errorType: 'Error', errorMessage: 'Unauthorized' }, ARN, 5),
    ).toMatchObject({ status: 401 });
  });

  it('forgets a decision when its TTL has passed', () => {
    let now = 1_000;
    const cache = new AuthorizerCache(300, () => now);
    const verdict = verdictFromResult({ ok: true, payload: policy('Allow') }, ARN, 1);
    cache.set(['a'], verdict);
    now += 299_999;
    expect(cache.get(['a'])).toBe(verdict);
    expect(cache.get(['b'])).toBeUndefined();
    now += 1;
    expect(cache.get(['a'])).toBeUndefined();
  });
});
