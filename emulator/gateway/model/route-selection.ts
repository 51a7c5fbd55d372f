/**
 * Route selection, as API Gateway does it for WebSocket messages:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html
 * The expression picks a value out of a JSON body; that value, if it names a route, is the
 * route. Non-JSON bodies, missing values and unknown keys fall to `$default`. Pure: no I/O.
 */

const PREDEFINED = new Set(['$connect', '$disconnect']);
const SUPPORTED =
  'use $request.body.<path>, ${request.body.<path>} (with literal text around it), or a static key such as \\$default';

/** A parsed route selection expression: evaluate it against a message body. */
export type RouteSelector = (body: string) => string | undefined;

type Part = { kind: 'text'; text: string } | { kind: 'body'; path: Path };

/**
 * The selection-expression language of
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html:
 * `$` starts a variable, braces bound one (`${request.body.kind}-beta`), `\$` is a literal dollar
 * (`\$default` always selects `$default`), anything else is literal text. For routes the only
 * variables are `request.body.<JSON path>`. Anything else is reported at start, not per message.
 */
export function compileRouteSelection(expression: string): RouteSelector {
  const parts = parseExpression(expression);
  if (!parts.some((p) => p.kind === 'body')) {
    const key = parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
    return () => key;
  }
  return (body) => {
    const json = parseJson(body);
    if (!json.ok) return undefined;
    let key = '';
    for (const part of parts) {
      if (part.kind === 'text') {
        key += part.text;
        continue;
      }
      const value = scalarAt(json.value, part.path);
      if (value === undefined) return undefined;
      key += value;
    }
    return key;
  };
}

function parseExpression(expression: string): Part[] {
  const parts: Part[] = [];
  const text = (t: string) => {
    const last = parts.at(-1);
    if (last?.kind === 'text') last.text += t;
    else parts.push({ kind: 'text', text: t });
  };
  let i = 0;
  while (i < expression.length) {
    const ch = expression[i] as string;
    if (ch === '\\' && expression[i + 1] === '$') {
      text('$');
      i += 2;
      continue;
    }
    if (ch !== '$') {
      text(ch);
      i += 1;
      continue;
    }
    let variable: string;
    if (expression[i + 1] === '{') {
      const close = expression.indexOf('}', i + 2);
      if (close < 0)
        throw new Error(`routeSelectionExpression ${JSON.stringify(expression)}: \${ is never closed`);
      variable = expression.slice(i + 2, close);
      i = close + 1;
    } else {
      const m = /^[A-Za-z0-9_.[\]-]*/.exec(expression.slice(i + 1));
      variable = m?.[0] ?? '';
      i += 1 + variable.length;
    }
    if (!variable.startsWith('request.body.')) {
      throw new Error(
        `unsupported routeSelectionExpression ${JSON.stringify(expression)}: $${variable || '(nothing)'} is not a message body field; ${SUPPORTED}`,
      );
    }
    parts.push({ kind: 'body', path: parsePath(variable.slice('request.body.'.length), expression) });
  }
  if (parts.length === 0) throw new Error(`routeSelectionExpression is empty; ${SUPPORTED}`);
  return parts;
}

/**
 * The route a message goes to: the selected key when a route has it, else `$default` when it
 * exists, else none (AWS then answers the client with `Forbidden`). `$connect` and
 * `$disconnect` are never reachable from a message body.
 */
export function selectRoute(
  selector: RouteSelector,
  body: string,
  routeKeys: ReadonlySet<string>,
): string | undefined {
  const key = selector(body);
  if (key !== undefined && !PREDEFINED.has(key) && routeKeys.has(key)) return key;
  return routeKeys.has('$default') ? '$default' : undefined;
}

type Path = (string | number)[];

function parsePath(text: string, expression: string): Path {
  const path: Path = [];
  for (const m of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) path.push(Number(m[2]));
    else if (m[1] !== undefined) path.push(m[1]);
  }
  if (path.length === 0)
    throw new Error(`routeSelectionExpression ${JSON.stringify(expression)} names no body field`);
  return path;
}

function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

/** Strings, numbers and booleans select a route by their text; objects, arrays and null do not. */
function scalarAt(value: unknown, path: Path): string | undefined {
  let current: unknown = value;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  if (typeof current === 'string') return current;
  if (typeof current === 'number' || typeof current === 'boolean') return String(current);
  return undefined;
}
