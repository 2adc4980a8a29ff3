/**
 * The command-line tool. Each command lives in lib/cli/commands/<name>.ts and is registered
 * here with one line; `tsunagi <command> --help` describes each.
 */
import { Command } from 'commander';
import { diagramCommand } from '../lib/cli/commands/diagram';
import { gateCommand } from '../lib/cli/commands/gate';
import { planCommand } from '../lib/cli/commands/plan';
import { reviewCommand } from '../lib/cli/commands/review';
import { revokeCommand } from '../lib/cli/commands/revoke';
import { schemaCommand } from '../lib/cli/commands/schema';
import { synthCommand } from '../lib/cli/commands/synth';
import { validateCommand } from '../lib/cli/commands/validate';
import { reportInternalError } from '../lib/cli/internal-error';
import { packageVersion } from '../lib/cli/version';

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

program.parseAsync(process.argv).catch((error: unknown) => reportInternalError(error));
