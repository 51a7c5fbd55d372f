import { describe, expect, it } from 'vitest';
import { faithfulErrorBody, KEY_SCHEMA_MISMATCH } from './faithful-errors.ts';

const local = (message: string, type = 'com.amazonaws.dynamodb.v20120810#ValidationException') =>
  Buffer.from(JSON.stringify({ __type: type, message }));

describe('engine errors as DynamoDB words them', () => {
  it.each(['GetItem', 'DeleteItem', 'UpdateItem'])('%s with a wrongly named key attribute', (operation) => {
    const out = JSON.parse(
      faithfulErrorBody(operation, local('One of the required keys was not given a value')).toString(),
    );
    expect(out).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#ValidationException',
      message: KEY_SCHEMA_MISMATCH,
    });
  });

  it('leaves every other answer byte for byte', () => {
    const other = local(
      'One or more parameter values were invalid: Missing the key connectionId in the item',
    );
    expect(faithfulErrorBody('PutItem', local('One of the required keys was not given a value'))).toEqual(
      local('One of the required keys was not given a value'),
    );
    expect(faithfulErrorBody('GetItem', other)).toBe(other);
    const notJson = Buffer.from('<html>');
    expect(faithfulErrorBody('GetItem', notJson)).toBe(notJson);
    const notValidation = local(
      'One of the required keys was not given a value',
      'x#ResourceNotFoundException',
    );
    expect(faithfulErrorBody('DeleteItem', notValidation)).toBe(notValidation);
    expect(faithfulErrorBody(undefined, other)).toBe(other);
  });
});
