import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tx } from '../support/temp-vault.ts';
import { energyReading } from '../support/energy-reading.ts';
import { clientCredentialsToken, linkedOrganisation, startPlatform, type OrgClient, type Platform } from '../support/org-platform.ts';

const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string; details?: { reason?: string } } }).error;

describe('an organisation restitutes its data (client credentials, pairing code, push)', () => {
  let p: Platform;
  let bank: OrgClient;
  beforeAll(async () => {
    p = await startPlatform();
    bank = await linkedOrganisation(p, { name: 'Banque Exemple', declaredTypes: ['bank.transaction', 'bank.account'], customerRef: 'C-0042' });
  });
  afterAll(async () => p?.close());

  it('registers with a secret shown once, links with a code, and gets a write grant with a receipt', async () => {
    expect(bank.clientId).toBe('banque-exemple');
    expect(bank.source).toBe('org:banque-exemple');
    const { clients } = await p.me<{ clients: Record<string, unknown>[] }>('clients.list');
    expect(JSON.stringify(clients)).not.toContain(bank.clientSecret);
    const { links } = await p.me<{ links: { clientId: string; customerRef: string; grantId: string; revokedAt: string | null }[] }>('links.list');
    expect(links).toEqual([expect.objectContaining({ clientId: 'banque-exemple', customerRef: 'C-0042', revokedAt: null })]);
    const { grant, receipts } = await p.me<{ grant: { verbs: string[]; writeSource: string; scopes: { type: string }[]; state: string }; receipts: { event: string }[] }>('grants.show', { id: links[0]!.grantId });
    expect(grant).toMatchObject({ verbs: ['write'], writeSource: 'org:banque-exemple', state: 'active' });
    expect(grant.scopes.map((s) => s.type).sort()).toEqual(['bank.account', 'bank.transaction']);
    expect(receipts.map((r) => r.event)).toEqual(['given']);
  });

  it('pushes a batch, forcing its own source; pushing it again adds nothing; reads it back', async () => {
    const records = [1, 2, 3].map((n) => tx(n, { source: 'org:someone-else' }));
    const first = await bank.call('records.push', { customerRef: 'C-0042', records });
    expect(first.status).toBe(200);
    expect(((await first.json()) as { counts: { inserted: number } }).counts.inserted).toBe(3);
    const again = await bank.call('records.push', { customerRef: 'C-0042', records });
    expect(((await again.json()) as { counts: { inserted: number; unchanged: number } }).counts).toMatchObject({ inserted: 0, unchanged: 3 });
    const { records: mine } = await p.me<{ records: { source: string }[] }>('records.list', { type: 'bank.transaction' });
    expect(mine.map((r) => r.source)).toEqual(['org:banque-exemple', 'org:banque-exemple', 'org:banque-exemple']);
    const back = await bank.call('records.pushed', { customerRef: 'C-0042' });
    expect(back.status).toBe(200);
    expect(((await back.json()) as { records: unknown[] }).records).toHaveLength(3);
  });

  it('may not push undeclared types (403 with the reason), nor for a customer it is not linked to', async () => {
    const energy = energyReading('2025-03-01', 0, 100);
    const undeclared = await bank.call('records.push', { customerRef: 'C-0042', records: [tx(9), energy] });
    expect(undeclared.status).toBe(403);
    expect(await errorCode(undeclared)).toMatchObject({ code: 'CONSENT_DENIED', details: { reason: 'TYPE_NOT_GRANTED' } });
    const stranger = await bank.call('records.push', { customerRef: 'C-9999', records: [tx(9)] });
    expect(stranger.status).toBe(403);
    expect((await errorCode(stranger)).code).toBe('CUSTOMER_NOT_LINKED');
    const { records } = await p.me<{ records: unknown[] }>('records.list', { type: 'bank.transaction' });
    expect(records).toHaveLength(3);
  });

  it('a pairing code works once, for its organisation only', async () => {
    const other = await p.me<{ client: { clientId: string }; clientSecret: string }>('clients.register', {
      kind: 'organisation',
      name: 'Énergie Verte',
      sector: 'energy',
      dataProtectionContact: 'dpo@energie.example',
      declaredTypes: ['energy.reading'],
    });
    const { code } = await p.me<{ code: string }>('links.create', { clientId: bank.clientId });
    const otherToken = await clientCredentialsToken(p.url, other.client.clientId, other.clientSecret);
    const stolen = await fetch(`${p.url}/api/org/links/claim`, { method: 'POST', headers: { authorization: `Bearer ${otherToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ code, customerRef: 'X' }) });
    expect(stolen.status).toBe(400);
    expect((await errorCode(stolen)).code).toBe('PAIRING_CODE_INVALID');
    // Spent by the failed attempt? No: refused codes stay usable by their organisation, typed loosely.
    const ok = await bank.call('links.claim', { code: code.toLowerCase().replace('-', ' '), customerRef: 'C-0043' });
    expect(ok.status).toBe(200);
    const twice = await bank.call('links.claim', { code, customerRef: 'C-0044' });
    expect((await errorCode(twice)).code).toBe('PAIRING_CODE_INVALID');
  });

  it('revoking the link stops pushes at the next request', async () => {
    const { links } = await p.me<{ links: { id: string; customerRef: string }[] }>('links.list', { clientId: bank.clientId });
    const link = links.find((l) => l.customerRef === 'C-0042')!;
    await p.me('links.revoke', { id: link.id });
    const refused = await bank.call('records.push', { customerRef: 'C-0042', records: [tx(20)] });
    expect(refused.status).toBe(403);
    expect((await errorCode(refused)).code).toBe('CUSTOMER_NOT_LINKED');
  });
});
