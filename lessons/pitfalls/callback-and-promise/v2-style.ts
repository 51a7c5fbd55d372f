/**
 * SDK v2's DocumentClient request semantics in a few lines, since the Node.js runtimes ship
 * v3 only. In v2, `ddb.update(params, callback)` sends the request at once because a callback
 * was given, and `.promise()` on that request sends it again. The workshop wrote
 * `await ddb.put(params, function (err, data) { … }).promise()`, so every write went out twice.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  PutCommand,
  type PutCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';

type Callback = (err: Error | null, data: unknown) => void;

export interface V2Request {
  promise(): Promise<unknown>;
}

export class DocumentClient {
  private readonly doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));

  put(params: PutCommandInput, callback?: Callback): V2Request {
    return this.request(() => this.doc.send(new PutCommand(params)), callback);
  }

  update(params: UpdateCommandInput, callback?: Callback): V2Request {
    return this.request(() => this.doc.send(new UpdateCommand(params)), callback);
  }

  private request(send: () => Promise<unknown>, callback?: Callback): V2Request {
    // v2's AWS.Request.send(), run because a callback came with the call.
    if (callback) {
      send().then(
        (data) => callback(null, data),
        (err: Error) => callback(err, null),
      );
    }
    // v2's AWS.Request.promise(): runs the same request once more.
    return { promise: send };
  }
}
