import { MesInfosError } from '../domain/errors.ts';
import type { CliIo } from './cli-io.ts';

/**
 * The passphrase comes from MESINFOS_PASSPHRASE, or from a prompt on the terminal with
 * nothing echoed. Without either (a script with no terminal), it is a clear error.
 */
export async function readPassphrase(io: CliIo, prompt: string, confirm = false): Promise<string> {
  const fromEnv = io.env.MESINFOS_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!io.stdin.isTTY) throw new MesInfosError('VAULT_LOCKED', 'The vault needs its passphrase: set MESINFOS_PASSPHRASE or run in a terminal to be asked.');
  const first = await hiddenPrompt(io, prompt);
  if (confirm) {
    const second = await hiddenPrompt(io, 'Type it again: ');
    if (first !== second) throw new MesInfosError('VAULT_PASSPHRASE_WEAK', 'The two passphrases differ.');
  }
  return first;
}

function hiddenPrompt(io: CliIo, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = io.stdin as NodeJS.ReadStream;
    io.stderr.write(prompt);
    let value = '';
    const wasRaw = stdin.isRaw;
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error) => {
      stdin.setRawMode?.(wasRaw ?? false);
      stdin.pause();
      stdin.removeListener('data', onData);
      io.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (s: string) => {
      for (const ch of s) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new MesInfosError('VAULT_LOCKED', 'Cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
