#!/usr/bin/env node
// The `playbook` command. It loads the bundle built by `npm run build` (packages/cli/dist),
// with Node's compile cache on, so that the bundle is compiled once rather than on every run.
'use strict';
try {
    // Node ≥ 22.1; the cache lives in os.tmpdir()/node-compile-cache unless NODE_COMPILE_CACHE
    // says otherwise. A cache that cannot be written only makes the start slower.
    require('node:module').enableCompileCache?.();
} catch {
    // No cache: still correct.
}
try {
    require.resolve('../dist/playbook.cjs');
} catch {
    process.stderr.write("playbook: the command is not built yet; run 'npm install' (or 'npm run build') in the repository first\n");
    process.exit(2);
}
require('../dist/playbook.cjs');
