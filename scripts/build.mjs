// Bundles the entry points with esbuild so that synth and the CLI run plain JavaScript
// (no TypeScript loader at run time). Dependencies stay external (the CDK apps load them from
// node_modules), except the CLI's few, pre-bundled into dist/vendor/ (see VENDORED).
// Usage: node scripts/build.mjs [--quiet] [--force]
// Skips the build when dist/ was built from exactly these inputs (dist/.build-inputs holds their
// hash): jest's global setup, `npm run synth` and `prepare` all call it, and an unchanged tree
// then costs 20 ms instead of 0.7 s.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const quiet = process.argv.includes('--quiet');
const started = performance.now();

/** Every file under a folder, sorted. */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

/**
 * A hash of every input of dist/: our sources (every file under bin/, lib/ and stacks/, data
 * files included), this script and the replacement-spec derivation, tsconfig.json (esbuild reads
 * it) and the lock file (esbuild's, the vendored packages' and the service spec's versions).
 */
function inputsKey() {
  const hash = createHash('sha256');
  const files = [
    ...filesUnder('bin'),
    ...filesUnder('lib'),
    ...filesUnder('stacks'),
    'scripts/build.mjs',
    'scripts/derive-replacement-spec.mjs',
    'tsconfig.json',
    'package-lock.json',
  ];
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}
const KEY_FILE = join('dist', '.build-inputs');

const entryPoints = {
  tsunagi: 'bin/tsunagi.ts',
  aws: 'bin/aws.ts',
  azure: 'bin/azure.ts',
};

// Lambda handlers: each lib/aws/**/handlers/<name>.ts becomes dist/handlers/<name>/index.js,
// fully bundled (the Lambda runtime has only the AWS SDK), and stacks package that folder.
const handlers = [];
const walk = (dir) => {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (dir.endsWith('handlers') && entry.name.endsWith('.ts')) handlers.push(path);
  }
};
walk('lib/aws');
const handlerOutfile = (path) =>
  join('dist', 'handlers', path.split('/').pop().replace(/\.ts$/, ''), 'index.js');
const key = inputsKey();
const outputs = [
  ...Object.keys(entryPoints).map((name) => join('dist', `${name}.js`)),
  ...handlers.map(handlerOutfile),
  join('dist', 'cfn-replacement-spec.json'),
];
if (
  !process.argv.includes('--force') &&
  existsSync(KEY_FILE) &&
  readFileSync(KEY_FILE, 'utf8') === key &&
  outputs.every((file) => existsSync(file))
) {
  if (!quiet) console.log(`dist/ is up to date (built from the same inputs; --force rebuilds)`);
  process.exit(0);
}
// Loaded only when something is built.
const { build } = await import('esbuild');
const { ensureReplacementSpec } = await import('./derive-replacement-spec.mjs');

// The CLI's own dependencies, each pre-bundled into one file, dist/vendor/<name>.js: Node's
// module loader then resolves and compiles one file instead of zod's 95 and yaml's 72, which
// is about 0.1 s of CPU in every `tsunagi plan` and `validate`. The CLI bundle requires them
// where it imports them (inside the lazily loaded command code), so `--version` and `--help`
// load none of them. Same package code as node_modules, one copy per process.
const VENDORED = ['zod', 'yaml', 'commander'];
await Promise.all(
  VENDORED.map((name) =>
    build({
      stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: '.' },
      outfile: join('dist', 'vendor', `${name}.js`),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
    }),
  ),
);
const vendored = {
  name: 'vendored',
  setup(b) {
    const filter = new RegExp(`^(${VENDORED.join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: `./vendor/${args.path}.js`, external: true }));
  },
};

const common = {
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
};
await Promise.all([
  build({ ...common, entryPoints: { tsunagi: entryPoints.tsunagi }, plugins: [vendored] }),
  build({ ...common, entryPoints: { aws: entryPoints.aws, azure: entryPoints.azure } }),
]);

await Promise.all(
  handlers.map((path) =>
    build({
      entryPoints: [path],
      outfile: handlerOutfile(path),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['@aws-sdk/*'],
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
    }),
  ),
);

// The CloudFormation replacement rules `tsunagi review` reads (about 1 s, only when the
// installed @aws-cdk/aws-service-spec changed since the last build).
ensureReplacementSpec('dist');
writeFileSync(KEY_FILE, key);

if (!quiet) {
  console.log(
    `built ${Object.keys(entryPoints).length} entry points and ${handlers.length} handler(s) into dist/ in ${Math.round(performance.now() - started)} ms`,
  );
}
