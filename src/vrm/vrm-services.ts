import type { OperationContext } from '../operations/operation.ts';
import type { RecordStore } from '../store/record-store.ts';
import { SqliteRecordStore } from '../store/sqlite/sqlite-record-store.ts';
import { IntentDesk, type VrmDeps } from './intent-desk.ts';
import { SqliteVrmStore } from './sqlite-vrm-store.ts';
import { DEFAULT_TIME_ZONE } from '../domain/time.ts';
import { VendorDesk } from './vendor-desk.ts';

/** One VRM store per open record store: the tables are migrated on first use. */
const stores = new WeakMap<RecordStore, Promise<SqliteVrmStore>>();

async function vrmStoreOf(records: RecordStore): Promise<SqliteVrmStore> {
  if (!(records instanceof SqliteRecordStore)) throw new Error('intents and offers need the SQLite vault (a PostgreSQL VRM store is not written yet)');
  let s = stores.get(records);
  if (!s) {
    s = SqliteVrmStore.open(records);
    stores.set(records, s);
    s.catch(() => stores.delete(records));
  }
  return s;
}

/** The dependencies of the desks for an operation's context (the consent engine must be wired). */
export async function vrmDeps(ctx: OperationContext, now: () => number = Date.now): Promise<VrmDeps> {
  const consent = ctx.services.consent;
  if (!consent) throw new Error('the consent engine is not wired: intents need it for grants and the access log');
  return {
    vault: ctx.vault,
    consent,
    store: await vrmStoreOf(ctx.vault.store),
    timeZone: DEFAULT_TIME_ZONE,
    now,
  };
}

export async function intentDesk(ctx: OperationContext): Promise<IntentDesk> {
  return new IntentDesk(await vrmDeps(ctx));
}

export async function vendorDesk(ctx: OperationContext): Promise<VendorDesk> {
  return new VendorDesk(await vrmDeps(ctx));
}
