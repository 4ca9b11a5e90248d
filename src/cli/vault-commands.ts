import type { Command } from 'commander';
import { MesInfosError } from '../domain/errors.ts';
import { formatMoneyDecimal, type Money } from '../domain/money.ts';
import { demoGenerate } from '../operations/demo-operations.ts';
import type { AnyOperation } from '../operations/operation.ts';
import { openVault, runOnVault, type GlobalOptions } from './build-program.ts';
import type { CliIo } from './cli-io.ts';
import { renderTable } from './table.ts';
import { defaultVaultPath } from './vault-path.ts';

/** Commands about the vault itself, which act before a vault is open: init and start. */
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
    .description('Open your vault (on the first run: create it and fill it with a demo person) and show what is in it')
    .action(async (_o: unknown, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const path = g.vault ?? defaultVaultPath(io.env);
      // One passphrase prompt: the vault is opened once and used for everything below.
      const { vault: v, created } = await openVault(io, { ...g, vault: path }, 'if-missing');
      try {
        if (created || (await v.stats()).total === 0) {
          io.stdout.write(`${created ? 'Created' : 'Opened'} an encrypted vault at ${path}; filling it with a demo person (10 years)…\n`);
          await runOnVault(demoGenerate as unknown as AnyOperation, { years: 10, seed: 42 }, v, io, g, false);
        }
        const s = await v.stats();
        if (s.total === 0) throw new MesInfosError('IMPORT_EMPTY', 'The vault is empty.');
        io.stdout.write(`\nYour vault: ${path}\n`);
        io.stdout.write(
          renderTable(
            Object.entries(s.byType)
              .sort((a, b) => b[1] - a[1])
              .map(([t, n]) => [t, n]),
            ['record type', 'records'],
          ) + '\n',
        );
        io.stdout.write(`\n${s.total} records from ${Object.keys(s.bySource).length} sources, ${s.blobs} files.\n`);
        const latest = await v.query({ types: ['bank.transaction'], order: 'desc', limit: 5 });
        if (latest.records.length) {
          io.stdout.write('\nLatest bank transactions:\n');
          io.stdout.write(
            renderTable(
              latest.records.map((r) => {
                const d = r.data as { bookingDate: string; label: string; amount: Money };
                return [d.bookingDate, d.label, `${formatMoneyDecimal(d.amount)} ${d.amount.currency}`];
              }),
            ) + '\n',
          );
        }
        io.stdout.write('\nTry: npx mesinfos records --search regie · npx mesinfos stats · npx mesinfos import ~/Downloads/*\n');
      } finally {
        await v.close();
      }
    });
}
