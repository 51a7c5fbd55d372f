/**
 * How IAM matches the `Action` and `Resource` patterns of a statement (reference_policies_elements_resource):
 * actions are case-insensitive globs; resource ARNs are case-sensitive, `*` and `?` work within each
 * colon-separated segment, a `*` that ends a segment may run on past the colons, and in the resource
 * part (after the fifth colon) `*` runs over `/` and `:` alike. So the workshop's
 * `arn:aws:execute-api:*:*:**` + `/@connections/*` matches every connection of every API and stage.
 */

const compiled = new Map<string, RegExp>();

function escapeRegex(ch: string): string {
  return /[\\^$.|+()[\]{}]/.test(ch) ? `\\${ch}` : ch;
}

/** `service:Action` patterns: `*` any run of characters, `?` one; case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  const key = `a|${pattern}`;
  let re = compiled.get(key);
  if (!re) {
    let src = '';
    for (const ch of pattern) src += ch === '*' ? '.*' : ch === '?' ? '.' : escapeRegex(ch);
    re = new RegExp(`^${src}$`, 'is');
    compiled.set(key, re);
  }
  return re.test(action);
}

/** A resource pattern from a policy against the ARN a request names. */
export function resourceMatches(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const key = `r|${pattern}`;
  let re = compiled.get(key);
  if (!re) {
    re = new RegExp(`^${resourcePatternSource(pattern)}$`, 's');
    compiled.set(key, re);
  }
  return re.test(arn);
}

function resourcePatternSource(pattern: string): string {
  let src = '';
  let segment = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    const inResourcePart = segment >= 5;
    if (ch === ':' && !inResourcePart) {
      segment++;
      src += ':';
    } else if (ch === '*') {
      const endsSegment = i + 1 === pattern.length || pattern[i + 1] === ':';
      src += inResourcePart || endsSegment ? '.*' : '[^:]*';
    } else if (ch === '?') {
      src += inResourcePart ? '.' : '[^:]';
    } else {
      src += escapeRegex(ch);
    }
  }
  return src;
}
