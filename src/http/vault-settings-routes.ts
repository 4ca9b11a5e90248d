import type { FastifyInstance } from 'fastify';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { MesInfosError } from '../domain/errors.ts';
import { exportArchive } from '../vault/vault-archive.ts';
import type { Audience } from './audience.ts';
import { inputInvalid } from './error-handler.ts';
import type { VaultSessions } from './vault-sessions.ts';

export const EXPORT_PATH = '/api/me/vault/export.zip';
export const PASSPHRASE_PATH = '/api/me/vault/passphrase';

export const changePassphraseInputSchema = z.object({
  current: z.string().min(1, 'the current passphrase is required'),
  next: z.string().min(8, 'choose a passphrase of at least 8 characters'),
});
export const changePassphraseOutputSchema = z.object({ changed: z.literal(true) });

/**
 * The person's settings that are not operations of the table because they move files or
 * keys, not records:
 * - `GET /api/me/vault/export.zip` — the whole vault as the open archive of
 *   docs/archive-format.md, as a download (written to a temporary file, streamed, removed);
 * - `POST /api/me/vault/passphrase` `{ current, next }` — checks the current passphrase
 *   against the file (401 VAULT_PASSPHRASE_WRONG otherwise), then re-encrypts every page
 *   with the new one; the open sessions stay open.
 */
export function addVaultSettingsRoutes(app: FastifyInstance, person: Audience, sessions: VaultSessions): void {
  app.get(EXPORT_PATH, async (request, reply) => {
    const caller = await person.resolve(request, false);
    const dir = await mkdtemp(join(tmpdir(), 'mesinfos-export-'));
    const cleanup = () => rm(dir, { recursive: true, force: true });
    try {
      const out = join(dir, 'vault.zip');
      await exportArchive(caller.vault, out);
      const day = new Date().toISOString().slice(0, 10);
      reply.header('content-type', 'application/zip');
      reply.header('content-disposition', `attachment; filename="mesinfos-vault-${day}.zip"`);
      reply.header('cache-control', 'no-store');
      const stream = createReadStream(out);
      stream.on('close', () => void cleanup());
      return reply.send(stream);
    } catch (e) {
      await cleanup();
      throw e;
    } finally {
      caller.release();
    }
  });

  app.post(PASSPHRASE_PATH, async (request, reply) => {
    const caller = await person.resolve(request, true);
    try {
      const parsed = changePassphraseInputSchema.safeParse(request.body ?? {});
      if (!parsed.success) throw inputInvalid(parsed.error.issues, 'body');
      await sessions.verifyPassphrase(parsed.data.current);
      if (parsed.data.next === parsed.data.current) throw new MesInfosError('VAULT_PASSPHRASE_WEAK', 'The new passphrase is the same as the current one.');
      await caller.vault.changePassphrase(parsed.data.next);
      request.log.info('vault passphrase changed');
      reply.header('cache-control', 'no-store');
      return changePassphraseOutputSchema.parse({ changed: true });
    } finally {
      caller.release();
    }
  });
}
