/**
 * A SAM function's `Policies`: each item is a managed policy (name or ARN), a SAM policy template
 * (`DynamoDBCrudPolicy: { TableName: … }`), or an inline document (`Statement: […]`), as the SAM
 * specification lists them (sam-resource-function.html#sam-function-policies).
 */
import { evaluateIntrinsics, type IntrinsicContext } from '../serverless/intrinsics.ts';
import { managedPolicyStatements, statementList } from '../serverless/resources.ts';
import { expandPolicyTemplate, policyTemplateNames } from './policy-templates.ts';
import { obj } from './template.ts';

export function expandPolicies(
  items: unknown[],
  ctx: IntrinsicContext,
  where: string,
  warn: (line: string) => void,
): unknown[] {
  return items.flatMap((item) => {
    if (typeof item === 'string') return managedPolicyStatements([item], where, warn);
    const map = obj(item);
    const keys = Object.keys(map);
    if (keys.includes('Statement')) return statementList(evaluateIntrinsics(map.Statement, ctx));
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]?.startsWith('Fn::'))) {
      // A managed policy ARN built with an intrinsic (`!Sub arn:${AWS::Partition}:iam::aws:policy/…`).
      return managedPolicyStatements([evaluateIntrinsics(map, ctx)], where, warn);
    }
    const [name] = keys;
    if (keys.length === 1 && name) {
      const values = obj(evaluateIntrinsics(map[name], ctx));
      const expanded = expandPolicyTemplate(name, values, where);
      if (expanded) return statementList(evaluateIntrinsics(expanded, ctx));
      throw new Error(
        `${where}: ${name} is not a SAM policy template the emulator knows (${policyTemplateNames().join(', ')}); use a managed policy or an inline Statement.`,
      );
    }
    throw new Error(
      `${where}: ${JSON.stringify(item)} is neither a managed policy, a policy template, nor a Statement.`,
    );
  });
}
