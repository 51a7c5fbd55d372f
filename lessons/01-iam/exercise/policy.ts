/**
 * Lesson 1, exercise: a least-privilege policy for the quiz function.
 *
 * The workshop pasted one policy into the IAM console that allowed apigateway:*, logs:*,
 * lambda:* and dynamodb:* on every resource, plus ManageConnections (policies/workshop-2019.json).
 * It worked, and it noted that a real service should narrow it. That is this exercise.
 *
 * The function (lessons 3 and 4) reads and writes the tables User, Chat and Game, writes its
 * logs, and posts to WebSocket clients. Give it exactly that. Then run `npm run lesson:1`:
 * the check asks the IAM engine what the function needs, and what it should NOT be able to do.
 *
 * Region ap-northeast-2, account 123456789012, API id chosung001, stage dev,
 * function android-realtime-lambda.
 */
import type { PolicyDocument } from '../../../emulator/stack.ts';

export const policy: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Tables',
      Effect: 'Allow',
      // TODO: name only the calls the function makes (PutItem, GetItem, …), not every DynamoDB action.
      Action: 'dynamodb:*',
      // TODO: only the three tables: arn:aws:dynamodb:<region>:<account>:table/<Name>
      Resource: '*',
    },
    // TODO(logs): without CloudWatch Logs rights the function still runs, but its log group
    // stays empty. Allow creating the group and stream and putting events, for this function's
    // group only: arn:aws:logs:<region>:<account>:log-group:/aws/lambda/<function>:*
    //
    // TODO(connections): the workshop warns that without execute-api:ManageConnections the
    // WebSocket "silently" stops working. Allow it, but only for this API:
    // arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/POST/@connections/*
  ],
};
