/**
 * The role's trust policy: who may assume it. In the console, choosing "Lambda" as the service
 * writes it for you; on AWS a role whose trust policy does not name lambda.amazonaws.com cannot
 * be given to a function ("The role defined for the function cannot be assumed by Lambda").
 */
export interface TrustStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal: { Service?: string | string[]; AWS?: string | string[] } | '*';
  Action: string | string[];
}

export interface TrustPolicy {
  Version: string;
  Statement: TrustStatement[];
}
