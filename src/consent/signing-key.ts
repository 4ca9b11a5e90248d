import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint, importJWK, type CryptoKey, type JWK } from 'jose';
import { z } from 'zod';
import type { RecordStore } from '../store/record-store.ts';

/** Where the vault keeps its private signing key: the encrypted vault's own meta table. */
export const SIGNING_KEY_META = 'consent.signingKey';

/** The vault's public key as it publishes it: an Ed25519 JWK with its thumbprint as kid. */
export const publicJwkSchema = z.strictObject({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  kid: z.string(),
  alg: z.literal('EdDSA'),
  use: z.literal('sig'),
});
export type PublicJwk = z.infer<typeof publicJwkSchema>;

const privateJwkSchema = z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), d: z.string() });

export interface VaultSigningKey {
  readonly kid: string;
  readonly publicJwk: PublicJwk;
  readonly privateKey: CryptoKey;
}

/**
 * Loads the vault's Ed25519 signing key, creating it on first use. The private key never
 * leaves the vault; the kid is the RFC 7638 thumbprint of the public key.
 */
export async function loadOrCreateSigningKey(store: RecordStore): Promise<VaultSigningKey> {
  let stored = await store.getMeta(SIGNING_KEY_META);
  if (stored === undefined) {
    const { privateKey } = generateKeyPairSync('ed25519');
    const jwk = privateKey.export({ format: 'jwk' });
    stored = JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, d: jwk.d });
    await store.setMeta(SIGNING_KEY_META, stored);
  }
  const priv = privateJwkSchema.parse(JSON.parse(stored));
  const pub = { kty: priv.kty, crv: priv.crv, x: priv.x };
  const kid = await calculateJwkThumbprint(pub as JWK, 'sha256');
  const privateKey = await importJWK({ ...priv, alg: 'EdDSA' }, 'EdDSA');
  if (privateKey instanceof Uint8Array) throw new Error('the vault signing key is not an Ed25519 key');
  return { kid, publicJwk: { ...pub, kid, alg: 'EdDSA', use: 'sig' }, privateKey };
}
