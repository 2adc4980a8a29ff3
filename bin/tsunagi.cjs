#!/usr/bin/env node
// The `tsunagi` command: runs the esbuild bundle (built by `npm ci` through `prepare`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const bundle = join(__dirname, '..', 'dist', 'tsunagi.js');
if (!existsSync(bundle)) {
  require('node:child_process').execFileSync(
    process.execPath,
    [join(__dirname, '..', 'scripts', 'build.mjs'), '--quiet'],
    {
      cwd: join(__dirname, '..'),
      stdio: 'inherit',
    },
  );
}
require(bundle);
