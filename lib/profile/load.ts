/**
 * Profile file -> ValidatedProfile (lib/model), or every issue found. The order is: YAML
 * syntax, schema, cross-field rules, referenced files. The capacity plan is lib/planner's
 * `planDeployment`, called on the result (a target no permitted design can carry is a
 * profile error too). Nothing here throws for bad input.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { type Document, LineCounter, parseDocument } from 'yaml';
import type { ProfileFiles, ValidatedProfile, ValidationResult } from '../model/deployment-model';
import { deepFreeze } from '../util/immutable';
import { type IssuePath, issue, type ProfileIssue } from './issues';
import { resolveProfilePath } from './project-root';
import { runProfileRules } from './rules';
import { type Profile, profileSchema } from './schema';
import { checkTextLimits, MAX_PROFILE_BYTES, sizeIssue, toDataWithinLimits } from './yaml-limits';
import { fromZodIssues } from './zod-issues';

// The stacks and tests name the planned model by this module's path; the type lives in lib/model.
export type { DeploymentModel, LoadResult, ProfileFiles } from '../model/deployment-model';

function lineOf(doc: Document, counter: LineCounter, path: IssuePath): number | undefined {
  // The deepest node that exists on the path: a missing field points at its parent.
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return counter.linePos(range[0]).line;
  }
  return undefined;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

function readReferencedFiles(
  profile: Profile,
  baseDir: string,
): { files: ProfileFiles; issues: ProfileIssue[] } {
  const issues: ProfileIssue[] = [];
  const read = (file: string, path: IssuePath, what: string): string | undefined => {
    const full = resolve(baseDir, file);
    if (!existsSync(full)) {
      issues.push(
        issue(
          path,
          `names a ${what} file that does not exist`,
          file,
          `put the file at ${relative(process.cwd(), full)} (paths are relative to the profile)`,
        ),
      );
      return undefined;
    }
    try {
      if (!statSync(full).isFile()) throw new Error('not a file');
      return readFileSync(full, 'utf8');
    } catch (error) {
      issues.push(
        issue(
          path,
          `names a ${what} file that cannot be read (${error instanceof Error ? error.message : String(error)})`,
          file,
          'point it at a readable file (paths are relative to the profile)',
        ),
      );
      return undefined;
    }
  };
  const certificateAuthorities = new Map<string, string>();
  profile.identity.certificateAuthorities.forEach((ca, i) => {
    const text = read(
      ca.certificateFile,
      ['identity', 'certificateAuthorities', i, 'certificateFile'],
      'certificate',
    );
    if (text === undefined) return;
    if (/PRIVATE KEY/.test(text)) {
      issues.push(
        issue(
          ['identity', 'certificateAuthorities', i, 'certificateFile'],
          'contains a private key, which must never be committed',
          ca.certificateFile,
          'keep only the public certificate in the repository; store keys in your PKI',
        ),
      );
      return;
    }
    const pem = PEM_CERTIFICATE.exec(text)?.[0];
    if (!pem) {
      issues.push(
        issue(
          ['identity', 'certificateAuthorities', i, 'certificateFile'],
          'holds no PEM certificate',
          ca.certificateFile,
          'export the CA certificate as PEM (-----BEGIN CERTIFICATE-----)',
        ),
      );
      return;
    }
    certificateAuthorities.set(ca.name, pem);
  });
  const saml = profile.identity.federation.saml;
  const samlMetadata = saml
    ? read(saml.metadataFile, ['identity', 'federation', 'saml', 'metadataFile'], 'SAML metadata')
    : undefined;
  if (samlMetadata !== undefined && !samlMetadata.includes('EntityDescriptor')) {
    issues.push(
      issue(
        ['identity', 'federation', 'saml', 'metadataFile'],
        'is not SAML 2.0 metadata (no EntityDescriptor)',
        saml?.metadataFile,
        'download the federation metadata XML from the IdP',
      ),
    );
  }
  const crlFile = profile.identity.deviceRevocation.crlFile;
  const crl = crlFile ? read(crlFile, ['identity', 'deviceRevocation', 'crlFile'], 'CRL') : undefined;
  return { files: { certificateAuthorities, samlMetadata, crl }, issues };
}

/** Validates a profile given as text (the file name is only for messages). */
export function loadProfileText(text: string, file: string, baseDir: string): ValidationResult {
  const tooLarge = checkTextLimits(text);
  if (tooLarge) return { ok: false, file, issues: [tooLarge] };
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const withLines = (issues: readonly ProfileIssue[]) =>
    issues.map((i) => ({ ...i, line: i.line ?? lineOf(doc, counter, i.path) }));
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => ({
      ...issue(
        [],
        `is not valid YAML: ${e.message.split('\n')[0]}`,
        undefined,
        'fix the YAML syntax at this line',
      ),
      line: counter.linePos(e.pos[0]).line,
    }));
    return { ok: false, file, issues };
  }
  const data = toDataWithinLimits(doc);
  if (!data.ok) return { ok: false, file, issues: [data.issue] };
  const raw = data.data;
  // One parse per process: zod's JIT (a generated parser per object schema, compiled with
  // `new Function` on first use) costs more to compile than it saves here (about 30 ms of
  // `tsunagi plan`). The interpreted path returns the same data and issues.
  const parsed = profileSchema.safeParse(raw, { jitless: true });
  if (!parsed.success) return { ok: false, file, issues: withLines(fromZodIssues(raw, parsed.error.issues)) };
  const profile = deepFreeze(parsed.data);

  const ruleIssues = [...runProfileRules(profile)];
  const { files, issues: fileIssues } = readReferencedFiles(profile, baseDir);
  const found = [...ruleIssues, ...fileIssues];
  if (found.some((i) => i.severity === 'error')) return { ok: false, file, issues: withLines(found) };

  const model: ValidatedProfile = {
    file,
    profile: profile as Profile,
    files: Object.freeze(files),
    warnings: deepFreeze(withLines(found)),
    lineOf: (path) => lineOf(doc, counter, path),
  };
  return { ok: true, model: Object.freeze(model) };
}

/** Validates `config/<name>.yaml` or a profile path. */
export function loadProfile(nameOrPath: string): ValidationResult {
  const path = resolveProfilePath(nameOrPath);
  const file = relative(process.cwd(), path) || path;
  if (!existsSync(path)) {
    return {
      ok: false,
      file,
      issues: [
        issue(
          [],
          'no such profile file',
          nameOrPath,
          'name a profile in config/ (for example hyogo) or give a path to a YAML file',
        ),
      ],
    };
  }
  const stat = statSync(path);
  if (!stat.isFile()) {
    return {
      ok: false,
      file,
      issues: [issue([], 'is not a file', nameOrPath, 'give the path of a profile YAML file')],
    };
  }
  if (stat.size > MAX_PROFILE_BYTES) {
    return { ok: false, file, issues: [sizeIssue(stat.size)] };
  }
  return loadProfileText(readFileSync(path, 'utf8'), file, dirname(path));
}
