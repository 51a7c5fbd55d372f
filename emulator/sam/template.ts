/**
 * Reads a SAM or CloudFormation template (YAML with the short-form tags, or JSON) and works out
 * what the rest of the loader evaluates against: parameter values (defaults, then
 * `--parameter-overrides`), and `Conditions`.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { evaluateCondition, type IntrinsicContext } from '../serverless/intrinsics.ts';
import { parseServerlessYaml } from '../serverless/yaml.ts';

export type Obj = Record<string, unknown>;

export interface Template {
  /** Absolute path of the file. */
  file: string;
  /** Where CodeUri and ContentUri paths start. */
  dir: string;
  /** The stack's name: the template's folder (`template.yaml` says nothing), else the file's name. */
  name: string;
  doc: Obj;
}

export async function readTemplate(path: string): Promise<Template> {
  const file = resolve(path);
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new Error(`cannot read ${file}: ${error.message}`);
  });
  return parseTemplate(text, file);
}

export function parseTemplate(text: string, file: string): Template {
  // JSON is YAML, so one parser reads both, with CloudFormation's short-form tags.
  const doc = parseServerlessYaml(text, file);
  if (!doc.Resources || typeof doc.Resources !== 'object') {
    throw new Error(`${file}: no Resources section; this is not a CloudFormation or SAM template.`);
  }
  const stem = basename(file, extname(file));
  const name = /^(template|packaged|sam-template)$/i.test(stem) ? basename(dirname(file)) : stem;
  return { file, dir: dirname(file), name, doc };
}

/**
 * Parameter values: `--parameter-overrides`, else `Default`. Unknown override keys and parameters
 * with neither are refused, as `sam deploy` refuses them; CommaDelimitedList becomes a list.
 */
export function parameterValues(
  template: Template,
  overrides: Record<string, string>,
): Record<string, unknown> {
  const declared = obj(template.doc.Parameters);
  for (const key of Object.keys(overrides)) {
    if (!Object.hasOwn(declared, key)) {
      throw new Error(
        `${template.file}: --parameter-overrides names ${key}, which is not in Parameters (${Object.keys(declared).join(', ') || 'none'}).`,
      );
    }
  }
  const values: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(declared)) {
    const spec = obj(raw);
    const given = overrides[key] ?? (spec.Default === undefined ? undefined : String(spec.Default));
    if (given === undefined) {
      throw new Error(
        `${template.file}: parameter ${key} has no Default; pass --parameter-overrides ${key}=VALUE.`,
      );
    }
    const allowed = Array.isArray(spec.AllowedValues) ? spec.AllowedValues.map(String) : undefined;
    if (allowed && !allowed.includes(given)) {
      throw new Error(`${template.file}: parameter ${key} is ${given}; allowed: ${allowed.join(', ')}.`);
    }
    const type = String(spec.Type ?? 'String');
    values[key] =
      type === 'CommaDelimitedList' || type.startsWith('List<')
        ? given.split(',').map((s) => s.trim())
        : given;
  }
  return values;
}

/** `Conditions`, each evaluated once (conditions may name earlier ones). */
export function conditionValues(template: Template, ctx: IntrinsicContext): Record<string, boolean> {
  const declared = obj(template.doc.Conditions);
  const values: Record<string, boolean> = {};
  const scope: IntrinsicContext = { ...ctx, conditions: values };
  const visiting = new Set<string>();
  const resolveOne = (name: string): boolean => {
    if (name in values) return values[name] as boolean;
    if (!Object.hasOwn(declared, name))
      throw new Error(`${template.file}: condition ${name} is not declared.`);
    if (visiting.has(name)) throw new Error(`${template.file}: condition ${name} refers to itself.`);
    visiting.add(name);
    // Conditions used before they are declared resolve on first use.
    const expression = JSON.parse(JSON.stringify(declared[name]), (_k, v) => {
      if (
        v &&
        typeof v === 'object' &&
        !Array.isArray(v) &&
        typeof v.Condition === 'string' &&
        Object.keys(v).length === 1
      ) {
        return resolveOne(v.Condition);
      }
      return v;
    });
    values[name] = evaluateCondition(expression, scope);
    return values[name];
  };
  for (const name of Object.keys(declared)) resolveOne(name);
  return values;
}

/** Parses `Key=Value` (sam's short form) and `ParameterKey=K,ParameterValue=V`. */
export function parseParameterOverrides(items: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const long = /^ParameterKey=([^,]+),ParameterValue=(.*)$/.exec(item);
    if (long) {
      out[long[1] as string] = long[2] as string;
      continue;
    }
    const eq = item.indexOf('=');
    if (eq <= 0) throw new Error(`--parameter-overrides: ${JSON.stringify(item)} is not Key=Value.`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

export function obj(value: unknown): Obj {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {};
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  const n = typeof value === 'string' && value !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}
