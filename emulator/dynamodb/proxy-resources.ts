/**
 * What IAM is asked for each DynamoDB operation: the action names and resource ARNs AWS checks
 * (api-permissions-reference). Batch and transaction calls need every table they touch allowed;
 * transactions are checked per item with the item's own action, as AWS does.
 */

export interface Check {
  action: string;
  resource: string;
}

export interface Arns {
  table(name: string): string;
  index(table: string, index: string): string;
  /** For operations on no particular table (ListTables): `table/*`, as AWS names it in denials. */
  anyTable: string;
}

export function arnsFor(region: string, accountId: string): Arns {
  const base = `arn:aws:dynamodb:${region}:${accountId}:table/`;
  return {
    table: (name) => `${base}${name}`,
    index: (table, index) => `${base}${table}/index/${index}`,
    anyTable: `${base}*`,
  };
}

export type Body = Record<string, unknown>;

const TRANSACT_WRITE_ACTIONS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The checks for one request; an empty list never happens (unknown shapes fall back to `table/*`). */
export function checksFor(operation: string, body: Body, arns: Arns): Check[] {
  const action = `dynamodb:${operation}`;
  switch (operation) {
    case 'BatchGetItem':
    case 'BatchWriteItem': {
      const tables = Object.keys((body.RequestItems as Body | undefined) ?? {});
      return tables.length > 0
        ? tables.map((t) => ({ action, resource: arns.table(t) }))
        : [{ action, resource: arns.anyTable }];
    }
    case 'TransactWriteItems':
    case 'TransactGetItems': {
      const items = Array.isArray(body.TransactItems) ? (body.TransactItems as Body[]) : [];
      const checks: Check[] = [];
      for (const item of items) {
        for (const [kind, detail] of Object.entries(item ?? {})) {
          const table = str((detail as Body | undefined)?.TableName);
          const itemAction =
            operation === 'TransactGetItems' ? 'dynamodb:GetItem' : TRANSACT_WRITE_ACTIONS[kind];
          if (itemAction)
            checks.push({ action: itemAction, resource: table ? arns.table(table) : arns.anyTable });
        }
      }
      return checks.length > 0 ? checks : [{ action, resource: arns.anyTable }];
    }
    case 'ExecuteStatement':
      return [partiqlCheck(str(body.Statement) ?? '', arns)];
    case 'BatchExecuteStatement': {
      const statements = Array.isArray(body.Statements) ? (body.Statements as Body[]) : [];
      return statements.length > 0
        ? statements.map((s) => partiqlCheck(str(s?.Statement) ?? '', arns))
        : [{ action: 'dynamodb:PartiQLSelect', resource: arns.anyTable }];
    }
    default: {
      const table = str(body.TableName);
      if (table) {
        const index = str(body.IndexName);
        return [{ action, resource: index ? arns.index(table, index) : arns.table(table) }];
      }
      const arn = str(body.ResourceArn) ?? str(body.TableArn);
      return [{ action, resource: arn ?? arns.anyTable }];
    }
  }
}

const PARTIQL = [
  {
    re: /^\s*select\b[\s\S]*?\bfrom\s+("(?:[^"]|"")+"|[A-Za-z0-9_.-]+)(?:\s*\.\s*("(?:[^"]|"")+"|[A-Za-z0-9_.-]+))?/i,
    action: 'dynamodb:PartiQLSelect',
  },
  { re: /^\s*insert\s+into\s+("(?:[^"]|"")+"|[A-Za-z0-9_.-]+)/i, action: 'dynamodb:PartiQLInsert' },
  { re: /^\s*update\s+("(?:[^"]|"")+"|[A-Za-z0-9_.-]+)/i, action: 'dynamodb:PartiQLUpdate' },
  { re: /^\s*delete\s+from\s+("(?:[^"]|"")+"|[A-Za-z0-9_.-]+)/i, action: 'dynamodb:PartiQLDelete' },
];

function unquote(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name;
}

/** PartiQL is checked as PartiQLSelect/Insert/Update/Delete on the statement's table (or index). */
function partiqlCheck(statement: string, arns: Arns): Check {
  for (const { re, action } of PARTIQL) {
    const m = re.exec(statement);
    if (!m) continue;
    const table = unquote(m[1] as string);
    return { action, resource: m[2] ? arns.index(table, unquote(m[2])) : arns.table(table) };
  }
  return { action: 'dynamodb:PartiQLSelect', resource: arns.anyTable };
}
