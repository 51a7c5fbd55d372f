/**
 * Evaluates the CloudFormation intrinsics serverless.yml uses in its role policy (Ref, Fn::GetAtt
 * …Arn, Fn::Sub, Fn::Join) with the values the emulator plays: its account, region and API id,
 * and the tables' ARNs. Deployed, CloudFormation fills in the real ones.
 */
export interface IntrinsicContext {
  region: string;
  accountId: string;
  apiId: string;
  /** Logical id → physical name of each AWS::DynamoDB::Table resource. */
  tables: Record<string, string>;
  /** Logical id osls gives the WebSocket API. */
  websocketApiLogicalId?: string;
}

export function tableArn(ctx: IntrinsicContext, tableName: string): string {
  return `arn:aws:dynamodb:${ctx.region}:${ctx.accountId}:table/${tableName}`;
}

export function evaluateIntrinsics(value: unknown, ctx: IntrinsicContext): unknown {
  if (Array.isArray(value)) return value.map((v) => evaluateIntrinsics(v, ctx));
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [first] = entries;
  if (entries.length === 1 && first) {
    const [key, arg] = first;
    if (key === 'Ref') return ref(String(arg), ctx);
    if (key === 'Fn::GetAtt') return getAtt(arg, ctx);
    if (key === 'Fn::Sub') return sub(arg, ctx);
    if (key === 'Fn::Join') return join(arg, ctx);
    if (key.startsWith('Fn::')) throw new Error(unsupported(key));
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, evaluateIntrinsics(v, ctx)]));
}

function unsupported(what: string): string {
  return `serverless.yml: ${what} is not supported by the emulator's loader; use Ref, Fn::GetAtt <Table>.Arn, Fn::Sub or Fn::Join.`;
}

function ref(name: string, ctx: IntrinsicContext): string {
  const pseudo: Record<string, string> = {
    'AWS::Region': ctx.region,
    'AWS::AccountId': ctx.accountId,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
  };
  const known = pseudo[name] ?? ctx.tables[name];
  if (known !== undefined) return known;
  if (name === (ctx.websocketApiLogicalId ?? 'WebsocketsApi')) return ctx.apiId;
  throw new Error(unsupported(`Ref ${name}`));
}

function getAtt(arg: unknown, ctx: IntrinsicContext): string {
  const [logicalId, attribute] = Array.isArray(arg) ? arg.map(String) : String(arg).split('.');
  const table = logicalId ? ctx.tables[logicalId] : undefined;
  if (table !== undefined && attribute === 'Arn') return tableArn(ctx, table);
  throw new Error(unsupported(`Fn::GetAtt ${logicalId}.${attribute}`));
}

function sub(arg: unknown, ctx: IntrinsicContext): string {
  const [template, vars] = Array.isArray(arg)
    ? [String(arg[0]), (arg[1] ?? {}) as Record<string, unknown>]
    : [String(arg), {}];
  return template.replace(/\$\{([^}!]+)\}/g, (_whole, name: string) => {
    if (name in vars) return String(evaluateIntrinsics(vars[name], ctx));
    const dot = name.indexOf('.');
    return dot > 0 && !name.startsWith('AWS::')
      ? getAtt([name.slice(0, dot), name.slice(dot + 1)], ctx)
      : ref(name, ctx);
  });
}

function join(arg: unknown, ctx: IntrinsicContext): string {
  if (!Array.isArray(arg) || arg.length !== 2 || !Array.isArray(arg[1]))
    throw new Error(unsupported('Fn::Join (malformed)'));
  const parts = (arg[1] as unknown[]).map((part) => String(evaluateIntrinsics(part, ctx)));
  return parts.join(String(arg[0]));
}
