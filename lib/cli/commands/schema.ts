/** `tsunagi schema`: the JSON Schema of profiles, for editor completion. */
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { profileJsonSchema } from '../../profile/json-schema';

export function schemaCommand(): Command {
  return new Command('schema')
    .description('Print (or write) the JSON Schema of profiles, for editor completion.')
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action((options: { out?: string }) => {
      const text = `${JSON.stringify(profileJsonSchema(), null, 2)}\n`;
      if (options.out) writeFileSync(options.out, text);
      else process.stdout.write(text);
    });
}
