/**
 * Lambda code built by scripts/build.mjs: every lib/aws/(any folder)/handlers/<name>.ts is bundled by
 * esbuild into dist/handlers/<name>/index.js before synth, so synth never bundles.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { projectRoot } from '../../profile/project-root';

/** The Node.js runtime of every handler (the latest the CDK knows; cdk-nag AwsSolutions-L1). */
export const HANDLER_RUNTIME = lambda.Runtime.NODEJS_24_X;

export function handlerCode(name: string): lambda.Code {
  const dir = join(projectRoot(), 'dist', 'handlers', name);
  if (!existsSync(join(dir, 'index.js'))) {
    throw new Error(
      `handler ${name} is not built (${dir}/index.js is missing): run \`node scripts/build.mjs\` before synth`,
    );
  }
  return lambda.Code.fromAsset(dir);
}
