import { Command, CommanderError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MesInfosError } from '../domain/errors.ts';
import type { AnyOperation } from '../operations/operation.ts';
import { closeServices, createServices, operations } from '../operations/table.ts';
import { Vault } from '../vault/vault.ts';
import type { CliIo } from './cli-io.ts';
import { readPassphrase } from './passphrase.ts';
import { createProgress } from './progress.ts';
import { renderTable } from './table.ts';
import { defaultVaultPath } from './vault-path.ts';
import { fieldShape, objectFields } from '../domain/zod-shape.ts';
import { EXIT, exitCodeFor, exitState } from './exit-codes.ts';

export interface GlobalOptions {
  vault?: string;
  json?: boolean;
}

/** Opens the vault named by --vault (or the default), asking for the passphrase. */
export async function openVault(io: CliIo, g: GlobalOptions, create: 'never' | 'if-missing' | 'always'): Promise<{ vault: Vault; created: boolean }> {
  const path = g.vault ?? defaultVaultPath(io.env);
  const exists = existsSync(path);
  if (!exists && create === 'never') throw new MesInfosError('VAULT_NOT_FOUND', `No vault at ${path}. Create one with "mesinfos init" (or fill one with "mesinfos demo").`);
  if (exists && create === 'always') throw new MesInfosError('VAULT_EXISTS', `A vault already exists at ${path}.`);
  if (!exists) {
    const passphrase = await readPassphrase(io, 'Choose a passphrase for your new vault: ', true);
    await mkdir(dirname(path), { recursive: true });
    return { vault: await Vault.create({ path, passphrase }), created: true };
  }
  const passphrase = await readPassphrase(io, `Passphrase for ${path}: `);
  return { vault: await Vault.open({ path, passphrase }), created: false };
}

/** Runs one operation as the owner, from command-line values: validates, opens the vault, runs. */
export async function runOperation(op: AnyOperation, raw: Record<string, unknown>, io: CliIo, g: GlobalOptions): Promise<void> {
  const input = parseInput(op, raw);
  const { vault } = await openVault(io, g, op.cli?.createsVault ? 'if-missing' : 'never');
  try {
    await runOnVault(op, input, vault, io, g);
  } finally {
    await vault.close();
  }
}

function parseInput(op: AnyOperation, raw: Record<string, unknown>): unknown {
  const parsed = op.input.safeParse(raw);
  if (parsed.success) return parsed.data;
  const faults = parsed.error.issues.map((i) => {
    const field = String(i.path[0] ?? '');
    const positional = op.cli?.positional?.includes(field);
    return `${field ? (positional ? `<${field}>` : `--${kebab(field)}`) + ': ' : ''}${i.message}`;
  });
  throw new MesInfosError('INPUT_INVALID', faults.join('\n'), parsed.error.issues);
}

/** Runs one operation, its input already validated, on a vault that is open (the caller closes it) and prints its output. */
async function runOnVault(op: AnyOperation, input: unknown, vault: Vault, io: CliIo, g: GlobalOptions): Promise<void> {
  const progress = createProgress(io, !g.json);
  let services: Awaited<ReturnType<typeof createServices>> = {};
  try {
    services = await createServices(vault);
    const out = await op.handler({ vault, principal: { kind: 'owner' }, services, progress: (d, t, l) => progress.update(d, t, l) }, input);
    progress.stop();
    const output = op.output.parse(out);
    if (g.json || !op.cli?.render) {
      io.stdout.write(JSON.stringify(op.cli?.json ? op.cli.json(output) : output, null, 2) + '\n');
    } else {
      const r = op.cli.render(output, input);
      io.stdout.write((typeof r === 'string' ? r : r.table.length ? renderTable(r.table, r.head) : '(nothing)') + '\n');
    }
    // An import that refused files is a partial failure scripts must see.
    const o = output as { refused?: number; unrecognised?: number; failed?: number };
    if ((o.refused ?? 0) + (o.unrecognised ?? 0) + (o.failed ?? 0) > 0) exitState.code = EXIT.input;
    const code = op.cli?.exitCode?.(output);
    if (code !== undefined && code !== 0) exitState.code = exitCodeFor(code);
  } finally {
    progress.stop();
    await closeServices(services);
  }
}

/** Adds one operation as a command (nested words become subcommands). */
function addOperation(program: Command, op: AnyOperation, io: CliIo): void {
  const spec = op.cli!;
  let parent = program;
  for (const word of spec.command.slice(0, -1)) {
    parent = parent.commands.find((c) => c.name() === word) ?? parent.command(word).description(`${word} commands`);
  }
  const name = spec.command[spec.command.length - 1]!;
  const existing = parent.commands.find((c) => c.name() === name);
  const cmd = existing ?? parent.command(name);
  cmd.description(op.summary);
  const fields = objectFields(op.input);
  const positional = spec.positional ?? [];
  for (const p of positional) {
    const schema = fields.find(([n]) => n === p)?.[1];
    if (!schema) continue;
    const shape = fieldShape(schema);
    const arg = shape.kind === 'array' ? `${p}...` : p;
    cmd.argument(shape.optional ? `[${arg}]` : `<${arg}>`);
  }
  for (const [field, schema] of fields) {
    if (positional.includes(field)) continue;
    const shape = fieldShape(schema);
    const help = (spec.help as Record<string, string> | undefined)?.[field] ?? '';
    const flag = `--${kebab(field)}`;
    let option: Option;
    if (shape.kind === 'boolean') option = new Option(flag, help);
    else if (shape.kind === 'array') option = new Option(`${flag} <value>`, `${help}${help ? ' ' : ''}(repeatable)`).argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
    else option = new Option(`${flag} <${shape.kind === 'number' ? 'n' : 'value'}>`, help);
    if (shape.choices) option.choices(shape.choices);
    if (shape.defaultValue !== undefined) option.default(shape.defaultValue);
    cmd.addOption(option);
  }
  cmd.action(async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const opts = command.opts<Record<string, unknown>>();
    const raw: Record<string, unknown> = {};
    positional.forEach((p, i) => {
      if (args[i] !== undefined) raw[p] = args[i];
    });
    for (const [field, schema] of fields) {
      if (positional.includes(field) || opts[field] === undefined) continue;
      const shape = fieldShape(schema);
      let v = opts[field];
      if (shape.kind === 'array' && Array.isArray(v) && v.length === 1) v = v[0];
      if (shape.kind === 'number' && typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) v = Number(v);
      raw[field] = v;
    }
    await runOperation(op, raw, io, command.optsWithGlobals<GlobalOptions>());
  });
}

export function buildProgram(io: CliIo, extra: (program: Command) => void = () => undefined): Command {
  const program = new Command();
  program
    .name('mesinfos')
    .description('MesInfos — your data, back in a vault you control')
    .option('--vault <path>', 'the vault file (default: $MESINFOS_VAULT, else in your data directory)')
    .option('--json', 'print JSON for scripts')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError(false);
  for (const op of operations) if (op.cli && (op.faces ?? ['cli', 'http']).includes('cli')) addOperation(program, op, io);
  extra(program);
  const applyOverride = (c: Command) => {
    c.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
    c.commands.forEach(applyOverride);
  };
  program.commands.forEach(applyOverride);
  return program;
}

export { CommanderError };

/** camelCase → kebab-case ("timeZone" → "time-zone"). */
function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
