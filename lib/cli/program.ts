/**
 * The `tsunagi` command tree. Each command lives in lib/cli/commands/<name>.ts and is added here
 * with one line; `tsunagi <command> --help` describes each. bin/tsunagi.ts runs it on the
 * process's arguments; tests run it in-process (test/support/run-tsunagi.ts).
 */
import { Command } from 'commander';
import { diagramCommand } from './commands/diagram';
import { gateCommand } from './commands/gate';
import { planCommand } from './commands/plan';
import { reviewCommand } from './commands/review';
import { revokeCommand } from './commands/revoke';
import { schemaCommand } from './commands/schema';
import { synthCommand } from './commands/synth';
import { validateCommand } from './commands/validate';
import { packageVersion } from './version';

/** A new `tsunagi` program with every command (commander keeps parse state on the instances). */
export function tsunagiProgram(): Command {
  const program = new Command()
    .name('tsunagi')
    .description('Secure telework and closed-network infrastructure as code (AWS CDK + CDK for Terraform).')
    .version(packageVersion(), '-V, --version', 'print the version of Tsunagi')
    .showHelpAfterError();

  program.addCommand(validateCommand());
  program.addCommand(planCommand());
  program.addCommand(synthCommand());
  program.addCommand(schemaCommand());
  program.addCommand(gateCommand());
  program.addCommand(reviewCommand());
  program.addCommand(diagramCommand());
  program.addCommand(revokeCommand());
  return program;
}
