import { describe, expect, it } from 'vitest';
import { filterLogEvents, getLogEvents, groupOf } from '../../../emulator/logs/api/actions.ts';
import { LogsError } from '../../../emulator/logs/api/errors.ts';
import { compileFilterPattern } from '../../../emulator/logs/api/filter-pattern.ts';
import { LogStore } from '../../../emulator/logs/store.ts';

describe('filter patterns', () => {
  it('matches terms (all), quoted phrases, -exclusions and ?any-of, case-sensitively', () => {
    const match = (pattern: string, message: string) => compileFilterPattern(pattern)(message);
    expect(match('', 'anything')).toBe(true);
    expect(match('ERROR timeout', 'ERROR: a timeout')).toBe(true);
    expect(match('ERROR timeout', 'ERROR only')).toBe(false);
    expect(match('error', 'ERROR')).toBe(false);
    expect(match('"Task timed out"', 'x Task timed out after 3.00 seconds')).toBe(true);
    expect(match('"Task timed out"', 'Task was timed out')).toBe(false);
    expect(match('REPORT -Init', 'REPORT RequestId: r\tInit Duration: 3 ms')).toBe(false);
    expect(match('?WARN ?ERROR', 'a WARN line')).toBe(true);
    expect(match('?WARN ?ERROR', 'an INFO line')).toBe(false);
  });

  it('refuses JSON and space-delimited patterns with a message, instead of misreading them', () => {
    expect(() => compileFilterPattern('{ $.level = "ERROR" }')).toThrow(/not JSON or space-delimited/);
    expect(() => compileFilterPattern('[ip, user]')).toThrow(/not JSON or space-delimited/);
  });
});

describe('Logs API actions', () => {
  const ctx = () => {
    const store = new LogStore();
    for (let i = 0; i < 5; i++) {
      store.put({
        functionName: 'f',
        logGroup: '/aws/lambda/f',
        logStream: 's1',
        timestamp: 1000 + i,
        message: `line ${i}`,
      });
    }
    return { store, region: 'ap-northeast-2', accountId: '123456789012' };
  };

  it('takes a group by name or by ARN, not both', () => {
    expect(
      groupOf({ logGroupIdentifier: 'arn:aws:logs:ap-northeast-2:123456789012:log-group:/aws/lambda/f:*' }),
    ).toBe('/aws/lambda/f');
    expect(groupOf({ logGroupName: '/aws/lambda/f' })).toBe('/aws/lambda/f');
    expect(() => groupOf({ logGroupName: 'a', logGroupIdentifier: 'b' })).toThrow(LogsError);
    expect(() => groupOf({})).toThrow(/Member must not be null/);
  });

  it('GetLogEvents without a token returns the newest events; the backward token pages back', () => {
    const c = ctx();
    const last = getLogEvents(c, { logGroupName: '/aws/lambda/f', logStreamName: 's1', limit: 2 });
    expect(last.events.map((e) => e.message)).toEqual(['line 3', 'line 4']);
    const earlier = getLogEvents(c, {
      logGroupName: '/aws/lambda/f',
      logStreamName: 's1',
      limit: 2,
      nextToken: last.nextBackwardToken,
    });
    expect(earlier.events.map((e) => e.message)).toEqual(['line 1', 'line 2']);
    const forward = getLogEvents(c, {
      logGroupName: '/aws/lambda/f',
      logStreamName: 's1',
      nextToken: last.nextForwardToken,
    });
    expect(forward.events).toEqual([]);
    expect(forward.nextForwardToken).toBe(last.nextForwardToken);
  });

  it('FilterLogEvents pages stay right while events keep arriving, and a token from another query is refused', () => {
    const c = ctx();
    const first = filterLogEvents(c, { logGroupName: '/aws/lambda/f', limit: 3 });
    expect(first.events.map((e) => e.message)).toEqual(['line 0', 'line 1', 'line 2']);
    c.store.put({
      functionName: 'f',
      logGroup: '/aws/lambda/f',
      logStream: 's1',
      timestamp: 1005,
      message: 'line 5',
    });
    const second = filterLogEvents(c, {
      logGroupName: '/aws/lambda/f',
      limit: 3,
      nextToken: first.nextToken,
    });
    expect(second.events.map((e) => e.message)).toEqual(['line 3', 'line 4', 'line 5']);
    expect(second.nextToken).toBeUndefined();
    expect(() =>
      filterLogEvents(c, { logGroupName: '/aws/lambda/f', filterPattern: 'x', nextToken: first.nextToken }),
    ).toThrow('The specified nextToken is invalid.');
    expect(() => filterLogEvents(c, { logGroupName: '/aws/lambda/f', limit: 0 })).toThrow(/validation error/);
  });
});
