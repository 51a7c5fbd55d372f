import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { positionOf, questionIndexAt, questionOrder } from '../../../lambda/src/rules/shuffle.ts';
import { QUESTIONS } from '../../../lambda/src/words/questions.ts';

describe('questionOrder', () => {
  it('is a permutation of the bank: no question repeats before every one was asked', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 600 }), (room, count) => {
        const order = questionOrder(room, count);
        expect(order).toHaveLength(count);
        expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i));
      }),
    );
  });

  it('is the same for the same room every time (tests and replays can predict it)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 300 }), (room, count) => {
        expect([...questionOrder(room, count)]).toEqual([...questionOrder(room, count)]);
      }),
    );
  });

  it('differs between rooms: three rooms do not start alike', () => {
    const count = QUESTIONS.length;
    const starts = ['general', 'alpha', 'beta', '초성방'].map((room) =>
      questionOrder(room, count)
        .slice(0, 3)
        .map((i) => QUESTIONS[i]),
    );
    expect(new Set(starts.map((start) => start.join())).size).toBe(starts.length);
    // Not the bank order either (the workshop's "every room asks 강아지 first").
    expect(questionOrder('alpha', count).slice(0, 5)).not.toEqual([0, 1, 2, 3, 4]);
  });

  it('maps positions to questions and back, wrapping after the last', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 200 }), fc.nat(), (room, count, at) => {
        const position = at % count;
        const index = questionIndexAt(room, position, count);
        expect(positionOf(room, index, count)).toBe(position);
        expect(questionIndexAt(room, position + count, count)).toBe(index);
      }),
    );
    expect(() => questionOrder('r', 0)).toThrow(RangeError);
  });
});
