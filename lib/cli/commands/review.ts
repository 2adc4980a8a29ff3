/**
 * `tsunagi review`: the plan review of a change between two synthesized trees (or a git
 * ref and the working tree), offline. Exit 0 when nothing unacknowledged blocks, 1 when
 * something does, 2 on bad usage or unreadable input (one clear message, no stack trace).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { formatIssue } from '../../profile/issues';
import { projectRoot } from '../../profile/project-root';
import type { Acknowledgement, loadAcks } from '../../review/acks';
import { ReviewInputError } from '../../review/errors';
import { DEFAULT_PROFILE } from '../default-profile';
import { reportInternalError } from '../profile-option';

interface ReviewOptions {
  readonly base?: string;
  readonly baseRef?: string;
  readonly head?: string;
  readonly format: 'md' | 'json';
  readonly acks?: string;
  readonly profile: string;
  readonly environment?: string;
  readonly jsonOut?: string;
  readonly acksSchema?: boolean;
}

const DEFAULT_ACKS = join('config', 'review-acks.yaml');

function acknowledgements(load: typeof loadAcks, file: string | undefined): readonly Acknowledgement[] {
  const path = file ?? join(projectRoot(), DEFAULT_ACKS);
  const loaded = load(path, file !== undefined);
  if (!loaded.ok) {
    throw new ReviewInputError(
      `${loaded.issues.map((i) => formatIssue(i, loaded.file)).join('\n')}\n${loaded.file}: invalid acknowledgements file`,
    );
  }
  return loaded.acknowledgements;
}

async function execute(options: ReviewOptions): Promise<number> {
  // Loaded when the command runs, not for `--help` or the other commands.
  const [
    { acksJsonSchema, loadAcks, todayUtc },
    { readSynthTree },
    { synthesizeBaseRef, synthesizeCheckout },
    { renderReviewMarkdown },
    { review },
  ] = await Promise.all([
    import('../../review/acks'),
    import('../../review/artifacts'),
    import('../../review/base-ref'),
    import('../../review/render-markdown'),
    import('../../review/review'),
  ]);
  if (options.acksSchema) {
    process.stdout.write(`${JSON.stringify(acksJsonSchema(), null, 2)}\n`);
    return 0;
  }
  if (options.base && options.baseRef)
    throw new ReviewInputError('pass either --base or --base-ref, not both');
  if (!options.base && !options.baseRef)
    throw new ReviewInputError(
      'pass --base <dir> (a `tsunagi synth --output` directory) or --base-ref <git-ref>, and --head <dir>',
    );
  if (options.base && !options.head) throw new ReviewInputError('--base needs --head <dir>');
  const acks = acknowledgements(loadAcks, options.acks);
  const cleanups: (() => void)[] = [];
  try {
    let baseDir = options.base!;
    let baseSource = options.base!;
    let headDir = options.head;
    if (options.baseRef) {
      const root = projectRoot();
      const request = {
        profile: options.profile,
        ...(options.environment ? { environment: options.environment } : {}),
      };
      let head: Promise<void> | undefined;
      if (!headDir) {
        const temp = mkdtempSync(join(tmpdir(), 'tsunagi-review-head-'));
        cleanups.push(() => rmSync(temp, { recursive: true, force: true }));
        headDir = join(temp, 'head');
        head = synthesizeCheckout(root, options.profile, options.environment, headDir, 'head (working tree)');
      }
      const base = await synthesizeBaseRef(root, options.baseRef, request, head);
      cleanups.push(base.cleanup);
      baseDir = base.dir;
      baseSource = base.source;
    }
    const report = review(
      readSynthTree(baseDir, baseSource),
      readSynthTree(headDir!, options.head ?? 'working tree'),
      {
        acknowledgements: acks,
        today: todayUtc(),
      },
    );
    const json = `${JSON.stringify(report, null, 2)}\n`;
    if (options.jsonOut) writeFileSync(options.jsonOut, json);
    process.stdout.write(options.format === 'json' ? json : renderReviewMarkdown(report));
    return report.verdict === 'block' ? 1 : 0;
  } finally {
    for (const cleanup of cleanups.reverse()) cleanup();
  }
}

export function reviewCommand(): Command {
  return new Command('review')
    .description(
      'Review a change between two synthesized trees: replacements, deletions, capacity per failure scenario, security and cost, as one Markdown comment or JSON. Exit 0 pass, 1 block, 2 bad input.',
    )
    .option('--base <dir>', 'base tree: a directory written by `tsunagi synth --output <dir>`')
    .option(
      '--base-ref <git-ref>',
      'synthesize the base from this commit in a temporary git worktree (same profile and environment)',
    )
    .option('--head <dir>', 'head tree (default with --base-ref: synthesize the working tree)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['md', 'json']).default('md'))
    .option('--acks <file>', `acknowledged findings (default: ${DEFAULT_ACKS} when it exists)`)
    .option('--json-out <file>', 'also write the JSON report to this file')
    .option(
      '-p, --profile <profile>',
      'profile to synthesize with --base-ref (name in config/ or path)',
      DEFAULT_PROFILE,
    )
    .option('-e, --environment <name>', 'environment to synthesize with --base-ref (default: the first)')
    .option('--acks-schema', 'print the JSON Schema of the acknowledgements file and exit')
    .exitOverride((error) => {
      // Help and version exit 0; every usage error is exit 2 (commander printed the message).
      process.exit(error.exitCode === 0 ? 0 : 2);
    })
    .action(async (options: ReviewOptions) => {
      try {
        process.exitCode = await execute(options);
      } catch (error) {
        if (error instanceof ReviewInputError) {
          console.error(`tsunagi review: ${error.message}`);
          process.exitCode = 2;
          return;
        }
        reportInternalError(error);
      }
    });
}
