// Prints the Terraform stack directories of cdktf.out in dependency order (each stack after
// the stacks it reads by name), one a line, for the deploy workflow. The order comes from
// the stacks' `dependencies` in cdktf.out/manifest.json; ties keep manifest order.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(process.argv[2] ?? 'cdktf.out/manifest.json', 'utf8'));
const stacks = manifest.stacks;
const done = new Set();
const visiting = new Set();
const order = [];
function visit(name) {
  if (done.has(name)) return;
  if (visiting.has(name)) throw new Error(`dependency cycle through ${name}`);
  if (!stacks[name]) throw new Error(`unknown stack ${name} in dependencies`);
  visiting.add(name);
  for (const dependency of stacks[name].dependencies ?? []) visit(dependency);
  visiting.delete(name);
  done.add(name);
  order.push(name);
}
for (const name of Object.keys(stacks)) visit(name);
for (const name of order) console.log(name);
