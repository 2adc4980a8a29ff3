/** The command-line tool: the program of lib/cli/program.ts on this process's arguments. */
import { reportInternalError } from '../lib/cli/internal-error';
import { tsunagiProgram } from '../lib/cli/program';

tsunagiProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => reportInternalError(error));
