/**
 * Lets plain `node` run TypeScript bench scripts: compiles each required .ts file with @swc/core
 * (already a dev dependency) on the fly, with the same options as the Jest transform.
 *   node --require ./bench/swc-register.js bench/engine.bench.ts
 */
'use strict';
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

const OPTIONS = {
  // Ignore any .swcrc: its include/exclude rules are for the build, not for this loader.
  swcrc: false,
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...OPTIONS, filename });
  module._compile(code, filename);
};
