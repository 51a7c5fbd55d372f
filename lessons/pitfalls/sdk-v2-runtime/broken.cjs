// sdk-v2-runtime, BROKEN: the workshop's first lines, unchanged. Lambda's Node.js 18 and later
// runtimes ship AWS SDK v3 only, so this require fails while the module loads, before the
// handler ever runs, and every invocation fails with it.
const AWS = require('aws-sdk');

const ddb = new AWS.DynamoDB.DocumentClient();

exports.handler = async (event) => {
  const { connectionId, eventType } = event.requestContext;
  if (eventType === 'CONNECT') {
    await ddb.put({ TableName: 'User', Item: { connectionId, answerCnt: 0 } }).promise();
  }
  return { statusCode: 200, body: 'Connected.' };
};
