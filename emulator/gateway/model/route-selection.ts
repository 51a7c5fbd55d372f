/**
 * Route selection, as API Gateway does it for WebSocket messages:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html
 * The expression picks a value out of a JSON body; that value, if it names a route, is the
 * route. Non-JSON bodies, missing values and unknown keys fall to `$default`. Pure: no I/O.
 */

const PREDEFINED = new Set(['$connect', '$disconnect']);
const BODY_PREFIX = '$request.body.';
const TEMPLATE_PART = /\$\{request\.body\.([^}]+)\}/g;

/** A parsed route selection expression: evaluate it against a message body. */
export type RouteSelector = (body: string) => string | undefined;

/**
 * Accepts `$request.body.action`, `$request.body.a.b[0]`, and the `${request.body.x}` form,
 * which may be mixed with literal text (`${request.body.kind}-${request.body.op}`).
 * Any other expression is a configuration mistake and is reported at start, not per message.
 */
export function compileRouteSelection(expression: string): RouteSelector {
  if (expression.startsWith(BODY_PREFIX) && !expression.includes('${')) {
    const path = parsePath(expression.slice(BODY_PREFIX.length), expression);
    return (body) => {
      const json = parseJson(body);
      return json.ok ? scalarAt(json.value, path) : undefined;
    };
  }
  const parts = [...expression.matchAll(TEMPLATE_PART)];
  if (parts.length === 0) {
    throw new Error(
      `unsupported routeSelectionExpression ${JSON.stringify(expression)}: use $request.body.<path> or \${request.body.<path>}`,
    );
  }
  const paths = parts.map((m) => parsePath(m[1] ?? '', expression));
  return (body) => {
    const json = parseJson(body);
    if (!json.ok) return undefined;
    let index = 0;
    let missing = false;
    const key = expression.replace(TEMPLATE_PART, () => {
      const value = scalarAt(json.value, paths[index++] ?? []);
      if (value === undefined) missing = true;
      return value ?? '';
    });
    return missing ? undefined : key;
  };
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
