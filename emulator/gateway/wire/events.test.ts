import { describe, expect, it } from 'vitest';
import { formatRequestTime } from './events.ts';

describe('event fields', () => {
  it("requestTime uses API Gateway's CLF format in UTC", () => {
    // As in the execution logs quoted in https://github.com/boto/boto3/issues/3789
    expect(formatRequestTime(Date.UTC(2023, 6, 20, 23, 29, 25))).toBe('20/Jul/2023:23:29:25 +0000');
    expect(formatRequestTime(Date.UTC(2019, 0, 5, 3, 4, 5))).toBe('05/Jan/2019:03:04:05 +0000');
  });
});
