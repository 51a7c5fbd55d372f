/**
 * The failures the 2019 workshop hit (its "자주 발생하는 에러" and "개선 및 보완사항" sections)
 * plus the ones hiding in its code. Each id has a demo in `lessons/pitfalls/<id>/` that runs a
 * broken variant, shows the symptom, then runs the fix.
 */

export interface Pitfall {
  id: string;
  lesson: number;
  title: { en: string; ko: string };
  /** What a learner sees, in one line. */
  symptom: { en: string; ko: string };
  cause: { en: string; ko: string };
  fix: { en: string; ko: string };
}

export const PITFALLS: readonly Pitfall[] = [
  {
    id: 'no-manage-connections',
    lesson: 1,
    title: {
      en: 'Policy without execute-api:ManageConnections',
      ko: '정책에 execute-api:ManageConnections가 없음',
    },
    symptom: {
      en: 'a chat is sent and nobody receives it; no error anywhere (the 403 only shows once the code logs it)',
      ko: '채팅을 보냈는데 아무도 못 받고, 에러도 안 보임 (코드가 403을 찍어야 비로소 보임)',
    },
    cause: {
      en: 'posting to @connections is an execute-api call the role must be allowed; the original code swallowed the 403',
      ko: '@connections로 보내는 것도 execute-api 호출이라 역할에 권한이 있어야 하는데, 원래 코드가 403을 삼켜 버림',
    },
    fix: {
      en: 'allow execute-api:ManageConnections on arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/POST/@connections/*',
      ko: 'execute-api:ManageConnections를 arn:aws:execute-api:<리전>:<계정>:<apiId>/<스테이지>/POST/@connections/* 에 허용',
    },
  },
  {
    id: 'no-logs-permission',
    lesson: 1,
    title: { en: 'Role without CloudWatch Logs rights', ko: '역할에 CloudWatch Logs 권한이 없음' },
    symptom: {
      en: 'the function runs (the row is written) but its log group stays empty',
      ko: '함수는 돌아가는데(행은 써짐) 로그 그룹이 텅 비어 있음',
    },
    cause: {
      en: 'Lambda ships console output with the role’s own credentials; without logs:CreateLogStream/PutLogEvents it is dropped silently',
      ko: 'Lambda는 함수 역할의 권한으로 로그를 보내기 때문에 logs:CreateLogStream/PutLogEvents가 없으면 조용히 버려짐',
    },
    fix: {
      en: 'allow logs:CreateLogGroup, logs:CreateLogStream and logs:PutLogEvents on the function’s log group',
      ko: '함수 로그 그룹에 logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents 허용',
    },
  },
  {
    id: 'missing-await',
    lesson: 3,
    title: { en: 'async/await misuse', ko: 'async/await를 잘못 건 경우' },
    symptom: {
      en: 'the handler returns 200, the client is connected, but the DynamoDB row never appears',
      ko: '핸들러는 200을 돌려주고 접속도 되는데 DynamoDB에 행이 안 생김',
    },
    cause: {
      en: 'the write was started but not awaited; Lambda freezes the instance when the handler returns, so it never finishes',
      ko: '쓰기를 시작만 하고 await하지 않음. 핸들러가 끝나면 Lambda가 인스턴스를 얼려 버려서 요청이 끝나지 못함',
    },
    fix: { en: 'await every write before returning', ko: '반환하기 전에 모든 쓰기를 await' },
  },
  {
    id: 'callback-and-promise',
    lesson: 3,
    title: { en: 'A callback plus .promise()', ko: '콜백과 .promise()를 같이 쓴 경우' },
    symptom: { en: 'every write is sent twice', ko: '모든 쓰기가 두 번씩 나감' },
    cause: {
      en: 'SDK v2 sends a request when given a callback and again for .promise(); the workshop code did both',
      ko: 'SDK v2는 콜백을 넘기면 한 번, .promise()를 부르면 또 한 번 요청을 보냄. 워크숍 코드가 둘 다 했음',
    },
    fix: {
      en: 'one style only: SDK v3 `await client.send(command)`',
      ko: '한 가지 방식만: SDK v3의 `await client.send(command)`',
    },
  },
  {
    id: 'wrong-case',
    lesson: 2,
    title: { en: '"User" vs "user", "content" vs "Content"', ko: '"User"와 "user", "content"와 "Content"' },
    symptom: {
      en: 'ResourceNotFoundException for the table; a chat with "Content" is ignored',
      ko: '테이블은 ResourceNotFoundException, "Content"로 보낸 채팅은 무시됨',
    },
    cause: {
      en: 'table names and JSON keys are case-sensitive',
      ko: '테이블 이름과 JSON 키는 대소문자를 구분함',
    },
    fix: {
      en: 'one definition of each name, imported everywhere; answer malformed messages with an error',
      ko: '이름은 한 곳에서 정의해 가져다 쓰고, 형식이 틀린 메시지에는 에러로 답하기',
    },
  },
  {
    id: 'broadcast-in-connect',
    lesson: 4,
    title: { en: 'Game state sent inside $connect', ko: '$connect 안에서 게임 상태를 보냄' },
    symptom: {
      en: 'the new client never sees the state (the post fails with 410 Gone)',
      ko: '새로 들어온 클라이언트가 상태를 못 받음 (보내기가 410 Gone으로 실패)',
    },
    cause: {
      en: 'a connection only opens after $connect returns, so a post during $connect has nowhere to go',
      ko: '연결은 $connect가 끝난 뒤에야 열리므로 $connect 도중의 전송은 갈 곳이 없음',
    },
    fix: {
      en: 'let the client ask once connected (a join message) and answer it',
      ko: '접속이 끝난 뒤 클라이언트가 join 메시지로 요청하게 하고 그때 보내기',
    },
  },
  {
    id: 'stale-module-state',
    lesson: 4,
    title: { en: 'Game state kept in module scope', ko: '게임 상태를 모듈 전역 변수에 보관' },
    symptom: {
      en: 'two instances disagree; a client is shown an old consonant',
      ko: '인스턴스 둘이 서로 다른 상태를 가짐. 클라이언트가 지난 초성을 봄',
    },
    cause: {
      en: 'each Lambda instance has its own module scope; only DynamoDB is shared',
      ko: 'Lambda 인스턴스마다 모듈 스코프가 따로라서, 공유되는 건 DynamoDB뿐',
    },
    fix: { en: 'read the game row on every message', ko: '메시지마다 Game 행을 새로 읽기' },
  },
  {
    id: 'answer-race',
    lesson: 5,
    title: { en: 'Read-then-write answer check', ko: '읽고 나서 쓰는 정답 판정' },
    symptom: { en: 'two players both score for one word', ko: '한 단어에 두 사람이 다 점수를 받음' },
    cause: {
      en: 'both read the same game row before either writes it',
      ko: '둘 다 쓰기 전에 같은 Game 행을 읽음',
    },
    fix: {
      en: 'a conditional update: only the write that still sees the old word index wins',
      ko: '조건부 업데이트: 아직 이전 문제 번호를 보고 있는 쓰기 하나만 성공',
    },
  },
  {
    id: 'substring-answered',
    lesson: 5,
    title: { en: '`answeredWords.includes(content)`', ko: '`answeredWords.includes(content)`' },
    symptom: {
      en: 'a valid word is rejected because an earlier answer contains it',
      ko: '앞서 나온 정답에 포함된 글자라서 맞는 답이 거부됨',
    },
    cause: {
      en: 'a substring test on a comma-joined string, not a set membership test',
      ko: '쉼표로 이어 붙인 문자열에서 부분 문자열을 찾았을 뿐, 집합에 있는지 본 게 아님',
    },
    fix: {
      en: 'keep answered words as a list (or set) and compare whole words',
      ko: '정답을 목록(또는 집합)으로 두고 단어 단위로 비교',
    },
  },
  {
    id: 'stale-connections',
    lesson: 5,
    title: { en: '410 Gone swallowed', ko: '410 Gone을 무시함' },
    symptom: {
      en: 'dead connections pile up in User and every broadcast keeps posting to them',
      ko: '끊긴 연결이 User에 계속 쌓이고, 브로드캐스트 때마다 거기에 또 보냄',
    },
    cause: {
      en: '$disconnect is best effort; a 410 is the only sure sign a connection is gone',
      ko: '$disconnect는 보장되지 않음. 연결이 사라졌다는 확실한 신호는 410뿐',
    },
    fix: {
      en: 'delete the User row of a connection that answers 410',
      ko: '410을 돌려준 연결의 User 행을 삭제',
    },
  },
  {
    id: 'unpaginated-scan',
    lesson: 5,
    title: { en: 'Scan without LastEvaluatedKey', ko: 'LastEvaluatedKey 없이 Scan' },
    symptom: {
      en: 'some players miss broadcasts once the User table outgrows one page',
      ko: 'User 테이블이 한 페이지를 넘으면 일부 플레이어가 브로드캐스트를 못 받음',
    },
    cause: {
      en: 'Scan returns at most 1 MB (or Limit items) per call and says where to continue',
      ko: 'Scan은 한 번에 최대 1MB(또는 Limit개)만 돌려주고 어디서 이어 읽을지만 알려줌',
    },
    fix: {
      en: 'loop on LastEvaluatedKey (or use a paginator)',
      ko: 'LastEvaluatedKey로 반복 (또는 paginator 사용)',
    },
  },
  {
    id: 'sdk-v2-runtime',
    lesson: 3,
    title: { en: 'SDK v2 on a modern runtime', ko: '최신 런타임에서 SDK v2 사용' },
    symptom: {
      en: "require('aws-sdk') fails with Runtime.ImportModuleError",
      ko: "require('aws-sdk')가 Runtime.ImportModuleError로 실패",
    },
    cause: {
      en: 'Node 18+ runtimes ship AWS SDK v3 only — the Node version of the workshop’s boto3 version trap',
      ko: 'Node 18 이상 런타임에는 AWS SDK v3만 들어 있음. 워크숍의 boto3 버전 문제가 Node에서 나타난 모습',
    },
    fix: {
      en: 'use the v3 clients (@aws-sdk/client-dynamodb, @aws-sdk/client-apigatewaymanagementapi)',
      ko: 'v3 클라이언트(@aws-sdk/client-dynamodb, @aws-sdk/client-apigatewaymanagementapi) 사용',
    },
  },
  {
    id: 'python-old-boto3',
    lesson: 4,
    title: {
      en: 'Python Lambda whose boto3 is too old for @connections',
      ko: 'boto3가 너무 오래되어 @connections를 못 쓰는 Python 람다',
    },
    symptom: {
      en: "boto3.client('apigatewaymanagementapi') fails with UnknownServiceError; the player gets 'Internal server error'",
      ko: "boto3.client('apigatewaymanagementapi')가 UnknownServiceError로 실패하고, 플레이어는 'Internal server error'를 받음",
    },
    cause: {
      en: 'a runtime brings its own boto3; one older than the WebSocket APIs (late 2018) has no apigatewaymanagementapi model — the workshop’s first listed error',
      ko: '런타임에는 정해진 boto3가 들어 있는데, WebSocket API(2018년 말)보다 오래된 boto3에는 apigatewaymanagementapi 모델이 없음. 워크숍이 처음 겪은 에러',
    },
    fix: {
      en: 'ship a newer boto3 in a Lambda layer (python/boto3, python/botocore), the workshop’s own fix, or in the deployment package',
      ko: '새 boto3를 람다 레이어(python/boto3, python/botocore)에 넣기 (워크숍의 해결책), 또는 배포 패키지에 함께 올리기',
    },
  },
  {
    id: 'default-timeout',
    lesson: 3,
    title: { en: "Lambda's 3-second default timeout", ko: 'Lambda의 기본 제한 시간 3초' },
    symptom: {
      en: '"Task timed out after 3.00 seconds"; the client gets "Internal server error"; the first write is saved, the second never happens',
      ko: '"Task timed out after 3.00 seconds"; 클라이언트는 "Internal server error"를 받고, 첫 번째 쓰기는 남고 두 번째는 일어나지 않음',
    },
    cause: {
      en: 'a new function gets a 3 s timeout; the workshop raised it to 30 s in the console, a step that is easy to skip',
      ko: '새 함수의 제한 시간은 3초. 워크숍은 콘솔에서 30초로 올렸는데, 건너뛰기 쉬운 단계임',
    },
    fix: {
      en: 'set the timeout to what the work needs (the workshop: 30 s; Timeout in serverless.yml / SAM)',
      ko: '작업에 필요한 만큼 제한 시간을 설정 (워크숍: 30초; serverless.yml / SAM의 Timeout)',
    },
  },
  {
    id: 'key-attribute-case',
    lesson: 2,
    title: { en: 'Key attribute in the wrong case', ko: '키 속성의 대소문자가 틀림' },
    symptom: {
      en: 'ValidationException: The provided key element does not match the schema; the row stays',
      ko: 'ValidationException: The provided key element does not match the schema; 행이 남음',
    },
    cause: {
      en: "key names are case-sensitive: `ConnectionId` is not the table's key `connectionId`",
      ko: '키 이름은 대소문자를 구분함: `ConnectionId`는 테이블의 키 `connectionId`가 아님',
    },
    fix: {
      en: 'name the key exactly as the table defines it (DescribeTable shows the KeySchema)',
      ko: '테이블이 정의한 그대로 키 이름을 씀 (DescribeTable이 KeySchema를 보여 줌)',
    },
  },
  {
    id: 'wrong-region',
    lesson: 2,
    title: { en: 'A client in another region than the tables', ko: '테이블과 다른 리전의 클라이언트' },
    symptom: {
      en: 'ResourceNotFoundException: Requested resource not found; the connection is refused and the table in Seoul stays empty',
      ko: 'ResourceNotFoundException: Requested resource not found; 연결이 거부되고 서울의 테이블은 비어 있음',
    },
    cause: {
      en: 'DynamoDB is regional: tables made in ap-northeast-2 do not exist in us-east-1 (the console default the workshop told everyone to change)',
      ko: 'DynamoDB는 리전마다 따로임: ap-northeast-2에 만든 테이블은 us-east-1에 없음 (워크숍이 서울로 바꾸라고 한 콘솔 기본값)',
    },
    fix: {
      en: "leave the region out of the code: Lambda sets AWS_REGION to the function's region",
      ko: '코드에 리전을 쓰지 않음: Lambda가 AWS_REGION을 함수의 리전으로 정해 줌',
    },
  },
  {
    id: 'undeployed-route',
    lesson: 4,
    title: { en: 'A route added without "Deploy API"', ko: '라우트를 추가하고 "API 배포"를 안 한 경우' },
    symptom: {
      en: 'the console lists the new route, but {"action":"sendmessage"} still lands in $default (or, without $default, the client gets {"message": "Forbidden", …})',
      ko: '콘솔에는 새 라우트가 보이는데 {"action":"sendmessage"}가 여전히 $default로 감 ($default가 없으면 클라이언트가 {"message": "Forbidden", …}을 받음)',
    },
    cause: {
      en: 'routes live in the API; a stage serves a deployment, a snapshot taken when the API was last deployed. A new route is not live until a new deployment reaches the stage',
      ko: '라우트는 API에 있고, 스테이지는 마지막 배포 때 찍어 둔 스냅샷(배포)을 서비스함. 새 배포가 스테이지에 올라가기 전에는 새 라우트가 동작하지 않음',
    },
    fix: {
      en: 'after changing routes, Deploy API to the stage (CreateDeployment with StageName), or give the stage AutoDeploy',
      ko: '라우트를 바꾼 뒤 스테이지에 "API 배포" (StageName을 준 CreateDeployment), 또는 스테이지에 AutoDeploy 설정',
    },
  },
];

export function findPitfall(id: string): Pitfall | undefined {
  return PITFALLS.find((pitfall) => pitfall.id === id);
}
