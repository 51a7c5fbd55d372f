/**
 * The hint ladder of each lesson, rustlings-style: `--hint` goes one level deeper each time —
 * first the concept, then where in the file, then the answer — and the level is kept in the
 * progress file, so the next `--hint` continues where the last one stopped.
 */
import { type Text, tr } from './i18n.ts';

export type HintLadder = readonly [concept: Text, where: Text, answer: Text];

export const HINTS: Record<number, HintLadder> = {
  1: [
    tr(
      'Least privilege: a role should allow exactly the calls its function makes, on exactly the resources it touches. Every Allow is a pair of (actions, resources); a wildcard in either widens every pair. A role also has a trust policy: who may assume it.',
      '최소 권한: 역할은 함수가 실제로 하는 호출만, 실제로 건드리는 리소스에만 허용해야 합니다. Allow는 (액션, 리소스)의 쌍이고, 어느 쪽이든 와일드카드는 모든 쌍을 넓힙니다. 역할에는 누가 그 역할을 맡을 수 있는지 정하는 신뢰 정책도 있습니다.',
    ),
    tr(
      'In exercise/policy.ts: the "Tables" statement (Action and Resource), the two TODO comments under it (logs, connections) that need statements of their own, and trustPolicy at the bottom (Principal).',
      'exercise/policy.ts에서: "Tables" 문장 (Action과 Resource), 그 아래 TODO 주석 두 개 (logs, connections)는 각각 문장이 필요하고, 맨 아래 trustPolicy (Principal).',
    ),
    tr(
      'User: dynamodb:PutItem, UpdateItem, DeleteItem, Scan on arn:aws:dynamodb:ap-northeast-2:123456789012:table/User; Chat: PutItem on arn:aws:dynamodb:ap-northeast-2:123456789012:table/Chat; Game: GetItem, PutItem on arn:aws:dynamodb:ap-northeast-2:123456789012:table/Game; logs:CreateLogGroup, CreateLogStream, PutLogEvents on arn:aws:logs:ap-northeast-2:123456789012:log-group:/aws/lambda/android-realtime-lambda:*; execute-api:ManageConnections on arn:aws:execute-api:ap-northeast-2:123456789012:chosung001/*/POST/@connections/*; trust: Principal { Service: "lambda.amazonaws.com" }. The full file: lessons/01-iam/solution/policy.ts.',
      'User: arn:aws:dynamodb:ap-northeast-2:123456789012:table/User에 dynamodb:PutItem, UpdateItem, DeleteItem, Scan; Chat: arn:aws:dynamodb:ap-northeast-2:123456789012:table/Chat에 PutItem; Game: arn:aws:dynamodb:ap-northeast-2:123456789012:table/Game에 GetItem, PutItem; arn:aws:logs:ap-northeast-2:123456789012:log-group:/aws/lambda/android-realtime-lambda:*에 logs:CreateLogGroup, CreateLogStream, PutLogEvents; arn:aws:execute-api:ap-northeast-2:123456789012:chosung001/*/POST/@connections/*에 execute-api:ManageConnections; 신뢰 정책: Principal { Service: "lambda.amazonaws.com" }. 전체 파일: lessons/01-iam/solution/policy.ts.',
    ),
  ],
  2: [
    tr(
      "A DynamoDB table is defined by its name and its key: the key attributes' names and types (S string, N number) cannot change later, and every read by key must match them exactly. The key also decides which reads are cheap: a Query reads one partition, a Scan reads everything.",
      'DynamoDB 테이블은 이름과 키로 정해집니다. 키 속성의 이름과 타입 (S 문자열, N 숫자)은 나중에 바꿀 수 없고, 키로 읽을 때는 정확히 맞아야 합니다. 키는 어떤 읽기가 싼지도 정합니다: Query는 파티션 하나를, Scan은 전부를 읽습니다.',
    ),
    tr(
      'exercise/create-tables.ts: TODO(Chat) (a table is missing) and TODO(Game) (AttributeType). exercise/room-chat.ts: KeySchema and AttributeDefinitions of RoomChat, and the ScanCommand in recentInRoom.',
      'exercise/create-tables.ts: TODO(Chat) (빠진 테이블)과 TODO(Game) (AttributeType). exercise/room-chat.ts: RoomChat의 KeySchema와 AttributeDefinitions, 그리고 recentInRoom의 ScanCommand.',
    ),
    tr(
      "Chat: KeySchema [{ AttributeName: 'timestamp', KeyType: 'HASH' }], AttributeDefinitions [{ AttributeName: 'timestamp', AttributeType: 'S' }]; Game: AttributeType 'N'. RoomChat: add { timestamp, RANGE } and its S definition; recentInRoom: new QueryCommand({ TableName: 'RoomChat', KeyConditionExpression: '#room = :room', ExpressionAttributeNames: { '#room': 'room' }, ExpressionAttributeValues: { ':room': room }, ScanIndexForward: false, Limit: limit }). The full files: lessons/02-tables/solution/.",
      "Chat: KeySchema [{ AttributeName: 'timestamp', KeyType: 'HASH' }], AttributeDefinitions [{ AttributeName: 'timestamp', AttributeType: 'S' }]; Game: AttributeType 'N'. RoomChat: { timestamp, RANGE }와 그 S 정의를 추가; recentInRoom: new QueryCommand({ TableName: 'RoomChat', KeyConditionExpression: '#room = :room', ExpressionAttributeNames: { '#room': 'room' }, ExpressionAttributeValues: { ':room': room }, ScanIndexForward: false, Limit: limit }). 전체 파일: lessons/02-tables/solution/.",
    ),
  ],
  3: [
    tr(
      'The gateway calls your function on $connect and $disconnect with the connectionId; the function must remember it in User to reach the client later. When the handler returns, Lambda freezes the instance: a request that was started but not awaited does not finish.',
      '게이트웨이는 $connect와 $disconnect 때 connectionId를 주며 함수를 부릅니다. 나중에 클라이언트에게 닿으려면 함수가 그 id를 User에 기억해야 합니다. 핸들러가 반환되면 Lambda가 인스턴스를 얼리므로, 시작만 하고 await 하지 않은 요청은 끝나지 않습니다.',
    ),
    tr(
      'exercise/handler.ts: the two TODO lines, one in the CONNECT branch and one in the DISCONNECT branch; send both through `db` (the document client at the top) and await them.',
      'exercise/handler.ts: CONNECT 분기와 DISCONNECT 분기의 TODO 두 줄. 둘 다 맨 위의 문서 클라이언트 `db`로 보내고 await 하세요.',
    ),
    tr(
      'CONNECT: await db.send(new PutCommand({ TableName: USER_TABLE, Item: { connectionId, answerCnt: 0 } })); DISCONNECT: await db.send(new DeleteCommand({ TableName: USER_TABLE, Key: { connectionId } })). The full file: lessons/03-connection/solution/handler.ts.',
      'CONNECT: await db.send(new PutCommand({ TableName: USER_TABLE, Item: { connectionId, answerCnt: 0 } })); DISCONNECT: await db.send(new DeleteCommand({ TableName: USER_TABLE, Key: { connectionId } })). 전체 파일: lessons/03-connection/solution/handler.ts.',
    ),
  ],
  4: [
    tr(
      'Every message is one invocation: save the chat, judge the answer against the stored game, then push to every connection through the @connections API (PostToConnection). A connection that is gone answers 410; forget it. The rules (isAnswer, nextGame) are pure functions: whole words, NFC, wrap-around.',
      '메시지 하나가 호출 하나입니다: 채팅을 저장하고, 저장된 게임과 정답을 비교하고, @connections API (PostToConnection)로 모든 연결에 보냅니다. 사라진 연결은 410으로 답하니 잊으세요. 규칙 (isAnswer, nextGame)은 순수 함수입니다: 단어 전체, NFC, 처음으로 돌아가기.',
    ),
    tr(
      'exercise/handler.ts: isAnswer and nextGame (their TODOs), the TODO(post) and TODO(gone) inside broadcast, and the three TODOs of the MESSAGE branch (save, answer, chat).',
      'exercise/handler.ts: isAnswer와 nextGame (각 TODO), broadcast 안의 TODO(post)와 TODO(gone), 그리고 MESSAGE 분기의 TODO 세 개 (save, answer, chat).',
    ),
    tr(
      "isAnswer: const word = content.normalize('NFC'); return word === WORDS[game.nowWordIdx] && !game.answeredWords.split(', ').includes(word). nextGame: idx = (game.nowWordIdx + 1) % WORDS.length; answeredWords = idx === 0 ? '' : [...old words, answer].join(', '). broadcast: try { await api.send(new PostToConnectionCommand({ ConnectionId: id, Data: body })) } catch (e) { if (e instanceof GoneException) await db.send(new DeleteCommand({ TableName: USER_TABLE, Key: { connectionId: id } })); else console.error(e) }. The full file: lessons/04-game/solution/handler.ts.",
      "isAnswer: const word = content.normalize('NFC'); return word === WORDS[game.nowWordIdx] && !game.answeredWords.split(', ').includes(word). nextGame: idx = (game.nowWordIdx + 1) % WORDS.length; answeredWords = idx === 0 ? '' : [...이전 단어, answer].join(', '). broadcast: try { await api.send(new PostToConnectionCommand({ ConnectionId: id, Data: body })) } catch (e) { if (e instanceof GoneException) await db.send(new DeleteCommand({ TableName: USER_TABLE, Key: { connectionId: id } })); else console.error(e) }. 전체 파일: lessons/04-game/solution/handler.ts.",
    ),
  ],
  5: [
    tr(
      "The improvements of the workshop's own list: every valid answer per consonant pattern (a word bank outside the code), rooms, and a join message that brings a new client the state at once. Under them: a conditional write settles who answered first, an index keeps a room's connections together, and every read may come in pages.",
      '워크숍이 직접 꼽은 개선점: 초성 패턴마다 가능한 모든 정답 (코드 밖의 단어장), 방, 그리고 새 클라이언트에게 상태를 곧바로 주는 join 메시지. 그 밑에는: 조건부 쓰기가 누가 먼저 맞혔는지 정하고, 인덱스가 방의 연결을 모아 두고, 모든 읽기는 여러 페이지로 올 수 있습니다.',
    ),
    tr(
      'exercise/improvements.ts: answersByPattern (group the dictionary by 초성 pattern, keep the patterns of the questions), bankItems (one row per pattern) and joinMessage (the JSON the client sends). exercise/store.ts: the UpdateCommand in claimWord (a condition) and the ScanCommand in roomScores (an index Query, every page).',
      'exercise/improvements.ts: answersByPattern (사전을 초성 패턴으로 묶고 문제의 패턴만 남기기), bankItems (패턴마다 행 하나), joinMessage (클라이언트가 보내는 JSON). exercise/store.ts: claimWord의 UpdateCommand (조건)와 roomScores의 ScanCommand (인덱스 Query, 모든 페이지).',
    ),
    tr(
      'The full file: lessons/05-improvements/solution/improvements.ts.',
      '전체 파일: lessons/05-improvements/solution/improvements.ts.',
    ),
  ],
  6: [
    tr(
      'Nothing new: the lessons were parts of one thing. A role that lesson 1 judged alone must now allow exactly what lessons 3 and 4 call, and a deploy needs the same pieces written down (function, routes, timeout, tables, role).',
      '새것은 없습니다: 수업들은 한 가지의 부품이었습니다. 1강이 따로 판단한 역할이 이제 3, 4강이 실제로 하는 호출을 정확히 허용해야 하고, 배포에는 같은 부품들이 글로 적혀 있어야 합니다 (함수, 경로, 제한 시간, 테이블, 역할).',
    ),
    tr(
      'lessons/01-iam/exercise/policy.ts, lessons/03-connection/exercise/handler.ts and lessons/04-game/exercise/handler.ts: each must pass its own lesson first (npm run lessons shows which do).',
      'lessons/01-iam/exercise/policy.ts, lessons/03-connection/exercise/handler.ts, lessons/04-game/exercise/handler.ts: 각각 먼저 자기 수업을 통과해야 합니다 (npm run lessons가 어느 것이 통과했는지 보여 줍니다).',
    ),
    tr(
      'When every part passes alone but the round fails, the report names the denied call: add that action on that resource to the statement of lesson 1 that covers the table. The references: the solution/ folders of lessons 1, 3 and 4.',
      '부품은 각자 통과하는데 한 판이 실패하면 보고가 거부된 호출을 알려 줍니다: 그 액션을 그 리소스에 대해 1강의 해당 테이블 문장에 더하세요. 참고: 1, 3, 4강의 solution/ 폴더.',
    ),
  ],
};

export const LEVEL_NAMES: readonly Text[] = [
  tr('the concept', '개념'),
  tr('where to look', '볼 곳'),
  tr('the answer', '답'),
];
