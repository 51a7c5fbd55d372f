/**
 * Lesson 3, exercise: the connection function.
 *
 * In 2019 you pasted a handler into the Lambda console, set the timeout to 30 s and wired it to
 * the $connect and $disconnect routes. Here the lesson's stack does the wiring; you write the
 * two table calls. Run `npm run lesson:3` to connect a real WebSocket client and see.
 *
 * 3강 연습: 연결 함수. 2019년에는 Lambda 콘솔에 핸들러를 붙여 넣고, 제한 시간을 30초로 올리고,
 * $connect와 $disconnect 경로에 연결했습니다. 여기서는 수업의 스택이 연결을 맡고, 여러분은 테이블
 * 호출 두 개를 씁니다. `npm run lesson:3`으로 실제 WebSocket 클라이언트를 연결해 확인하세요.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

const USER_TABLE = 'User';

// No region or endpoint here: Lambda (and the emulator) provide them through the environment.
// 리전과 엔드포인트는 쓰지 않습니다: Lambda (그리고 에뮬레이터)가 환경으로 알려 줍니다.
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { connectionId, eventType } = event.requestContext;

  if (eventType === 'CONNECT') {
    console.log(`Connect requested: ${connectionId}`);
    // TODO: put { connectionId, answerCnt: 0 } into the User table with a PutCommand.
    //       Remember to `await` it: once the handler returns, Lambda freezes the instance.
    // TODO: PutCommand로 User 테이블에 { connectionId, answerCnt: 0 }을 넣으세요.
    //       `await`를 잊지 마세요: 핸들러가 반환되면 Lambda가 인스턴스를 얼립니다.
    return { statusCode: 200, body: 'Connected.' };
  }

  if (eventType === 'DISCONNECT') {
    console.log(`Disconnect requested: ${connectionId}`);
    // TODO: delete this connection's row from User with a DeleteCommand (Key: { connectionId }).
    // TODO: DeleteCommand로 User에서 이 연결의 행을 지우세요 (Key: { connectionId }).
    return { statusCode: 200, body: 'Disconnected.' };
  }

  return { statusCode: 404, body: 'illegal access' };
}

