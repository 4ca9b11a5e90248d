import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoVault } from '../support/demo-vault.ts';
import { linkedOrganisation, startPlatform, type OrgClient, type Platform } from '../support/org-platform.ts';
import { TEST_PASSPHRASE } from '../support/temp-vault.ts';

/**
 * The whole loop over a real server on 127.0.0.1, on a copy of the demo person: the gas
 * supplier and the mutual insurer are linked organisations; the planted inconsistencies
 * become requests; the gas supplier lists, acknowledges and answers through its API, then
 * restitutes the corrected address, and the request closes itself as verified. Another
 * organisation sees none of it.
 */

interface OrgView {
  id: string;
  kind: string;
  status: string;
  customerRef: string;
  organisation: { source: string };
  items: { what: string; currentValue?: string; requestedValue?: string; recordId?: string }[];
  dueOn?: string;
  history: { action: string; by: string; to: string }[];
}
interface PersonView extends Omit<OrgView, 'customerRef'> {
  channel: string;
  history: { action: string; by: string; to: string; note?: string }[];
}

let p: Platform;
let gas: OrgClient;
let mutual: OrgClient;
let cleanup: () => Promise<void>;
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

beforeAll(async () => {
  const demo = await openDemoVault({ copy: true });
  await demo.vault.changePassphrase(TEST_PASSPHRASE);
  await demo.vault.close();
  cleanup = demo.cleanup;
  p = await startPlatform({ deps: { vaultPath: demo.path } });
  gas = await linkedOrganisation(p, { name: 'Gaz Réseau', sector: 'energy', declaredTypes: ['identity.attribute', 'energy.reading'], customerRef: 'GR-558102' });
  mutual = await linkedOrganisation(p, { name: 'Mutuelle Santé', sector: 'health', declaredTypes: ['identity.attribute'], customerRef: 'MSP0451278' });
}, 120_000);

afterAll(async () => {
  await p?.close();
  await cleanup?.();
});

describe('the rectification loop through the organisations’ API', () => {
  let gasRequest: PersonView;

  it('creates one request per organisation; linked ones go through the API and are sent at once', async () => {
    expect(gas.source).toBe('org:gaz-reseau');
    expect(mutual.source).toBe('org:mutuelle-sante');
    const { created } = await p.me<{ created: PersonView[] }>('rights.fromQuality', { send: true });
    const bySource = Object.fromEntries(created.map((r) => [r.organisation.source, `${r.channel} ${r.status}`]));
    expect(bySource).toEqual({ 'org:gaz-reseau': 'api sent', 'org:mutuelle-sante': 'api sent', 'org:assurance-horizon': 'letter draft' });
    gasRequest = created.find((r) => r.organisation.source === 'org:gaz-reseau')!;
  });

  it('the organisation lists the pending requests of its customer — its own only, without the vault’s record ids', async () => {
    const res = await gas.call('rights.pending', { customerRef: 'GR-558102' });
    expect(res.status).toBe(200);
    const { requests } = (await res.json()) as { requests: OrgView[] };
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ id: gasRequest.id, kind: 'rectification', status: 'sent', customerRef: 'GR-558102', dueOn: gasRequest.dueOn });
    expect(requests[0]!.items).toEqual([{ what: 'postal_address', currentValue: '12 rue des Lilas, 69003 Lyon', requestedValue: '27 rue de Marseille, 69007 Lyon', since: expect.any(String) }]);
    const stranger = await gas.call('rights.pending', { customerRef: 'C-NOT-LINKED' });
    expect(stranger.status).toBe(403);
    expect((await errorOf(stranger)).code).toBe('CUSTOMER_NOT_LINKED');
  });

  it('another organisation can neither see nor answer it', async () => {
    const res = await mutual.call('rights.answer', { id: gasRequest.id, customerRef: 'MSP0451278', outcome: 'done' });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('RIGHTS_REQUEST_NOT_FOUND');
    const { requests } = (await (await mutual.call('rights.pending', { customerRef: 'MSP0451278' })).json()) as { requests: OrgView[] };
    expect(requests.map((r) => r.items[0]!.what)).toEqual(['email']);
  });

  it('does not see the person’s drafts, even those addressed to it', async () => {
    const draft = await p.me<PersonView>('rights.create', { kind: 'access', organisation: 'org:gaz-reseau' });
    expect(draft).toMatchObject({ channel: 'api', status: 'draft' });
    const ack = await gas.call('rights.acknowledge', { id: draft.id, customerRef: 'GR-558102' });
    expect(ack.status).toBe(404);
    const { requests } = (await (await gas.call('rights.pending', { customerRef: 'GR-558102' })).json()) as { requests: OrgView[] };
    expect(requests.map((r) => r.id)).toEqual([gasRequest.id]);
    await p.me('rights.close', { id: draft.id, note: 'changed my mind' });
  });

  it('acknowledges, refuses an illegal move, answers done — each step in the person’s history with who and when', async () => {
    const ack = await gas.call('rights.acknowledge', { id: gasRequest.id, customerRef: 'GR-558102' });
    expect(ack.status).toBe(200);
    expect(((await ack.json()) as OrgView).status).toBe('acknowledged');
    const twice = await gas.call('rights.acknowledge', { id: gasRequest.id, customerRef: 'GR-558102' });
    expect(twice.status).toBe(409);
    expect(await errorOf(twice)).toMatchObject({ code: 'RIGHTS_TRANSITION_INVALID', message: expect.stringContaining('is acknowledged: it cannot be acknowledged') });
    const answered = await gas.call('rights.answer', { id: gasRequest.id, customerRef: 'GR-558102', outcome: 'done' });
    expect(answered.status).toBe(200);
    const seen = await p.me<PersonView>('rights.show', { id: gasRequest.id });
    expect(seen.status).toBe('answered');
    expect(seen.history.map((h) => `${h.by} ${h.action} ${h.to}`)).toEqual(['person create draft', 'person send sent', 'org:gaz-reseau acknowledge acknowledged', 'org:gaz-reseau answer answered']);
  });

  it('the next restitution carrying the corrected address closes the request as verified', async () => {
    const push = await gas.call('records.push', {
      customerRef: 'GR-558102',
      records: [{ type: 'identity.attribute', source: 'org:gaz-reseau', sourceRef: 'postal_address', occurredAt: new Date().toISOString(), data: { attribute: 'postal_address', value: '27 rue de Marseille, 69007 Lyon', purpose: 'billing' } }],
    });
    expect(push.status).toBe(200);
    const after = await p.me<PersonView>('rights.show', { id: gasRequest.id });
    expect(after.status).toBe('closed-verified');
    expect(after.history.at(-1)).toMatchObject({ by: 'system', action: 'verify', to: 'closed-verified' });
    // Nothing left pending for the gas supplier; the insight no longer finds its address stale.
    const { requests } = (await (await gas.call('rights.pending', { customerRef: 'GR-558102' })).json()) as { requests: OrgView[] };
    expect(requests).toEqual([]);
    const { created } = await p.me<{ created: PersonView[] }>('rights.fromQuality', {});
    expect(created).toEqual([]);
  });

  it('every organisation access is in the person’s access log', async () => {
    const { entries } = await p.me<{ entries: { clientId: string; operation: string; types: string[]; outcome: string }[] }>('audit.list', { grantee: 'gaz-reseau' });
    const rights = entries.filter((e) => e.types.includes('rights.request')).map((e) => e.operation);
    expect(rights.sort()).toEqual(['rights.acknowledge', 'rights.answer', 'rights.pending', 'rights.pending', 'rights.pending']);
  });
});
