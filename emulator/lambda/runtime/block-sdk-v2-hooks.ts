/** ESM resolution hooks (module.register): `import 'aws-sdk'` fails as for a missing package. */
import { fileURLToPath } from 'node:url';
import { isSdkV2 } from './sdk-v2.ts';

interface ResolveContext {
  parentURL?: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<unknown>;

export async function resolve(
  specifier: string,
  context: ResolveContext,
  next: NextResolve,
): Promise<unknown> {
  if (isSdkV2(specifier)) {
    const parent = context.parentURL?.startsWith('file:')
      ? fileURLToPath(context.parentURL)
      : context.parentURL;
    const error = new Error(`Cannot find package 'aws-sdk' imported from ${parent}`);
    throw Object.assign(error, { code: 'ERR_MODULE_NOT_FOUND' });
  }
  return next(specifier, context);
}
