import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateRecord } from '../../domain/record.ts';
import type { BlobRef } from '../../domain/types/common-types.ts';
import type { ConnectorContext, ConnectorRecord } from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import { bytesInput, fileInput } from '../util/input.ts';
import { vcardConnector } from './vcard-connector.ts';
import { parseVcardDate } from './vcard-values.ts';

const dir = new URL('../../../test/fixtures/vcard/', import.meta.url).pathname;

function context() {
  const blobs = new Map<string, Uint8Array>();
  const warnings: string[] = [];
  const ctx: ConnectorContext = {
    putBlob: (bytes, mediaType) => {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      blobs.set(sha256, bytes);
      const ref: BlobRef = { sha256, mediaType, size: bytes.length };
      return Promise.resolve(ref);
    },
    warn: (m) => warnings.push(m),
    options: {},
  };
  return { ctx, blobs, warnings };
}

async function readAll(name: string) {
  const c = context();
  const recs: ConnectorRecord[] = [];
  for await (const r of vcardConnector.read(await fileInput(dir + name), c.ctx)) recs.push(r);
  recs.forEach((r, i) => {
    const { location, ...rec } = r;
    const v = validateRecord(rec, i, location);
    expect(v.ok, JSON.stringify(v.ok ? '' : v.faults)).toBe(true);
  });
  return { recs, ...c };
}
const data = (r: ConnectorRecord) => r.data as Record<string, unknown>;

async function readBytes(bytes: Uint8Array) {
  const c = context();
  const recs: ConnectorRecord[] = [];
  for await (const r of vcardConnector.read(bytesInput('t.vcf', bytes), c.ctx)) recs.push(r);
  return recs;
}
const readText = (text: string) => readBytes(new TextEncoder().encode(text));

describe('vcard connector', () => {
  it('recognises vCards (BOM too) and not calendars', async () => {
    for (const f of ['android-21-qp.vcf', 'google-40.vcf', 'outlook-windows-1252.vcf', 'tronque.vcf'])
      expect(vcardConnector.recognize(await fileInput(dir + f)).confidence).toBeGreaterThan(0.9);
    expect(vcardConnector.recognize(bytesInput('c.ics', new TextEncoder().encode('BEGIN:VCALENDAR\r\n'))).confidence).toBe(0);
  });

  it('reads vCard 2.1 from Android: quoted-printable with soft breaks, UTF-8 and ISO-8859-1, bare types, a 20 kB photo', async () => {
    const { recs, blobs } = await readAll('android-21-qp.vcf');
    expect(recs).toHaveLength(2);
    const a = data(recs[0]!);
    expect(a).toMatchObject({
      fullName: 'Amélie Lefèvre',
      name: { family: 'Lefèvre', given: 'Amélie' },
      phones: [
        { value: '+33 6 12 34 56 78', types: ['cell'], pref: true },
        { value: '04 78 12 34 56', types: ['home'] },
      ],
      emails: [{ value: 'amelie.lefevre@example.fr', types: ['home'] }],
      addresses: [{ street: ['12 rue des Lilas'], locality: 'Villeurbanne', postalCode: '69100', country: 'France', types: ['home'] }],
      note: 'Rencontrée au club de randonnée de Villeurbanne, prévoir un cadeau pour son anniversaire (elle adore les éditions originales).',
      birthday: '1985-03-14',
      photo: { sha256: 'ce210236ae455907fd1f2558cf13409b62c763d2d7a0de2c4a8ce7004c80cb02', mediaType: 'image/jpeg', size: 20000 },
    });
    expect(blobs.get('ce210236ae455907fd1f2558cf13409b62c763d2d7a0de2c4a8ce7004c80cb02')!.length).toBe(20000);
    // No FN: built from N; ISO-8859-1 quoted-printable.
    expect(data(recs[1]!)).toMatchObject({ fullName: 'François Gaël', name: { family: 'Gaël', given: 'François' }, phones: [{ value: '01 42 00 00 00', types: ['work', 'voice'] }, { value: '06 11 22 33 44', types: ['cell'] }] });
    expect(recs[0]!.sourceRef).toMatch(/^sha256:[0-9a-f]{64}:0$/);
    expect(recs[0]!.occurredAt).toBe('1970-01-01T00:00:00.000Z');
    expect(recs[1]!.location).toBe('line 386');
  });

  it('reads vCard 3.0 from Apple: item groups and labels, escapes, omitted birth year, ORG units, REV, company card', async () => {
    const { recs } = await readAll('apple-30.vcf');
    expect(recs.map((r) => r.sourceRef)).toEqual(['8F2A6C3E-1B4D-4E5F-9A0B-C1D2E3F4A5B6', 'mairie-lyon-etat-civil']);
    expect(recs[0]!.occurredAt).toBe('2023-11-02T09:15:42.000Z');
    expect(data(recs[0]!)).toMatchObject({
      uid: '8F2A6C3E-1B4D-4E5F-9A0B-C1D2E3F4A5B6',
      fullName: 'Dr Sophie Bernard',
      name: { family: 'Bernard', given: 'Sophie', additional: 'Marie', prefix: 'Dr' },
      nicknames: ['Sophie, la doc', 'Soso'],
      organization: 'Hôpital Édouard Herriot, Service de cardiologie',
      title: 'Cardiologue',
      emails: [
        { value: 'sophie.bernard@chu-exemple.fr', types: [], pref: true, label: 'Other' },
        { value: 's.bernard@example.org', types: ['home'] },
      ],
      phones: [
        { value: '+33 6 98 76 54 32', types: ['cell', 'voice'], pref: true },
        { value: '04 72 11 00 00', types: [], label: 'secrétariat' },
      ],
      addresses: [{ extended: 'Bât. B', street: ['5 avenue Foch', 'Escalier 2'], locality: 'Lyon', postalCode: '69006', country: 'France', types: ['home'], pref: true }],
      note: 'Allergique à la pénicilline; préfère être appelée le matin\nCode portail : 4512B, 2e étage',
      urls: ['https://www.chu-exemple.fr/cardiologie'],
      birthday: '--07-21',
      categories: ['Santé', 'Famille'],
      related: [{ value: 'Paul Bernard', types: [], label: 'Spouse' }],
      photo: { sha256: 'f59c4fcbcf30357fc23246e0318f5cf14666a1bf28adacea84f4b83f3f980429', mediaType: 'image/jpeg', size: 3000 },
      revisedAt: '2023-11-02T09:15:42.000Z',
    });
    expect(data(recs[1]!)).toMatchObject({ fullName: 'Mairie de Lyon', organization: 'Mairie de Lyon, État civil', kind: 'organization', revisedAt: '2023-11-02T09:15:42.000Z' });
  });

  it('reads vCard 4.0: tel: URIs, PREF=, LABEL, partial BDAY, data: URI photo, URI photo, identical cards without UID', async () => {
    const { recs } = await readAll('google-40.vcf');
    expect(recs).toHaveLength(4);
    expect(data(recs[0]!)).toMatchObject({
      kind: 'individual',
      emails: [
        { value: 'lucas.petit@entreprise-exemple.fr', types: ['work'], pref: true },
        { value: 'lucas.petit@example.com', types: ['home'] },
      ],
      phones: [{ value: '+33-6-98-76-54-32', types: ['voice', 'cell'], pref: true }],
      addresses: [{ street: ['3 place Bellecour'], locality: 'Lyon', postalCode: '69002', country: 'France', label: '3 place Bellecour\n69002 Lyon\nFrance', types: ['home'] }],
      birthday: '--03-14',
      anniversary: '2010-06-12',
      gender: 'M homme',
      related: [{ value: 'urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1', types: ['spouse'] }],
      photo: { sha256: 'c414cd0e204de974f73753c7e28d7638e7b3691bb8b1a2bab6b25bb7fed7ce77', mediaType: 'image/png', size: 70 },
    });
    expect(recs[0]!.sourceRef).toBe('urn:uuid:7d1c8a4e-3b2f-4c6d-8e9f-0a1b2c3d4e5f');
    expect(data(recs[1]!)).toMatchObject({ fullName: 'Cabinet Dentaire du Parc', kind: 'organization', photo: { uri: 'https://www.exemple.fr/logo.jpg' } });
    const [a, b] = [recs[2]!.sourceRef, recs[3]!.sourceRef];
    expect(a.slice(0, -2)).toBe(b.slice(0, -2));
    expect([a.slice(-2), b.slice(-2)]).toEqual([':0', ':1']);
    const again = await readAll('google-40.vcf');
    expect(again.recs.map((r) => r.sourceRef)).toEqual(recs.map((r) => r.sourceRef));
  });

  it('reads a Windows-1252 file and a raw UTF-8 value declared CHARSET=UTF-8 inside it; warns on a text birthday', async () => {
    const { recs, warnings } = await readAll('outlook-windows-1252.vcf');
    expect(data(recs[0]!)).toMatchObject({ fullName: 'Hélène Müller', organization: 'Société Générale – Agence Œuvre', emails: [{ value: 'helene.muller@example.fr', types: ['work'] }] });
    expect(data(recs[1]!)).toMatchObject({ fullName: 'José Nuñez', name: { family: 'Nuñez', given: 'José' } });
    expect(data(recs[1]!).birthday).toBeUndefined();
    expect(warnings).toEqual(['outlook-windows-1252.vcf, line 11: BDAY "vers 1950" is not a date; left out']);
  });

  it('decodes each line on its own: UTF-8 first, a Latin-1 card after 64 KiB, quoted-printable Windows-1252', async () => {
    const { recs, blobs } = await readAll('mixte-utf8-latin1.vcf');
    expect(recs.map((r) => data(r).fullName)).toEqual(['Zoé Dubois', 'Gérard Lambert', 'Marc Roux']);
    expect(data(recs[0]!).photo).toEqual({ sha256: '766e19b14ad046dce791eb2ce2272982d247d1c390bd7aef8ae26b357e72e721', mediaType: 'image/jpeg', size: 60000 });
    expect(blobs.size).toBe(1);
    expect(data(recs[1]!).name).toEqual({ family: 'Lambert', given: 'Gérard' });
    expect(data(recs[2]!).note).toBe('Me doit 20 € pour le dîner à la crêperie');
    expect(recs.map((r) => r.location)).toEqual(['line 1', 'line 1088', 'line 1093']);
  });

  it('reads Latin-1 that ends a value or a line as Latin-1, even when it is declared UTF-8', async () => {
    // A trailing é (0xE9) looks like the start of a UTF-8 sequence cut short; it is not one.
    const qp = await readText('BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Caf=E9;Ren=E9\r\nFN:Ren\u00e9\r\nEND:VCARD\r\n');
    expect(data(qp[0]!).name).toEqual({ family: 'Café', given: 'René' });
    const raw = await readBytes(Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ren\xe9\r\nNOTE:Pr\xe9f\xe9r\xe9\r\nEND:VCARD\r\n', 'latin1'));
    expect(data(raw[0]!)).toMatchObject({ fullName: 'René', note: 'Préféré' });
  });

  it('takes only real calendar days as dates: Feb 29 without a year, not in 2023, not a year 0000', () => {
    expect(parseVcardDate('--0229')).toBe('--02-29');
    expect(parseVcardDate('2024-02-29')).toBe('2024-02-29');
    expect(parseVcardDate('2023-02-29')).toBeNull();
    expect(parseVcardDate('--0230')).toBeNull();
    expect(parseVcardDate('31/04/1990')).toBeNull();
    // Not a date the contact schema accepts: left out with a warning rather than failing the card.
    expect(parseVcardDate('0000-03-14')).toBeNull();
  });

  it('fails on a truncated card, naming its line', async () => {
    const err = await readAll('tronque.vcf').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as Error).message).toBe('tronque.vcf, line 5: the card that begins here has no END:VCARD; the file looks truncated');
  });

  it('fails clearly on bad input', async () => {
    await expect(readText('')).rejects.toThrow(/no card found/);
    await expect(readText('BEGIN:VCARD\r\nVERSION:3.0\r\nBEGIN:VCARD\r\n')).rejects.toThrow(/line 3: a new card begins but the card of line 1 has no END:VCARD/);
    await expect(readText('BEGIN:VCARD\r\nVERSION:3.0\r\nPHOTO;ENCODING=b;TYPE=JPEG:@@@notbase64\r\nFN:X\r\nEND:VCARD\r\n')).rejects.toThrow(/t\.vcf, line 3: the PHOTO is not valid base64/);
    await expect(readText('BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:rien\r\nEND:VCARD\r\n')).rejects.toThrow(/line 1: this card has no name/);
    await expect(readText('BEGIN:VCARD\r\nVERSION:3.0\r\nJUSTE DU TEXTE\r\nEND:VCARD\r\n')).rejects.toThrow(/line 3: expected a property/);
  });
});
