/**
 * The AWS managed policies that Lambda stacks attach most often, so that a role naming one
 * (`ManagedPolicyArns`, osls `managedPolicies`, SAM `Policies: [AmazonDynamoDBFullAccess]`) is
 * allowed what it is allowed on AWS.
 *
 * Source: the AWS Managed Policy Reference (docs.aws.amazon.com/aws-managed-policy/latest/reference/
 * <PolicyName>.html), default versions as of 2025. Statements about services the emulator does
 * not serve (EC2, S3, DAX, CloudWatch metrics, Application Auto Scaling, KMS, SNS …) are left out:
 * no call here can reach them, so they cannot change a decision. Each entry says what was left out.
 */
import type { PolicyStatement } from '../stack.ts';

export interface ManagedPolicy {
  /** The path between `policy/` and the name (`service-role/` for the Lambda execution roles). */
  path: string;
  statements: PolicyStatement[];
  /** What the AWS document has that the emulator's copy leaves out. */
  omitted?: string;
}

const LOGS_WRITE = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];

export const MANAGED_POLICIES: Record<string, ManagedPolicy> = {
  AWSLambdaBasicExecutionRole: {
    path: 'service-role/',
    statements: [{ Effect: 'Allow', Action: LOGS_WRITE, Resource: '*' }],
  },
  AWSLambdaDynamoDBExecutionRole: {
    path: 'service-role/',
    statements: [
      {
        Effect: 'Allow',
        Action: [
          'dynamodb:DescribeStream',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
          'dynamodb:ListStreams',
          ...LOGS_WRITE,
        ],
        Resource: '*',
      },
    ],
  },
  AWSLambdaVPCAccessExecutionRole: {
    path: 'service-role/',
    statements: [{ Effect: 'Allow', Action: LOGS_WRITE, Resource: '*' }],
    omitted: 'ec2:CreateNetworkInterface and the other ENI actions',
  },
  AWSLambdaExecute: {
    path: '',
    statements: [{ Effect: 'Allow', Action: 'logs:*', Resource: 'arn:aws:logs:*:*:*' }],
    omitted: 's3:GetObject and s3:PutObject on arn:aws:s3:::*',
  },
  AmazonDynamoDBFullAccess: {
    path: '',
    statements: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }],
    omitted:
      'dax:*, application-autoscaling, cloudwatch, datapipeline, ec2, iam:PassRole, kms, sns and lambda actions',
  },
  AmazonDynamoDBReadOnlyAccess: {
    path: '',
    statements: [
      {
        Effect: 'Allow',
        Action: [
          'dynamodb:BatchGetItem',
          'dynamodb:Describe*',
          'dynamodb:List*',
          'dynamodb:GetAbacStatus',
          'dynamodb:GetItem',
          'dynamodb:GetResourcePolicy',
          'dynamodb:Query',
          'dynamodb:Scan',
          'dynamodb:PartiQLSelect',
        ],
        Resource: '*',
      },
    ],
    omitted:
      'dax, application-autoscaling, cloudwatch, datapipeline, ec2, iam, kms, sns, lambda and resource-groups read actions',
  },
  AmazonAPIGatewayInvokeFullAccess: {
    path: '',
    statements: [
      {
        Effect: 'Allow',
        Action: ['execute-api:Invoke', 'execute-api:ManageConnections'],
        Resource: 'arn:aws:execute-api:*:*:*',
      },
    ],
  },
  CloudWatchLogsFullAccess: {
    path: '',
    statements: [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }],
    omitted: 'cloudwatch:GenerateQuery',
  },
  AdministratorAccess: {
    path: '',
    statements: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  },
};

export type ManagedPolicyLookup =
  | { found: true; name: string; arn: string; statements: PolicyStatement[] }
  | { found: false; reference: string };

/** `arn:aws:iam::aws:policy[/path]/Name`, or the bare name as SAM accepts it. */
export function managedPolicy(reference: string): ManagedPolicyLookup {
  const arn = /^arn:aws[\w-]*:iam::aws:policy\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(reference);
  const name = arn ? (arn[1] as string) : reference;
  const policy = Object.hasOwn(MANAGED_POLICIES, name) ? MANAGED_POLICIES[name] : undefined;
  if (!policy) return { found: false, reference };
  return {
    found: true,
    name,
    arn: `arn:aws:iam::aws:policy/${policy.path}${name}`,
    statements: policy.statements,
  };
}

/** The warning for a managed policy the table does not know: it allows nothing here. */
export function unknownManagedPolicyWarning(reference: string, where: string): string {
  return `${where}: managed policy ${reference} is not in the emulator's table (emulator/iam/managed-policies.ts); it allows nothing here. Known: ${Object.keys(MANAGED_POLICIES).join(', ')}.`;
}
