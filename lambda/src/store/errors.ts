/** True for DynamoDB's "your condition did not hold" answer, which several stores turn into a result. */
export function isConditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
