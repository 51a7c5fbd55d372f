/**
 * What the workshop's function does with its role (lessons 3 and 4), as IAM requests, and the
 * requests a least-privilege role must refuse. The check asks the emulator's IAM engine about
 * each one, so a policy passes for the same reasons it would on AWS.
 */
import { DEFAULTS } from '../../emulator/stack.ts';

export const FUNCTION_NAME = 'android-realtime-lambda';
export const ROLE_NAME = 'android-realtime-role';

const { region, accountId, apiId, stage } = DEFAULTS;
const table = (name: string) => `arn:aws:dynamodb:${region}:${accountId}:table/${name}`;
const logGroup = (fn: string) => `arn:aws:logs:${region}:${accountId}:log-group:/aws/lambda/${fn}`;
const connection = (api: string) =>
  `arn:aws:execute-api:${region}:${accountId}:${api}/${stage}/POST/@connections/Kp3x9cQ2oE0CFfg=`;

export interface Request {
  action: string;
  resource: string;
  /** Why the function makes it, or why the role must not allow it. */
  why: string;
}

export const NEEDED: Request[] = [
  { action: 'dynamodb:PutItem', resource: table('User'), why: '$connect saves the connection' },
  { action: 'dynamodb:DeleteItem', resource: table('User'), why: '$disconnect removes it' },
  { action: 'dynamodb:Scan', resource: table('User'), why: 'a broadcast lists every connection' },
  { action: 'dynamodb:UpdateItem', resource: table('User'), why: 'a right answer adds a point to answerCnt' },
  { action: 'dynamodb:PutItem', resource: table('Chat'), why: 'every chat message is saved' },
  { action: 'dynamodb:GetItem', resource: table('Game'), why: 'each message reads the game row' },
  { action: 'dynamodb:PutItem', resource: table('Game'), why: 'a right answer moves to the next word' },
  {
    action: 'logs:CreateLogGroup',
    resource: `${logGroup(FUNCTION_NAME)}:*`,
    why: 'the first run creates /aws/lambda/<function>',
  },
  {
    action: 'logs:CreateLogStream',
    resource: `${logGroup(FUNCTION_NAME)}:log-stream:2019/06/26/[$LATEST]0a1b2c3d`,
    why: 'each instance writes its own stream',
  },
  {
    action: 'logs:PutLogEvents',
    resource: `${logGroup(FUNCTION_NAME)}:log-stream:2019/06/26/[$LATEST]0a1b2c3d`,
    why: 'console.log lines reach CloudWatch',
  },
  {
    action: 'execute-api:ManageConnections',
    resource: connection(apiId),
    why: 'posting chat and game state to each client',
  },
];

export const TOO_BROAD: Request[] = [
  { action: 'dynamodb:DeleteTable', resource: table('User'), why: 'a bug could drop the table' },
  {
    action: 'dynamodb:Scan',
    resource: table('Billing'),
    why: 'other tables in the account are not this app’s',
  },
  { action: 'dynamodb:DeleteItem', resource: table('Game'), why: 'nothing deletes the game row' },
  {
    action: 'lambda:UpdateFunctionCode',
    resource: `arn:aws:lambda:${region}:${accountId}:function:${FUNCTION_NAME}`,
    why: 'the function could replace its own code',
  },
  {
    action: 'apigateway:DELETE',
    resource: `arn:aws:apigateway:${region}::/apis/${apiId}`,
    why: 'the function could delete its API',
  },
  {
    action: 'iam:CreateUser',
    resource: `arn:aws:iam::${accountId}:user/intruder`,
    why: 'no reason for any IAM right',
  },
  {
    action: 'execute-api:ManageConnections',
    resource: connection('otherapi42'),
    why: 'it could post to clients of another API',
  },
  {
    action: 'logs:DeleteLogGroup',
    resource: `${logGroup(FUNCTION_NAME)}:*`,
    why: 'it could erase its own trail',
  },
  {
    action: 'logs:PutLogEvents',
    resource: `${logGroup('payments')}:log-stream:x`,
    why: 'it could write into another function’s logs',
  },
];
