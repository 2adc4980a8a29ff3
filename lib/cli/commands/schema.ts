/** `tsunagi schema`: the JSON Schema of profiles, for editor completion. */
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';

export function schemaCommand(): Command {
  return new Command('schema')
    .description('Print (or write) the JSON Schema of profiles, for editor completion.')
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action(async (options: { out?: string }) => {
      // Loaded when the command runs: zod and the profile schema are not needed for `--help`.
      const { profileJsonSchema } = await import('../../profile/json-schema');
      const text = `${JSON.stringify(profileJsonSchema(), null, 2)}\n`;
      if (options.out) writeFileSync(options.out, text);
      else process.stdout.write(text);
    });
}
