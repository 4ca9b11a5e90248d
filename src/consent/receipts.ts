import { CompactSign } from 'jose';
import { newId } from '../domain/ids.ts';
import { LEGAL_BASES } from './dpv-purposes.ts';
import { formatGranularity, writeSourceOf, type Grant } from './grant.ts';
import type { StoredReceipt } from './receipt-schema.ts';
import type { VaultSigningKey } from './signing-key.ts';

/** The media type in the JWS header of a MesInfos consent receipt. */
export const RECEIPT_TYPE = 'consent-receipt+json';

const SENSITIVE: Record<string, string> = { 'health.measure': 'health', 'health.event': 'health' };
const OPERATIONS = { read: 'dpv:Access', write: 'dpv:Store' } as const;

export interface ReceiptContext {
  vaultId: string;
  key: VaultSigningKey;
  event: 'given' | 'withdrawn';
  issuedAt: string;
  receiptId?: string;
  /** Where the law of the consent applies (Kantara `jurisdiction`). */
  jurisdiction?: string;
  language?: string;
}

/**
 * The consent receipt of a grant event, as JSON: the information structure of ISO/IEC
 * TS 27560:2023 (record, parties, processing, event — snake_case as in the TS and the
 * DPV guide to it), with the Kantara Consent Receipt 1.1 members (camelCase) where the
 * TS is silent: version, jurisdiction, consentTimestamp, collectionMethod,
 * consentReceiptID, publicKey, language, piiPrincipalId, piiControllers, policyUrl,
 * services, sensitive, spiCat. `iss`, `iat` and `jti` name the signer, time and receipt
 * for JOSE tools.
 */
export function buildReceipt(grant: Grant, ctx: ReceiptContext) {
  const receiptId = ctx.receiptId ?? newId();
  const iat = Math.floor(Date.parse(ctx.issuedAt) / 1000);
  const types = grant.scopes.map((s) => s.type);
  const spiCat = [...new Set(types.flatMap((t) => (SENSITIVE[t] ? [SENSITIVE[t]] : [])))];
  const basis = LEGAL_BASES[grant.legalBasis];
  const controller = { id: grant.grantee.clientId, name: grant.grantee.name ?? grant.grantee.clientId, kind: grant.grantee.kind };
  return {
    // ISO/IEC TS 27560:2023 — record
    schema_version: 'ISO/IEC TS 27560:2023',
    record_id: receiptId,
    consent_id: grant.id,
    pii_principal_id: ctx.vaultId,
    record_creator: `urn:mesinfos:vault:${ctx.vaultId}`,
    // parties
    pii_controllers: [controller],
    // notice the person agreed to
    notice: grant.terms ? { ...(grant.terms.url ? { url: grant.terms.url } : {}), ...(grant.terms.text ? { text: grant.terms.text } : {}) } : null,
    // processing
    processing: {
      purposes: [{ purpose: `dpv:${grant.purpose}`, legal_basis: `dpv:${grant.legalBasis}`, legal_basis_reference: basis.dpvGdpr, legal_basis_article: basis.article }],
      pii_categories: grant.scopes.map((s) => ({ record_type: s.type, fields: s.fields })),
      processing_operations: grant.verbs.map((v) => OPERATIONS[v]),
      granularity: formatGranularity(grant.granularity),
      filters: grant.filters,
      ...(grant.verbs.includes('write') ? { write_source: writeSourceOf(grant) } : {}),
    },
    // event
    event: {
      event_type: ctx.event === 'given' ? 'dpv:ConsentGiven' : 'dpv:ConsentWithdrawn',
      event_time: ctx.issuedAt,
      event_actor: 'pii_principal',
      consent_state: ctx.event === 'given' ? 'given' : 'withdrawn',
      validity: { from: grant.validFrom, until: grant.validUntil },
      ...(ctx.event === 'withdrawn' && grant.revocationReason ? { reason: grant.revocationReason } : {}),
    },
    // Kantara Consent Receipt 1.1, where 27560 is silent
    version: 'KI-CR-v1.1.0',
    jurisdiction: ctx.jurisdiction ?? 'EU',
    consentTimestamp: iat,
    collectionMethod: 'Granted by the person from their MesInfos vault',
    consentReceiptID: receiptId,
    publicKey: ctx.key.publicJwk,
    language: ctx.language ?? 'en',
    piiPrincipalId: ctx.vaultId,
    piiControllers: [{ piiController: controller.name, onBehalf: false, ...(grant.terms?.url ? { piiControllerUrl: grant.terms.url } : {}) }],
    ...(grant.terms?.url ? { policyUrl: grant.terms.url } : {}),
    services: [
      {
        service: controller.name,
        purposes: [
          {
            purpose: grant.purpose,
            purposeCategory: [`dpv:${grant.purpose}`],
            consentType: 'EXPLICIT',
            piiCategory: types,
            primaryPurpose: true,
            termination: grant.validUntil,
            thirdPartyDisclosure: false,
          },
        ],
      },
    ],
    sensitive: spiCat.length > 0,
    spiCat,
    // JOSE claims
    iss: `urn:mesinfos:vault:${ctx.vaultId}`,
    iat,
    jti: receiptId,
  };
}
export type ConsentReceipt = ReturnType<typeof buildReceipt>;

/**
 * Builds and signs the receipt of a grant event: a compact JWS (EdDSA over Ed25519) whose
 * payload is the receipt's JSON. Anyone verifies it with `compactVerify` and the vault's
 * public JWK (`keys show`).
 */
export async function signReceipt(grant: Grant, ctx: ReceiptContext): Promise<StoredReceipt> {
  const receipt = buildReceipt(grant, ctx);
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(receipt)))
    .setProtectedHeader({ alg: 'EdDSA', kid: ctx.key.kid, typ: RECEIPT_TYPE, cty: 'json' })
    .sign(ctx.key.privateKey);
  return { id: receipt.record_id, grantId: grant.id, event: ctx.event, issuedAt: ctx.issuedAt, jws };
}

/** The JSON payload of a compact JWS, without checking its signature (for display). */
export function receiptPayload(jws: string): Record<string, unknown> {
  const part = jws.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}
