// Prints the Terraform stack directories of cdktf.out in manifest (creation) order, one a
// line, for the deploy workflow: later stacks read earlier ones by name (data sources).
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('cdktf.out/manifest.json', 'utf8'));
for (const name of Object.keys(manifest.stacks)) console.log(name);
