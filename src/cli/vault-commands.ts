import type { Command } from 'commander';
import { DEFAULT_HOST } from '../http/serve.ts';
import { openVault, type GlobalOptions } from './build-program.ts';
import type { CliIo } from './cli-io.ts';
import { DEFAULT_PLATFORM_PORT, serveUntilSignal } from './serve-command.ts';
import { defaultVaultPath } from './vault-path.ts';

/** Commands about the vault itself, which act before a vault is open: init, and start (the platform server). */
export function addVaultCommands(program: Command, io: CliIo): void {
  program
    .command('init')
    .description('Create a new, empty, encrypted vault')
    .action(async (_o: unknown, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const { vault } = await openVault(io, g, 'always');
      await vault.close();
      io.stdout.write(g.json ? JSON.stringify({ created: vault.path }) + '\n' : `Created an encrypted vault at ${vault.path}.\n`);
    });

  program
    .command('start')
    .description(`Run the platform: the server on 127.0.0.1 (port ${DEFAULT_PLATFORM_PORT}, or a free one if taken); open the printed URL and unlock your vault there`)
    .action(async (_o: unknown, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      // No passphrase here: the person unlocks (or creates) the vault in the browser or through the API.
      await serveUntilSignal({ host: DEFAULT_HOST, port: DEFAULT_PLATFORM_PORT, anyPortIfTaken: true, vaultPath: g.vault ?? defaultVaultPath(io.env) }, io);
    });
}
