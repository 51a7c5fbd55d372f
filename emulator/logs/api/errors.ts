/** An error the Logs API answers with, in CloudWatch Logs' awsJson1_1 shape (`__type`, `message`). */
export class LogsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export const groupNotFound = () =>
  new LogsError('ResourceNotFoundException', 'The specified log group does not exist.');
export const streamNotFound = () =>
  new LogsError('ResourceNotFoundException', 'The specified log stream does not exist.');
export const invalid = (message: string) => new LogsError('InvalidParameterException', message);
