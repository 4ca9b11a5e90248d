import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compactVerify, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSPHRASE, tempVault } from '../../test/support/temp-vault.ts';
import { Vault } from '../vault/vault.ts';
import { createConsentEngine, type ConsentEngine } from './consent-engine.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Verifies a compact JWS with jose and a public JWK only, as anyone outside MesInfos would. */
async function verifyWithJoseOnly(jws: string, publicJwk: object) {
  const key = await importJWK(JSON.parse(JSON.stringify(publicJwk)), 'EdDSA');
  const { payload, protectedHeader } = await compactVerify(jws, key);
  return { payload: JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>, protectedHeader };
}

const request = {
  grantee: { clientId: 'edf-offres', kind: 'organisation' as const, name: 'EDF' },
  scopes: [{ type: 'energy.reading' as const }, { type: 'health.measure' as const, fields: ['value', 'kind'] }],
  granularity: { kind: 'aggregate' as const, bucket: 'month' as const },
  purpose: 'ServicePersonalisation' as const,
  validUntil: '2030-01-01T00:00:00.000Z',
  terms: { url: 'https://www.edf.fr/conditions-generales', text: 'Offre personnalisée à partir de votre consommation mensuelle.' },
};

describe('consent receipts', () => {
  let t: Awaited<ReturnType<typeof tempVault>>;
  let engine: ConsentEngine;
  beforeAll(async () => {
    t = await tempVault();
    engine = await createConsentEngine(t.vault);
  });
  afterAll(async () => {
    await engine?.close();
    await t?.cleanup();
  });

  it('a grant gives a receipt that verifies with jose and the public JWK alone', async () => {
    const { grant, receipt } = await engine.createGrant(request);
    const jwk = engine.publicJwk;
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(jwk).not.toHaveProperty('d');
    const { payload, protectedHeader } = await verifyWithJoseOnly(receipt.jws, jwk);
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: jwk.kid, typ: 'consent-receipt+json' });
    expect(payload).toMatchObject({
      schema_version: 'ISO/IEC TS 27560:2023',
      record_id: receipt.id,
      consent_id: grant.id,
      pii_principal_id: engine.vaultId,
      pii_controllers: [{ id: 'edf-offres', name: 'EDF', kind: 'organisation' }],
      notice: { url: 'https://www.edf.fr/conditions-generales' },
      processing: {
        purposes: [{ purpose: 'dpv:ServicePersonalisation', legal_basis: 'dpv:Consent', legal_basis_reference: 'eu-gdpr:A6-1-a' }],
        pii_categories: [
          { record_type: 'energy.reading', fields: ['energyWh', 'commodity'] },
          { record_type: 'health.measure', fields: ['value', 'kind'] },
        ],
        processing_operations: ['dpv:Access'],
        granularity: 'month',
      },
      event: { event_type: 'dpv:ConsentGiven', consent_state: 'given', validity: { until: '2030-01-01T00:00:00.000Z' } },
      version: 'KI-CR-v1.1.0',
      consentReceiptID: receipt.id,
      piiPrincipalId: engine.vaultId,
      policyUrl: 'https://www.edf.fr/conditions-generales',
      sensitive: true,
      spiCat: ['health'],
      publicKey: jwk,
    });
  });

  it('a tampered receipt fails verification', async () => {
    const { receipt } = await engine.createGrant(request);
    const [h, p, s] = receipt.jws.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { event: { validity: { until: string } } };
    payload.event.validity.until = '2099-01-01T00:00:00.000Z';
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    await expect(verifyWithJoseOnly(forged, engine.publicJwk)).rejects.toThrow(/signature verification failed/);
    const flipped = `${h}.${p}.${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`;
    await expect(verifyWithJoseOnly(flipped, engine.publicJwk)).rejects.toThrow();
  });

  it('a revocation gives a withdrawal receipt, kept beside the grant one', async () => {
    const { grant } = await engine.createGrant(request);
    const { receipt } = await engine.revokeGrant(grant.id, 'Je change de fournisseur');
    const { payload } = await verifyWithJoseOnly(receipt.jws, engine.publicJwk);
    expect(payload).toMatchObject({ consent_id: grant.id, event: { event_type: 'dpv:ConsentWithdrawn', consent_state: 'withdrawn', reason: 'Je change de fournisseur' } });
    expect((await engine.receipts(grant.id)).map((r) => r.event)).toEqual(['given', 'withdrawn']);
  });

  it('a fresh node script using only jose verifies a receipt', async () => {
    const { receipt } = await engine.createGrant(request);
    const script = `import { compactVerify, importJWK } from 'jose';
      const [jwk, jws] = process.argv.slice(1);
      const { payload } = await compactVerify(jws, await importJWK(JSON.parse(jwk), 'EdDSA'));
      console.log(JSON.parse(new TextDecoder().decode(payload)).consent_id);`;
    const ok = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(engine.publicJwk), receipt.jws], { cwd: REPO, encoding: 'utf8' });
    expect(ok.stderr).toBe('');
    expect(ok.stdout.trim()).toBe(receipt.grantId);
  });

  it('the key lives in the vault: the same after reopening, another vault has another', async () => {
    const { receipt } = await engine.createGrant(request);
    const kid = engine.publicJwk.kid;
    await engine.close();
    await t.vault.close();
    const reopened = await Vault.open({ path: t.path, passphrase: TEST_PASSPHRASE });
    try {
      const again = await createConsentEngine(reopened);
      expect(again.publicJwk).toEqual(engine.publicJwk);
      expect(again.vaultId).toBe(engine.vaultId);
      await expect(verifyWithJoseOnly(receipt.jws, again.publicJwk)).resolves.toBeDefined();
      const other = await tempVault();
      try {
        const otherEngine = await createConsentEngine(other.vault);
        expect(otherEngine.publicJwk.kid).not.toBe(kid);
        await expect(verifyWithJoseOnly(receipt.jws, otherEngine.publicJwk)).rejects.toThrow();
      } finally {
        await other.cleanup();
      }
    } finally {
      await reopened.close();
    }
  });
});
