/**
 * What the workshop's function does with its role (lessons 3 and 4), as IAM requests, and the
 * requests a least-privilege role must refuse. The check asks the emulator's IAM engine about
 * each one, so a policy passes for the same reasons it would on AWS.
 */
import { DEFAULTS } from '../../emulator/stack.ts';
import { type Text, tr } from '../runner/i18n.ts';

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
  why: Text;
}

export const NEEDED: Request[] = [
  {
    action: 'dynamodb:PutItem',
    resource: table('User'),
    why: tr('$connect saves the connection', '$connect가 연결을 저장'),
  },
  {
    action: 'dynamodb:DeleteItem',
    resource: table('User'),
    why: tr('$disconnect removes it', '$disconnect가 연결을 지움'),
  },
  {
    action: 'dynamodb:Scan',
    resource: table('User'),
    why: tr('a broadcast lists every connection', '방송할 때 모든 연결을 나열'),
  },
  {
    action: 'dynamodb:UpdateItem',
    resource: table('User'),
    why: tr('a right answer adds a point to answerCnt', '정답이면 answerCnt에 1점 추가'),
  },
  {
    action: 'dynamodb:PutItem',
    resource: table('Chat'),
    why: tr('every chat message is saved', '채팅 메시지를 모두 저장'),
  },
  {
    action: 'dynamodb:GetItem',
    resource: table('Game'),
    why: tr('each message reads the game row', '메시지마다 게임 행을 읽음'),
  },
  {
    action: 'dynamodb:PutItem',
    resource: table('Game'),
    why: tr('a right answer moves to the next word', '정답이면 다음 단어로 넘어감'),
  },
  {
    action: 'logs:CreateLogGroup',
    resource: `${logGroup(FUNCTION_NAME)}:*`,
    why: tr('the first run creates /aws/lambda/<function>', '첫 실행이 /aws/lambda/<함수>를 만듦'),
  },
  {
    action: 'logs:CreateLogStream',
    resource: `${logGroup(FUNCTION_NAME)}:log-stream:2019/06/26/[$LATEST]0a1b2c3d`,
    why: tr('each instance writes its own stream', '인스턴스마다 자기 스트림에 씀'),
  },
  {
    action: 'logs:PutLogEvents',
    resource: `${logGroup(FUNCTION_NAME)}:log-stream:2019/06/26/[$LATEST]0a1b2c3d`,
    why: tr('console.log lines reach CloudWatch', 'console.log 줄이 CloudWatch에 남음'),
  },
  {
    action: 'execute-api:ManageConnections',
    resource: connection(apiId),
    why: tr('posting chat and game state to each client', '각 클라이언트에 채팅과 게임 상태를 보냄'),
  },
];

export const TOO_BROAD: Request[] = [
  {
    action: 'dynamodb:DeleteTable',
    resource: table('User'),
    why: tr('a bug could drop the table', '버그 하나로 테이블이 지워질 수 있음'),
  },
  {
    action: 'dynamodb:Scan',
    resource: table('Billing'),
    why: tr('other tables in the account are not this app’s', '계정의 다른 테이블은 이 앱의 것이 아님'),
  },
  {
    action: 'dynamodb:DeleteItem',
    resource: table('Game'),
    why: tr('nothing deletes the game row', '게임 행을 지우는 코드는 없음'),
  },
  {
    action: 'lambda:UpdateFunctionCode',
    resource: `arn:aws:lambda:${region}:${accountId}:function:${FUNCTION_NAME}`,
    why: tr('the function could replace its own code', '함수가 자기 코드를 바꿀 수 있음'),
  },
  {
    action: 'apigateway:DELETE',
    resource: `arn:aws:apigateway:${region}::/apis/${apiId}`,
    why: tr('the function could delete its API', '함수가 자기 API를 지울 수 있음'),
  },
  {
    action: 'iam:CreateUser',
    resource: `arn:aws:iam::${accountId}:user/intruder`,
    why: tr('no reason for any IAM right', 'IAM 권한이 필요할 이유가 없음'),
  },
  {
    action: 'execute-api:ManageConnections',
    resource: connection('otherapi42'),
    why: tr('it could post to clients of another API', '다른 API의 클라이언트에 보낼 수 있음'),
  },
  {
    action: 'logs:DeleteLogGroup',
    resource: `${logGroup(FUNCTION_NAME)}:*`,
    why: tr('it could erase its own trail', '자기 기록을 지울 수 있음'),
  },
  {
    action: 'logs:PutLogEvents',
    resource: `${logGroup('payments')}:log-stream:x`,
    why: tr('it could write into another function’s logs', '다른 함수의 로그에 쓸 수 있음'),
  },
];

/** The trust policy the role needs: only the Lambda service may assume it. */
export const LAMBDA_SERVICE = 'lambda.amazonaws.com';
