// Prints the CloudFormation stacks of a cdk.out assembly in dependency order (each stack after
// the stacks it depends on), one a line as `<artifact id> <stack name> <region>`, for the
// deploy workflow's per-stack change-set gate. Ties keep manifest order.
//   node scripts/cdk-stacks.mjs [cdk.out]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'cdk.out';
const { artifacts = {} } = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const stacks = Object.fromEntries(
  Object.entries(artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack'),
);
const done = new Set();
const visiting = new Set();
const order = [];
function visit(id) {
  if (done.has(id)) return;
  if (visiting.has(id)) throw new Error(`dependency cycle through ${id}`);
  visiting.add(id);
  for (const dependency of stacks[id].dependencies ?? []) if (stacks[dependency]) visit(dependency);
  visiting.delete(id);
  done.add(id);
  order.push(id);
}
for (const id of Object.keys(stacks)) visit(id);
for (const id of order) {
  const artifact = stacks[id];
  const region = /^aws:\/\/[^/]+\/(.+)$/.exec(artifact.environment ?? '')?.[1] ?? 'unknown-region';
  console.log(`${id} ${artifact.properties?.stackName ?? id} ${region}`);
}
