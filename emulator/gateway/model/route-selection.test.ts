/**
 * Route selection, pure. Rules from
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html
 * and apigateway-websocket-api-routes-integrations.html: JSON messages are routed by the
 * expression's value; non-JSON, missing values and unmatched keys go to $default.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRouteSelection, selectRoute } from './route-selection.ts';

const keys = (...k: string[]) => new Set(k);

describe('route selection', () => {
  const byAction = compileRouteSelection('$request.body.action');

  it('selects the route named by the value, else $default, else none', () => {
    const routes = keys('$connect', '$disconnect', '$default', 'join');
    expect(selectRoute(byAction, '{"action":"join"}', routes)).toBe('join');
    expect(selectRoute(byAction, '{"action":"leave"}', routes)).toBe('$default');
    expect(selectRoute(byAction, 'start!', routes)).toBe('$default');
    expect(selectRoute(byAction, '{"username":"a","content":"b"}', routes)).toBe('$default');
    expect(selectRoute(byAction, '{"action":"leave"}', keys('join'))).toBeUndefined();
  });

  it('never routes a message to $connect or $disconnect', () => {
    const routes = keys('$connect', '$disconnect', '$default');
    expect(selectRoute(byAction, '{"action":"$connect"}', routes)).toBe('$default');
    expect(selectRoute(byAction, '{"action":"$disconnect"}', keys('$disconnect'))).toBeUndefined();
  });

  it('follows nested paths and array indexes; numbers and booleans select by their text', () => {
    expect(compileRouteSelection('$request.body.meta.kind')('{"meta":{"kind":"chat"}}')).toBe('chat');
    expect(compileRouteSelection('$request.body.ops[1]')('{"ops":["a","b"]}')).toBe('b');
    expect(byAction('{"action":7}')).toBe('7');
    expect(byAction('{"action":null}')).toBeUndefined();
    expect(byAction('{"action":["join"]}')).toBeUndefined();
  });

  it('interpolates {request.body.x} templates, and is unmatched when a part is missing', () => {
    const template = compileRouteSelection('${request.body.kind}-${request.body.op}');
    expect(template('{"kind":"game","op":"answer"}')).toBe('game-answer');
    expect(template('{"kind":"game"}')).toBeUndefined();
  });

  it('rejects expressions it cannot evaluate, at compile time', () => {
    expect(() => compileRouteSelection('$request.header.x')).toThrow(/unsupported routeSelectionExpression/);
    expect(() => compileRouteSelection('$request.body.')).toThrow(/names no body field/);
  });

  it('takes a static key: \\$default sends every message to $default, JSON or not', () => {
    const all = compileRouteSelection('\\$default');
    expect(selectRoute(all, '{"action":"join"}', keys('$default', 'join'))).toBe('$default');
    expect(selectRoute(all, 'start!', keys('$default'))).toBe('$default');
    expect(compileRouteSelection('chat')('anything')).toBe('chat');
  });

  it('mixes braced variables with literal text and escaped dollars', () => {
    const versioned = compileRouteSelection('${request.body.version}-beta');
    expect(versioned('{"version":"v2"}')).toBe('v2-beta');
    expect(compileRouteSelection('\\$${request.body.op}')('{"op":"x"}')).toBe('$x');
  });

  it('names what is supported when a variable is not a body field', () => {
    expect(() => compileRouteSelection('$context.routeKey')).toThrow(/not a message body field.*\\\$default/);
    expect(() => compileRouteSelection('${request.body.x')).toThrow(/never closed/);
  });

  it('any non-JSON text goes to $default (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        let isJson = true;
        try {
          JSON.parse(text);
        } catch {
          isJson = false;
        }
        fc.pre(!isJson);
        expect(selectRoute(byAction, text, keys('$default', 'join'))).toBe('$default');
      }),
    );
  });

  it('any string action that names a custom route selects it (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => !s.startsWith('$')),
        (action) => {
          expect(selectRoute(byAction, JSON.stringify({ action }), keys('$default', action))).toBe(action);
        },
      ),
    );
  });
});
