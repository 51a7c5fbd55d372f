import { describe, expect, it } from 'vitest';
import { decideJoin } from '../../../lambda/src/rules/identity.ts';

const me = { connectionId: 'new', tokenHash: 'mine' };

describe('decideJoin', () => {
  it('creates a player for a nickname the room has not seen', () => {
    expect(decideJoin(undefined, me, false)).toEqual({ kind: 'create' });
    expect(decideJoin(undefined, { connectionId: 'new' }, false)).toEqual({ kind: 'create' });
  });

  it('keeps the seat of the connection that already holds it (a repeated join)', () => {
    expect(decideJoin({ tokenHash: 'mine', connectionId: 'new' }, me, false)).toEqual({
      kind: 'keep',
      claimToken: false,
    });
    // A 2019-style seat that a browser with a token joins again from the same connection claims it.
    expect(decideJoin({ connectionId: 'new' }, me, false)).toEqual({ kind: 'keep', claimToken: true });
  });

  it('lets the same player (same token) take its seat over, from an open or a closed connection', () => {
    expect(decideJoin({ tokenHash: 'mine', connectionId: 'old' }, me, true)).toEqual({
      kind: 'take-over',
      previous: 'old',
      claimToken: false,
    });
    expect(decideJoin({ tokenHash: 'mine', connectionId: 'old' }, me, false)).toEqual({
      kind: 'take-over',
      previous: undefined,
      claimToken: false,
    });
  });

  it('refuses the nickname to anyone else while its player is connected', () => {
    const held = { tokenHash: 'theirs', connectionId: 'old' };
    expect(decideJoin(held, me, true)).toEqual({ kind: 'refuse', reason: 'nickname-in-use' });
    expect(decideJoin(held, { connectionId: 'new' }, true)).toEqual({
      kind: 'refuse',
      reason: 'nickname-in-use',
    });
    expect(decideJoin({ connectionId: 'old' }, me, true)).toEqual({
      kind: 'refuse',
      reason: 'nickname-in-use',
    });
    expect(decideJoin({ connectionId: 'old' }, { connectionId: 'new' }, true)).toEqual({
      kind: 'refuse',
      reason: 'nickname-in-use',
    });
  });

  it("keeps a token's nickname for that browser even while it is away", () => {
    const away = { tokenHash: 'theirs', connectionId: 'old' };
    expect(decideJoin(away, me, false)).toEqual({ kind: 'refuse', reason: 'nickname-taken' });
    expect(decideJoin(away, { connectionId: 'new' }, false)).toEqual({
      kind: 'refuse',
      reason: 'nickname-taken',
    });
  });

  it('gives a free tokenless seat (the 2019 client) to whoever comes, and a token claims it', () => {
    expect(decideJoin({ connectionId: 'old' }, { connectionId: 'new' }, false)).toEqual({
      kind: 'take-over',
      previous: undefined,
      claimToken: false,
    });
    expect(decideJoin({ connectionId: 'old' }, me, false)).toEqual({
      kind: 'take-over',
      previous: undefined,
      claimToken: true,
    });
    expect(decideJoin({}, me, false)).toEqual({ kind: 'take-over', previous: undefined, claimToken: true });
  });
});
