import { describe, expect, it } from 'vitest';
import { newConnectionId } from './ids.ts';

describe('connection ids', () => {
  it('have the shape of AWS examples, stay URL-safe, and do not repeat across pool refills', () => {
    const ids = Array.from({ length: 5000 }, () => newConnectionId());
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{14}[AEIMQUYcgkosw048]=$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
