/**
 * Lambda layers as the function sees them. On AWS each layer is unzipped into /opt, and the
 * runtime puts /opt's language folders on its module path (packaging-layers.html, "Layer paths
 * for each Lambda runtime"): for Node.js `nodejs/node_modules` and `nodejs/node<major>/node_modules`
 * (NODE_PATH), for Python `python/lib/python3.x/site-packages` and `python` (sys.path). Here each
 * layer folder stands in for its own /opt, so its folders go on the paths in layer order.
 */
import path from 'node:path';
import type { RuntimeInfo } from './table.ts';

/** The module-path entries of `layers` (absolute folders) for `runtime`, in AWS's order. */
export function layerModulePaths(layers: string[], runtime: RuntimeInfo): string[] {
  if (runtime.family === 'python') {
    return layers.flatMap((opt) => [
      path.join(opt, 'python', 'lib', `python${runtime.version}`, 'site-packages'),
      path.join(opt, 'python'),
    ]);
  }
  const major = Number.parseInt(runtime.version, 10);
  return layers.flatMap((opt) => [
    path.join(opt, 'nodejs', `node${major}`, 'node_modules'),
    path.join(opt, 'nodejs', 'node_modules'),
  ]);
}
