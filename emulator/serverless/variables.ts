/**
 * The few Serverless Framework variables serverless.yml uses, resolved the way osls does:
 * ${self:path}, ${sls:stage}, ${opt:stage|region}, ${aws:region}, ${env:NAME} and a fallback
 * after a comma (`${env:PORT, 8000}`). Anything without a `source:` prefix, such as
 * CloudFormation's ${AWS::Region} or ${Table.Arn} inside Fn::Sub, is left for CloudFormation.
 */
export interface VariableContext {
  stage: string;
  region: string;
  env: NodeJS.ProcessEnv;
  /**
   * The command-line options `${opt:…}` reads (`--stage`, `--region`); when given, an option not
   * passed has no value, so `${opt:stage, 'beta'}` falls back as osls does.
   */
  options?: { stage?: string | undefined; region?: string | undefined };
}

// Innermost first: the body holds no further `${`.
const VARIABLE = /\$\{([^{}]*)\}/;
const SOURCE = /^\s*(self|sls|opt|aws|env):/;

export function resolveVariables(
  config: Record<string, unknown>,
  ctx: VariableContext,
): Record<string, unknown> {
  return resolveVariable(config, config, ctx) as Record<string, unknown>;
}

/** One value of `config` (provider.stage, before the stage is known), `self:` reading the rest. */
export function resolveVariable(
  config: Record<string, unknown>,
  value: unknown,
  ctx: VariableContext,
): unknown {
  const resolveValue = (value: unknown, depth: number): unknown => {
    if (depth > 20) throw new Error('serverless.yml: variables nest too deeply (a self-reference cycle?)');
    if (typeof value === 'string') return resolveString(value, depth);
    if (Array.isArray(value)) return value.map((v) => resolveValue(v, depth));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValue(v, depth)]));
    }
    return value;
  };

  const resolveString = (text: string, depth: number): unknown => {
    let rest = text;
    const pieces: string[] = [];
    for (;;) {
      const match = findServerlessVariable(rest);
      if (!match) break;
      const value = resolveValue(lookup(match.body), depth + 1);
      // A string that is one variable takes the variable's own type (a port stays a number).
      if (match.index === 0 && match.length === rest.length && pieces.length === 0) return value;
      pieces.push(rest.slice(0, match.index), String(value));
      rest = rest.slice(match.index + match.length);
    }
    const joined = pieces.join('') + rest;
    // Nested variables (`${self:custom.${sls:stage}}`) resolve from the inside out.
    return pieces.length > 0 && findServerlessVariable(joined) ? resolveString(joined, depth + 1) : joined;
  };

  const lookup = (body: string): unknown => {
    const [primary, ...fallbacks] = splitTopLevelCommas(body);
    for (const candidate of [primary ?? '', ...fallbacks]) {
      const value = lookupOne(candidate.trim());
      if (value !== undefined) return value;
    }
    throw new Error(
      `serverless.yml: \${${body}} has no value; set it (e.g. export the variable) or add a fallback after a comma.`,
    );
  };

  const lookupOne = (expression: string): unknown => {
    const quoted = /^(['"])(.*)\1$/.exec(expression);
    if (quoted) return quoted[2];
    if (/^-?\d+(\.\d+)?$/.test(expression)) return Number(expression);
    const [source, ...addressParts] = expression.split(':');
    const address = addressParts.join(':');
    switch (source) {
      case 'self':
        return address
          .split('.')
          .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], config);
      case 'sls':
        if (address === 'stage') return ctx.stage;
        break;
      case 'opt':
        if (ctx.options)
          return address === 'stage' || address === 'region' ? ctx.options[address] : undefined;
        if (address === 'stage') return ctx.stage;
        if (address === 'region') return ctx.region;
        return undefined;
      case 'aws':
        if (address === 'region') return ctx.region;
        break;
      case 'env':
        return ctx.env[address];
    }
    throw new Error(
      `serverless.yml: \${${expression}} is not supported by the emulator's loader (self, sls:stage, opt, aws:region, env are).`,
    );
  };

  return resolveValue(value, 0);
}

function findServerlessVariable(text: string): { index: number; length: number; body: string } | undefined {
  let offset = 0;
  for (;;) {
    const match = VARIABLE.exec(text.slice(offset));
    if (!match) return undefined;
    const body = match[1] ?? '';
    if (SOURCE.test(body)) return { index: offset + match.index, length: match[0].length, body };
    offset += match.index + match[0].length;
  }
}

function splitTopLevelCommas(body: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let current = '';
  for (const ch of body) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === ',') {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}
