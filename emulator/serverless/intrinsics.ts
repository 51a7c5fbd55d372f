/**
 * Evaluates CloudFormation intrinsics (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::If, Fn::Select,
 * Fn::Split, and the condition functions) with the values the emulator plays: its account, region
 * and API id, the tables' names and ARNs, a template's parameters and functions. Deployed,
 * CloudFormation fills in the real ones. Both front ends use it: serverless.yml's `resources:` and
 * SAM/CloudFormation templates.
 */
export interface IntrinsicContext {
  region: string;
  accountId: string;
  apiId: string;
  /** Logical id → physical name of each AWS::DynamoDB::Table resource. */
  tables: Record<string, string>;
  /** Logical id osls gives the WebSocket API. */
  websocketApiLogicalId?: string;
  /** Further `Ref` values: parameters, functions (their names), APIs, integrations, roles. */
  refs?: Record<string, unknown>;
  /** `Fn::GetAtt` values beyond tables' Arn: `{ Fn: { Arn: … } }`. */
  attributes?: Record<string, Record<string, string>>;
  /** Evaluated `Conditions`. */
  conditions?: Record<string, boolean>;
  /** `AWS::StackName`. */
  stackName?: string;
  /** Named in errors: `template.yaml`, `serverless.yml`. */
  file?: string;
}

/** `Ref: AWS::NoValue`: the property disappears, as in CloudFormation. */
const NO_VALUE = Symbol('AWS::NoValue');

export function tableArn(ctx: IntrinsicContext, tableName: string): string {
  return `arn:aws:dynamodb:${ctx.region}:${ctx.accountId}:table/${tableName}`;
}

export function evaluateIntrinsics(value: unknown, ctx: IntrinsicContext): unknown {
  const result = evaluate(value, ctx);
  return result === NO_VALUE ? undefined : result;
}

function evaluate(value: unknown, ctx: IntrinsicContext): unknown {
  if (Array.isArray(value)) return value.map((v) => evaluate(v, ctx)).filter((v) => v !== NO_VALUE);
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [first] = entries;
  if (entries.length === 1 && first) {
    const [key, arg] = first;
    switch (key) {
      case 'Ref':
        return ref(String(arg), ctx);
      case 'Fn::GetAtt':
        return getAtt(arg, ctx);
      case 'Fn::Sub':
        return sub(arg, ctx);
      case 'Fn::Join':
        return join(arg, ctx);
      case 'Fn::If':
        return fnIf(arg, ctx);
      case 'Fn::Select':
        return select(arg, ctx);
      case 'Fn::Split':
        return split(arg, ctx);
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not':
      case 'Condition':
        return evaluateCondition(value, ctx);
    }
    if (key.startsWith('Fn::')) throw new Error(unsupported(key, ctx));
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    const evaluated = evaluate(v, ctx);
    if (evaluated !== NO_VALUE) out[k] = evaluated;
  }
  return out;
}

function unsupported(what: string, ctx: IntrinsicContext): string {
  return `${ctx.file ?? 'serverless.yml'}: ${what} is not supported by the emulator's loader; it evaluates Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::If, Fn::Select, Fn::Split and the condition functions over parameters, pseudo parameters, tables, functions and the WebSocket API.`;
}

function ref(name: string, ctx: IntrinsicContext): unknown {
  if (name === 'AWS::NoValue') return NO_VALUE;
  const pseudo: Record<string, string> = {
    'AWS::Region': ctx.region,
    'AWS::AccountId': ctx.accountId,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': ctx.stackName ?? 'stack',
    'AWS::StackId': `arn:aws:cloudformation:${ctx.region}:${ctx.accountId}:stack/${ctx.stackName ?? 'stack'}/00000000-0000-0000-0000-000000000000`,
  };
  if (name === 'AWS::NotificationARNs') return [];
  const known = pseudo[name] ?? ctx.tables[name];
  if (known !== undefined) return known;
  if (ctx.refs && Object.hasOwn(ctx.refs, name)) return ctx.refs[name];
  if (name === (ctx.websocketApiLogicalId ?? 'WebsocketsApi')) return ctx.apiId;
  throw new Error(unsupported(`Ref ${name}`, ctx));
}

function getAtt(arg: unknown, ctx: IntrinsicContext): string {
  const evaluated = Array.isArray(arg) ? arg.map((a) => String(evaluate(a, ctx))) : String(arg).split('.');
  const [logicalId = '', ...rest] = evaluated;
  const attribute = rest.join('.');
  const table = ctx.tables[logicalId];
  if (table !== undefined && attribute === 'Arn') return tableArn(ctx, table);
  const known = ctx.attributes?.[logicalId]?.[attribute];
  if (known !== undefined) return known;
  throw new Error(unsupported(`Fn::GetAtt ${logicalId}.${attribute}`, ctx));
}

function sub(arg: unknown, ctx: IntrinsicContext): string {
  const [template, vars] = Array.isArray(arg)
    ? [String(arg[0]), (arg[1] ?? {}) as Record<string, unknown>]
    : [String(arg), {}];
  // `${!Literal}` is CloudFormation's escape for a literal `${Literal}`.
  return template.replace(/\$\{([^}]+)\}/g, (_whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    if (name in vars) return String(evaluate(vars[name], ctx));
    const dot = name.indexOf('.');
    return dot > 0 && !name.startsWith('AWS::')
      ? getAtt([name.slice(0, dot), name.slice(dot + 1)], ctx)
      : String(ref(name, ctx));
  });
}

function join(arg: unknown, ctx: IntrinsicContext): string {
  if (!Array.isArray(arg) || arg.length !== 2) throw new Error(unsupported('Fn::Join (malformed)', ctx));
  const list = evaluate(arg[1], ctx);
  if (!Array.isArray(list)) throw new Error(unsupported('Fn::Join (malformed)', ctx));
  return list.map((part) => String(part)).join(String(arg[0]));
}

function fnIf(arg: unknown, ctx: IntrinsicContext): unknown {
  if (!Array.isArray(arg) || arg.length !== 3) throw new Error(unsupported('Fn::If (malformed)', ctx));
  const [name, whenTrue, whenFalse] = arg;
  return evaluate(conditionNamed(String(name), ctx) ? whenTrue : whenFalse, ctx);
}

function select(arg: unknown, ctx: IntrinsicContext): unknown {
  if (!Array.isArray(arg) || arg.length !== 2) throw new Error(unsupported('Fn::Select (malformed)', ctx));
  const index = Number(evaluate(arg[0], ctx));
  const list = evaluate(arg[1], ctx);
  if (!Array.isArray(list) || !Number.isInteger(index) || index < 0 || index >= list.length) {
    throw new Error(unsupported(`Fn::Select index ${index} (out of range)`, ctx));
  }
  return list[index];
}

function split(arg: unknown, ctx: IntrinsicContext): string[] {
  if (!Array.isArray(arg) || arg.length !== 2) throw new Error(unsupported('Fn::Split (malformed)', ctx));
  return String(evaluate(arg[1], ctx)).split(String(arg[0]));
}

function conditionNamed(name: string, ctx: IntrinsicContext): boolean {
  const value = ctx.conditions?.[name];
  if (value === undefined)
    throw new Error(unsupported(`condition ${name} (not declared in Conditions)`, ctx));
  return value;
}

/** A condition expression (Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition) to true or false. */
export function evaluateCondition(value: unknown, ctx: IntrinsicContext): boolean {
  if (typeof value === 'boolean') return value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(unsupported(`condition ${JSON.stringify(value)}`, ctx));
  }
  const [entry] = Object.entries(value);
  const [key, arg] = entry ?? ['', undefined];
  const list = Array.isArray(arg) ? arg : [];
  switch (key) {
    case 'Fn::Equals': {
      const [a, b] = list.map((v) => JSON.stringify(evaluate(v, ctx)));
      return a === b;
    }
    case 'Fn::And':
      return list.every((c) => evaluateCondition(c, ctx));
    case 'Fn::Or':
      return list.some((c) => evaluateCondition(c, ctx));
    case 'Fn::Not':
      return !evaluateCondition(list[0], ctx);
    case 'Condition':
      return conditionNamed(String(arg), ctx);
  }
  throw new Error(unsupported(`condition ${key}`, ctx));
}
