/** IAM for the emulator: policies checked on load, evaluation as AWS does it, SigV4 identities. */
export { newSessionCredentials } from './credentials.ts';
export { type Evaluation, evaluate, type Reason, statementApplies } from './evaluate.ts';
export {
  type AuthMode,
  type Denial,
  type DenialListener,
  type Explanation,
  Iam,
  type IamOptions,
} from './iam.ts';
export { accessDeniedMessage, denialLine } from './messages.ts';
export { checkPolicy, loadPolicyFile, PolicyError, parsePolicyText } from './policy-check.ts';
export { actionMatches, resourceMatches } from './wildcards.ts';
