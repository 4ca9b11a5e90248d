import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { ClientRegistry } from '../../clients/client-registry.ts';
import type { Client } from '../../clients/client-schemas.ts';
import type { ConsentEngine } from '../../consent/consent-engine.ts';
import { isMesInfosError } from '../../domain/errors.ts';

/** Models kept in the vault: they outlive a restart (a grant, a refresh token). The rest live in memory. */
const PERSISTED = new Set(['Grant', 'RefreshToken']);
/** Beyond this many short-lived artefacts in memory, expired ones are swept. */
const SWEEP_ABOVE = 10_000;

const nowS = () => Math.floor(Date.now() / 1000);

/** The OAuth client metadata oidc-provider needs for one of our clients. */
export function clientMetadata(c: Client, secret: string | undefined): AdapterPayload {
  if (c.kind === 'organisation')
    return {
      client_id: c.clientId,
      client_secret: secret,
      client_name: c.name,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
    };
  return {
    client_id: c.clientId,
    client_name: c.name,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: c.redirectUris,
    token_endpoint_auth_method: 'none',
  };
}

/** Whether the consent grant of this id exists and is active now. */
async function consentGrantIsActive(consent: ConsentEngine, grantId: string): Promise<boolean> {
  try {
    return consent.stateOf(await consent.getGrant(grantId)) === 'active';
  } catch (e) {
    if (isMesInfosError(e) && e.code === 'GRANT_NOT_FOUND') return false;
    throw e;
  }
}

interface Held {
  payload: AdapterPayload;
  expiresAtS: number;
}

/**
 * The storage of the OAuth server of one open vault (oidc-provider's Adapter): clients come
 * from the client registry; grants and refresh tokens are kept in the vault (a grant is
 * the consent grant of the same id, and is found only while that consent grant is active,
 * so revoking it makes every refresh fail at once); short-lived artefacts (access tokens,
 * codes, interactions, sessions) live in memory.
 */
export function vaultAdapterFactory(registry: ClientRegistry, consent: ConsentEngine): (name: string) => Adapter {
  const memory = new Map<string, Held>();
  const uids = new Map<string, string>();
  const sweep = () => {
    const t = nowS();
    for (const [k, v] of memory)
      if (v.expiresAtS <= t) {
        memory.delete(k);
        if (v.payload.uid) uids.delete(v.payload.uid);
      }
  };
  return (name: string): Adapter => {
    const key = (id: string) => `${name}:${id}`;
    if (name === 'Client')
      return {
        find: async (id) => {
          const c = registry.get(id);
          return c ? clientMetadata(c, registry.secretOf(id)) : undefined;
        },
        upsert: async () => {
          throw new Error('clients are registered through clients.register, not through OAuth');
        },
        findByUid: async () => undefined,
        findByUserCode: async () => undefined,
        consume: async () => undefined,
        destroy: async () => undefined,
        revokeByGrantId: async () => undefined,
      };
    if (PERSISTED.has(name)) {
      const store = registry.artifacts;
      return {
        upsert: async (id, payload, expiresIn) => store.upsertArtifact(name, id, JSON.stringify(payload), payload.grantId ?? (name === 'Grant' ? id : null), expiresIn ? nowS() + expiresIn : null),
        find: async (id) => {
          const row = store.artifact(name, id);
          if (!row || (row.expiresAtS !== null && row.expiresAtS <= nowS())) return undefined;
          const payload = JSON.parse(row.payload) as AdapterPayload;
          const grantId = name === 'Grant' ? id : payload.grantId;
          // The consent grant decides: revoked or expired, the OAuth grant is gone.
          if (grantId && !(await consentGrantIsActive(consent, grantId))) return undefined;
          return payload;
        },
        consume: async (id) => {
          const row = store.artifact(name, id);
          if (!row) return;
          const payload = JSON.parse(row.payload) as AdapterPayload;
          payload.consumed = nowS();
          await store.upsertArtifact(name, id, JSON.stringify(payload), payload.grantId ?? null, row.expiresAtS);
        },
        destroy: async (id) => store.deleteArtifact(name, id),
        revokeByGrantId: async (grantId) => {
          await store.deleteGrantArtifacts(grantId);
          for (const [k, v] of memory) if (v.payload.grantId === grantId) memory.delete(k);
        },
        findByUid: async () => undefined,
        findByUserCode: async () => undefined,
      };
    }
    return {
      upsert: async (id, payload, expiresIn) => {
        if (memory.size > SWEEP_ABOVE) sweep();
        memory.set(key(id), { payload, expiresAtS: nowS() + expiresIn });
        if (name === 'Session' && payload.uid) uids.set(payload.uid, id);
      },
      find: async (id) => {
        const held = memory.get(key(id));
        if (!held) return undefined;
        if (held.expiresAtS <= nowS()) {
          memory.delete(key(id));
          return undefined;
        }
        return held.payload;
      },
      findByUid: async (uid) => {
        const id = uids.get(uid);
        return id ? memory.get(key(id))?.payload : undefined;
      },
      findByUserCode: async () => undefined,
      consume: async (id) => {
        const held = memory.get(key(id));
        if (held) held.payload.consumed = nowS();
      },
      destroy: async (id) => {
        const held = memory.get(key(id));
        memory.delete(key(id));
        if (held?.payload.uid) uids.delete(held.payload.uid);
      },
      revokeByGrantId: async (grantId) => {
        for (const [k, v] of memory) if (v.payload.grantId === grantId) memory.delete(k);
        await registry.artifacts.deleteGrantArtifacts(grantId);
      },
    };
  };
}
