/**
 * Lesson 1, exercise: a least-privilege policy for the quiz function.
 * 1강 연습: 퀴즈 함수에 필요한 만큼만 주는 정책.
 *
 * The workshop pasted one policy into the IAM console that allowed apigateway:*, logs:*,
 * lambda:* and dynamodb:* on every resource, plus ManageConnections (policies/workshop-2019.json).
 * It worked, and it noted that a real service should narrow it. That is this exercise.
 * 워크숍은 IAM 콘솔에 모든 리소스에 대해 apigateway:*, logs:*, lambda:*, dynamodb:*와
 * ManageConnections를 허용하는 정책 하나를 붙여 넣었습니다. 동작은 했지만, 실제 서비스라면
 * 권한을 좁혀야 한다고 적어 두었습니다. 이 연습이 바로 그것입니다.
 *
 * The function (lessons 3 and 4) reads and writes the tables User, Chat and Game, writes its
 * logs, and posts to WebSocket clients. Give it exactly that. Then run `npm run lesson:1`.
 * 함수(3, 4강)는 User, Chat, Game 테이블을 읽고 쓰고, 로그를 남기고, WebSocket
 * 클라이언트에 메시지를 보냅니다. 딱 그만큼만 주세요. 그다음 `npm run lesson:1`을 실행하세요.
 *
 * Region ap-northeast-2, account 123456789012, API id chosung001, stage dev,
 * function android-realtime-lambda.
 * 리전 ap-northeast-2, 계정 123456789012, API id chosung001, 스테이지 dev,
 * 함수 android-realtime-lambda.
 */
import type { PolicyDocument } from '../../../emulator/stack.ts';
import type { TrustPolicy } from '../trust.ts';

export const policy: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Tables',
      Effect: 'Allow',
      // TODO: name only the calls the function makes, not every DynamoDB action.
      //       함수가 실제로 하는 호출만 나열하세요. DynamoDB의 모든 액션이 아니라요.
      Action: 'dynamodb:*',
      // TODO: only the three tables: arn:aws:dynamodb:<region>:<account>:table/<Name>
      //       세 테이블만: arn:aws:dynamodb:<리전>:<계정>:table/<이름>
      Resource: '*',
    },
    // TODO(logs): without CloudWatch Logs rights the function still runs, but its log group
    //   stays empty. Allow what Lambda needs to write logs, for this function's group only:
    //   arn:aws:logs:<region>:<account>:log-group:/aws/lambda/<function>:*
    // TODO(logs): CloudWatch Logs 권한이 없어도 함수는 돌지만 로그 그룹은 비어 있습니다.
    //   Lambda가 로그를 쓰는 데 필요한 것을 이 함수의 그룹에만 허용하세요.
    //
    // TODO(connections): the workshop warns that without execute-api:ManageConnections the
    //   WebSocket "silently" stops working. Allow it, but only for this API:
    //   arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/POST/@connections/*
    // TODO(connections): 워크숍은 execute-api:ManageConnections가 없으면 WebSocket이 "조용히"
    //   멈춘다고 경고합니다. 허용하되 이 API에만 허용하세요.
  ],
};

/**
 * Who may assume the role. In the console, picking "Lambda" as the use case writes this for you.
 * 누가 이 역할을 맡을 수 있는가. 콘솔에서 사용 사례로 "Lambda"를 고르면 자동으로 만들어집니다.
 */
export const trustPolicy: TrustPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      // TODO: the principal is the Lambda service (its name ends in .amazonaws.com).
      //       주체는 Lambda 서비스입니다 (이름이 .amazonaws.com으로 끝납니다).
      Principal: { Service: [] },
      Action: 'sts:AssumeRole',
    },
  ],
};
