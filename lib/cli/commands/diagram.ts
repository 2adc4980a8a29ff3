/**
 * `tsunagi diagram`: a picture of the design drawn from the capacity plan and the synthesized
 * artifacts (not from the profile alone): SVG (Graphviz in WebAssembly, offline), Mermaid for
 * Markdown, or the DOT source. `--scenario` draws what a failure takes away and where the
 * users go. Without `--artifacts` it synthesizes both clouds into a temporary directory first.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import type { SynthesizedArtifacts } from '../../diagram/artifacts';
import { guarded, loadForCommand, profileOption } from '../profile-option';

interface DiagramOptions {
  readonly profile: string;
  readonly format: 'svg' | 'mermaid' | 'dot';
  readonly scenario?: string;
  readonly out?: string;
  readonly artifacts?: string;
}

/** Synthesizes both clouds into a temporary directory and reads what they wrote. */
async function synthesizedArtifacts(profile: string): Promise<SynthesizedArtifacts | undefined> {
  const [{ synthesize }, { readArtifacts }] = await Promise.all([
    import('../synth'),
    import('../../diagram/artifacts'),
  ]);
  const scratch = mkdtempSync(join(tmpdir(), 'tsunagi-diagram-'));
  try {
    const outcome = await synthesize({
      profile,
      clouds: ['aws', 'azure'],
      backend: 'local',
      output: scratch,
    });
    if (!outcome.ok) {
      console.error(`${outcome.report}\ntsunagi diagram: synthesis failed; nothing was drawn`);
      process.exitCode = 1;
      return undefined;
    }
    return readArtifacts(scratch);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function diagramCommand(): Command {
  return new Command('diagram')
    .description(
      'Draw the design from the plan and the synthesized artifacts: clouds, Regions and hubs, tiers with capacity, populations and their reach, data centres, links, carrier networks, protected segments.',
    )
    .addOption(profileOption())
    .addOption(
      new Option('-f, --format <format>', 'svg (Graphviz, offline), mermaid (for Markdown) or dot')
        .choices(['svg', 'mermaid', 'dot'])
        .default('svg'),
    )
    .option(
      '-s, --scenario <failure>',
      'draw a failure: zone:<provider>:<region>:<zone>, region:<provider>:<region> or provider:<provider> (a unique shorter form such as region:ap-northeast-1 works)',
    )
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .option(
      '-a, --artifacts <dir>',
      'read cdk.out/ and cdktf.out/ from this directory (as `tsunagi synth --output <dir>` writes them) instead of synthesizing',
    )
    .action(
      guarded(
        (options: DiagramOptions) => options.profile,
        async (options: DiagramOptions) => {
          const model = await loadForCommand(options.profile, { quietWarnings: true });
          if (!model) return;
          // Loaded when the command runs, not for `--help` or the other commands.
          const [
            { readArtifacts },
            { buildDiagram },
            { renderDot },
            { renderMermaid },
            { findScenario },
            { renderSvg },
          ] = await Promise.all([
            import('../../diagram/artifacts'),
            import('../../diagram/build'),
            import('../../diagram/dot'),
            import('../../diagram/mermaid'),
            import('../../diagram/scenario'),
            import('../../diagram/svg'),
          ]);
          const lookup = options.scenario ? findScenario(model.plan, options.scenario) : undefined;
          if (lookup && !lookup.ok) {
            console.error(`tsunagi diagram: ${lookup.message}`);
            process.exitCode = 1;
            return;
          }
          let artifacts: SynthesizedArtifacts | undefined;
          if (options.artifacts) {
            try {
              artifacts = readArtifacts(options.artifacts);
            } catch (error) {
              console.error(`tsunagi diagram: ${(error as Error).message}`);
              process.exitCode = 1;
              return;
            }
          } else {
            artifacts = await synthesizedArtifacts(options.profile);
            if (!artifacts) return;
          }
          const graph = buildDiagram({
            model,
            artifacts,
            ...(lookup?.ok ? { scenario: lookup.result } : {}),
          });
          const dot = renderDot(graph);
          const output =
            options.format === 'mermaid'
              ? renderMermaid(graph)
              : options.format === 'dot'
                ? dot
                : await renderSvg(dot);
          if (options.out) {
            writeFileSync(options.out, output);
            console.error(`tsunagi diagram: wrote ${options.out} (${options.format})`);
          } else process.stdout.write(output);
        },
      ),
    );
}
