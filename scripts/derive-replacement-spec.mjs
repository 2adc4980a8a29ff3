#!/usr/bin/env node
/**
 * Derives from the CloudFormation resource specification (@aws-cdk/aws-service-spec, a 2.6 MB
 * gzip of 15 MB JSON that takes about 1.4 s to load) the part that `tsunagi review` needs:
 * per resource type, which properties exist, which force replacement (`causesReplacement`),
 * which are security-relevant (`scrutinizable`), and the tag property. About 1 MB, loaded in
 * ~20 ms. lib/review/replacement-spec.ts hands it to @aws-cdk/cloudformation-diff;
 * test/review/replacement-spec.test.ts checks that the table in dist/ is this derivation's of
 * the installed version and holds the answers the review depends on. scripts/build.mjs writes
 * it to dist/ when the installed specification's version or this derivation differs from the
 * ones recorded in the file (so a dependency update or an edit here regenerates it).
 *
 *   node scripts/derive-replacement-spec.mjs   # (re)write dist/cfn-replacement-spec.json
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const REPLACEMENT_SPEC_FILE = 'cfn-replacement-spec.json';

function installedVersion() {
  return require('@aws-cdk/aws-service-spec/package.json').version;
}

/** This derivation's identity: a table derived by an earlier edit of this file is stale. */
export function deriverHash() {
  return createHash('sha256')
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .digest('hex')
    .slice(0, 16);
}

/** The derived table: { source, resources: { [type]: { properties, scrutinizable?, tagPropertyName? } } }. */
export function replacementSpec() {
  const { loadAwsServiceSpecSync } = require('@aws-cdk/aws-service-spec');
  const db = loadAwsServiceSpecSync();
  const resources = {};
  for (const resource of db.all('resource')) {
    const properties = {};
    for (const [name, property] of Object.entries(resource.properties ?? {})) {
      properties[name] = {
        ...(property.causesReplacement ? { causesReplacement: property.causesReplacement } : {}),
        ...(property.scrutinizable ? { scrutinizable: property.scrutinizable } : {}),
      };
    }
    resources[resource.cloudFormationType] = {
      properties,
      ...(resource.scrutinizable ? { scrutinizable: resource.scrutinizable } : {}),
      ...(resource.tagInformation?.tagPropertyName
        ? { tagPropertyName: resource.tagInformation.tagPropertyName }
        : {}),
    };
  }
  return {
    source: { package: '@aws-cdk/aws-service-spec', version: installedVersion(), deriver: deriverHash() },
    resources,
  };
}

/**
 * Writes `<distDir>/cfn-replacement-spec.json` unless it already holds the table this derivation
 * makes of the installed version.
 */
export function ensureReplacementSpec(distDir) {
  const file = join(distDir, REPLACEMENT_SPEC_FILE);
  if (existsSync(file)) {
    try {
      const head = JSON.parse(readFileSync(file, 'utf8')).source;
      if (head?.version === installedVersion() && head?.deriver === deriverHash()) return false;
    } catch {
      // unreadable: rewrite
    }
  }
  mkdirSync(distDir, { recursive: true });
  writeFileSync(file, JSON.stringify(replacementSpec()));
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  ensureReplacementSpec(dist);
  console.log(`${join(dist, REPLACEMENT_SPEC_FILE)} is current`);
}
