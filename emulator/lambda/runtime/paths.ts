import path from 'node:path';

/** Whether `file` is `dir` or lies below it. */
export function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** A specifier naming a package (`aws-sdk`, `@aws-sdk/client-s3/x`), not a path or a URL. */
export function isBare(specifier: string): boolean {
  return !/^(\.{1,2}(\/|$)|\/|#|[a-zA-Z][a-zA-Z0-9+.-]*:)/.test(specifier);
}

/** `@scope/name` or `name`: the folder a bare specifier looks for under node_modules. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}
