'use strict';
/**
 * A small osls plugin: before `osls package`/`deploy` zips the service, bundle the TypeScript
 * handler into one ES module so the artifact holds plain JavaScript that the nodejs24.x runtime
 * loads as is. `@aws-sdk/*` stays external because that runtime provides SDK v3.
 *
 * serverless-offline never runs the package lifecycle, so offline keeps loading the .ts source
 * (through its tsx loader), and the handler path in serverless.yml stays the source path.
 *
 * Options (custom.esbuild): entry (the .ts module), outdir (matched by package.patterns).
 * CommonJS because osls loads local plugins with require().
 */
const path = require('node:path');
const fs = require('node:fs');

class EsbuildBundlePlugin {
  constructor(serverless, _options, { log } = {}) {
    this.serverless = serverless;
    this.log = log ?? { notice: console.log };
    this.hooks = {
      'before:package:createDeploymentArtifacts': () => this.bundle(),
      'before:deploy:function:packageFunction': () => this.bundle(),
    };
  }

  config() {
    const custom = this.serverless.service.custom?.esbuild ?? {};
    if (!custom.entry || !custom.outdir) {
      throw new Error(
        'custom.esbuild.entry and custom.esbuild.outdir must be set in serverless.yml (see docs/serverless.md).',
      );
    }
    return custom;
  }

  async bundle() {
    const { entry, outdir } = this.config();
    const serviceDir = this.serverless.serviceDir ?? this.serverless.config.servicePath;
    const entryPath = path.resolve(serviceDir, entry);
    const outPath = path.resolve(serviceDir, outdir);
    if (!fs.existsSync(entryPath)) {
      throw new Error(`esbuild: handler source ${entryPath} does not exist; fix custom.esbuild.entry.`);
    }
    fs.rmSync(outPath, { recursive: true, force: true });
    this.log.notice(`esbuild: bundling ${entry} into ${outdir}/index.mjs (@aws-sdk/* external)`);
    const esbuild = require('esbuild');
    await esbuild.build({
      entryPoints: [entryPath],
      outfile: path.join(outPath, 'index.mjs'),
      bundle: true,
      platform: 'node',
      target: 'node24',
      format: 'esm',
      external: ['@aws-sdk/*', '@smithy/*'],
      // Bundled CommonJS dependencies may still call require() for Node built-ins.
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
      sourcemap: 'inline',
      logLevel: 'warning',
    });
    // The zip holds dist/serverless-bundle/index.mjs, so every function's handler now points there.
    const relativeOut = path.relative(serviceDir, outPath).split(path.sep).join('/');
    for (const name of this.serverless.service.getAllFunctions()) {
      const fn = this.serverless.service.getFunction(name);
      const exportName = String(fn.handler).split('.').pop();
      fn.handler = `${relativeOut}/index.${exportName}`;
    }
  }
}

module.exports = EsbuildBundlePlugin;
