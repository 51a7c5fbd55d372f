/**
 * SAM policy templates (`Policies: [{ DynamoDBCrudPolicy: { TableName: … } }]`), expanded to the
 * statements SAM defines for them in samtranslator/policy_templates_data/policy_templates.json
 * (aws/serverless-application-model; listed in the SAM developer guide's "AWS SAM policy
 * templates"). `${name}` stands for the template's parameter of that name.
 */
import type { PolicyStatement } from '../stack.ts';

export type Template = { parameters: string[]; statements: PolicyStatement[] };

const ARN = 'arn:${AWS::Partition}';
const TABLE = `${ARN}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/\${TableName}`;

export const POLICY_TEMPLATES: Record<string, Template> = {
  DynamoDBCrudPolicy: {
    parameters: ['TableName'],
    statements: [
      {
        Effect: 'Allow',
        Action: [
          'dynamodb:GetItem',
          'dynamodb:DeleteItem',
          'dynamodb:PutItem',
          'dynamodb:Scan',
          'dynamodb:Query',
          'dynamodb:UpdateItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:BatchGetItem',
          'dynamodb:DescribeTable',
          'dynamodb:ConditionCheckItem',
        ],
        Resource: [TABLE, `${TABLE}/index/*`],
      },
    ],
  },
  DynamoDBReadPolicy: {
    parameters: ['TableName'],
    statements: [
      {
        Effect: 'Allow',
        Action: [
          'dynamodb:GetItem',
          'dynamodb:Scan',
          'dynamodb:Query',
          'dynamodb:BatchGetItem',
          'dynamodb:DescribeTable',
        ],
        Resource: [TABLE, `${TABLE}/index/*`],
      },
    ],
  },
  DynamoDBWritePolicy: {
    parameters: ['TableName'],
    statements: [
      {
        Effect: 'Allow',
        Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'],
        Resource: [TABLE, `${TABLE}/index/*`],
      },
    ],
  },
  DynamoDBReconfigurePolicy: {
    parameters: ['TableName'],
    statements: [{ Effect: 'Allow', Action: ['dynamodb:UpdateTable'], Resource: TABLE }],
  },
  DynamoDBStreamReadPolicy: {
    parameters: ['TableName', 'StreamName'],
    statements: [
      {
        Effect: 'Allow',
        Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        Resource: `${TABLE}/stream/\${StreamName}`,
      },
      { Effect: 'Allow', Action: ['dynamodb:ListStreams'], Resource: `${TABLE}/stream/*` },
    ],
  },
  LambdaInvokePolicy: {
    parameters: ['FunctionName'],
    statements: [
      {
        Effect: 'Allow',
        Action: ['lambda:InvokeFunction'],
        Resource: `${ARN}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:\${FunctionName}*`,
      },
    ],
  },
  CloudWatchPutMetricPolicy: {
    parameters: [],
    statements: [{ Effect: 'Allow', Action: ['cloudwatch:PutMetricData'], Resource: '*' }],
  },
};

/**
 * The statements of one template use, with its parameters filled in (values already evaluated),
 * as `Fn::Sub` strings for the intrinsics evaluator; undefined when `name` is no template.
 */
export function expandPolicyTemplate(
  name: string,
  values: Record<string, unknown>,
  where: string,
): unknown[] | undefined {
  const template = Object.hasOwn(POLICY_TEMPLATES, name) ? POLICY_TEMPLATES[name] : undefined;
  if (!template) return undefined;
  const missing = template.parameters.filter((p) => values[p] === undefined);
  if (missing.length > 0) {
    throw new Error(`${where}: policy template ${name} needs ${missing.join(', ')}.`);
  }
  const vars = Object.fromEntries(template.parameters.map((p) => [p, values[p]]));
  const subbed = (text: string) => ({ 'Fn::Sub': [text, vars] });
  return template.statements.map((statement) => ({
    ...statement,
    Resource: Array.isArray(statement.Resource)
      ? statement.Resource.map(subbed)
      : statement.Resource === '*'
        ? '*'
        : subbed(String(statement.Resource)),
  }));
}

export function policyTemplateNames(): string[] {
  return Object.keys(POLICY_TEMPLATES);
}
