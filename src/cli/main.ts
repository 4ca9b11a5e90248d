import { CommanderError } from 'commander';
import { isMesInfosError } from '../domain/errors.ts';
import { processIo, type CliIo } from './cli-io.ts';
import { buildProgram } from './build-program.ts';
import { addVaultCommands } from './vault-commands.ts';
import { addServeCommand } from './serve-command.ts';
import { EXIT, exitCodeFor, exitState } from './exit-codes.ts';

/**
 * The `mesinfos` command. Returns the exit code (see exit-codes.ts) rather than exiting,
 * so tests run it in-process.
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io, (p) => {
    addVaultCommands(p, io);
    addServeCommand(p, io);
  });
  exitState.code = EXIT.ok;
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitState.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return e.code === 'commander.invalidArgument' ? EXIT.input : EXIT.usage;
    }
    if (isMesInfosError(e)) {
      io.stderr.write(`mesinfos: ${e.message}\n`);
      return exitCodeFor(e.code);
    }
    io.stderr.write(`mesinfos: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.failure;
  }
}
