import { describe, expect, it } from 'vitest';
import { inspectPdf } from '../../test/rights/pdf-inspect.ts';
import { complaintAvailable, composeComplaint } from './complaint.ts';
import { letterPdf } from './letter-pdf.ts';
import { composeRequestLetter, letterText, type Requester } from './letters.ts';
import { RIGHT_KINDS, type RightKind, type RightsRequest, type RightsRequestId } from './rights-request.ts';
import { applyAction } from './state-machine.ts';

const who: Requester = { fullName: 'Camille Martin', customerRef: 'GR-558102', postalAddress: '27 rue de Marseille, 69007 Lyon', email: 'camille.martin@exemple.fr' };

function request(kind: RightKind, over: Partial<RightsRequest> = {}): RightsRequest {
  return {
    id: '0190a000-0000-7000-8000-000000000002' as RightsRequestId,
    kind,
    organisation: { source: 'org:gaz-reseau', name: 'Gaz Réseau', contact: 'Délégué à la protection des données, 8 quai du Rhône, 69002 Lyon', linked: false },
    channel: 'letter',
    items:
      kind === 'rectification'
        ? [{ what: 'postal_address', currentValue: '12 rue des Lilas, 69003 Lyon', requestedValue: '27 rue de Marseille, 69007 Lyon' }]
        : kind === 'access' || kind === 'portability'
          ? []
          : [{ what: 'energy.reading' }],
    status: 'draft',
    createdAt: '2025-01-31T08:00:00.000Z',
    extensionMonths: 0,
    history: [{ at: '2025-01-31T08:00:00.000Z', by: 'person', action: 'create', from: null, to: 'draft' }],
    ...over,
  };
}

/** The GDPR article of each right, written here from the regulation (not taken from the code under test). */
const GDPR_ARTICLE: Record<RightKind, number> = { access: 15, rectification: 16, erasure: 17, restriction: 18, portability: 20, objection: 21 };

const flat = (s: string) => s.replace(/\s+/g, ' ');
const sentOn31Jan = (r: RightsRequest) => applyAction(r, { action: 'send', by: 'person', at: Date.parse('2025-01-31T09:00:00Z') });

describe('rights letters', () => {
  for (const kind of RIGHT_KINDS) {
    it(`${kind}: cites its article in French (RGPD) and English (GDPR), with the deadline of art. 12(3) and the CNIL`, () => {
      const r = sentOn31Jan(request(kind));
      const fr = letterText(composeRequestLetter(r, who, { lang: 'fr', medium: 'letter', today: '2025-01-31' }));
      const en = letterText(composeRequestLetter(r, who, { lang: 'en', medium: 'letter', today: '2025-01-31' }));
      const article = GDPR_ARTICLE[kind];
      expect(flat(fr)).toContain(`article ${article} du RGPD`);
      expect(flat(fr)).toContain("l'article 12, paragraphe 3, du RGPD");
      expect(flat(fr)).toContain('au plus tard le 28 février 2025');
      expect(flat(fr)).toContain('CNIL');
      expect(flat(en)).toContain(`Article ${article} GDPR`);
      expect(flat(en)).toContain('Article 12(3) GDPR');
      expect(flat(en)).toContain('by 28 February 2025 at the latest');
      expect(flat(en)).toContain('Article 77 GDPR');
      expect(fr).toContain('Lyon, le 31 janvier 2025');
      expect(fr).toContain('Gaz Réseau');
    });
  }

  it('a rectification says which value is wrong and what it should be, and asks to notify recipients (art. 19)', () => {
    const fr = letterText(composeRequestLetter(request('rectification'), who, { lang: 'fr', medium: 'letter', today: '2025-01-31' }));
    expect(fr).toContain('- adresse postale : « 12 rue des Lilas, 69003 Lyon » est inexact(e) ; la valeur exacte est « 27 rue de Marseille, 69007 Lyon ».');
    expect(flat(fr)).toContain("l'article 19 du RGPD");
    // Not sent yet: no date, but the rule.
    expect(flat(fr)).toContain("d'un délai d'un mois à compter de la réception");
    expect(fr).not.toContain('au plus tard');
  });

  it('a letter already sent is dated the day it was sent, not the day it is shown again', () => {
    const sent = applyAction(request('rectification'), { action: 'send', by: 'person', at: Date.parse('2025-01-10T09:00:00Z') });
    const fr = letterText(composeRequestLetter(sent, who, { lang: 'fr', medium: 'letter', today: '2025-03-02' }));
    expect(fr).toContain('Lyon, le 10 janvier 2025');
    expect(fr).not.toContain('2 mars 2025');
    const draft = letterText(composeRequestLetter(request('rectification'), who, { lang: 'fr', medium: 'letter', today: '2025-03-02' }));
    expect(draft).toContain('Lyon, le 2 mars 2025');
  });

  it('carries the name, the customer reference and the reply address of a letter — and nothing else about the person', () => {
    const text = letterText(composeRequestLetter(request('access'), who, { lang: 'fr', medium: 'letter', today: '2025-01-31' }));
    expect(text).toContain('Camille Martin');
    expect(text).toContain('Référence client : GR-558102');
    expect(text).toContain('27 rue de Marseille');
    expect(text).not.toContain('camille.martin@exemple.fr');
  });

  it('an e-mail has no postal address, goes to an e-mail contact, and starts with its subject', () => {
    const r = request('erasure', { channel: 'email', organisation: { source: 'org:mutuelle-sante', name: 'Mutuelle Santé Plus', contact: 'dpo@mutuelle.example', linked: false } });
    const text = letterText(composeRequestLetter(r, who, { lang: 'en', medium: 'email', today: '2025-01-31' }));
    expect(text.split('\n').slice(0, 2)).toEqual(['To: dpo@mutuelle.example', 'Subject: Request to erase my personal data (Article 17 GDPR)']);
    expect(text).not.toContain('Marseille');
    expect(text).not.toContain('camille.martin@exemple.fr');
    expect(text).toContain('Customer reference: GR-558102');
  });

  it('a phone rectification shows the phone numbers, since they are its object', () => {
    const r = request('rectification', { items: [{ what: 'phone', currentValue: '+33687654321', requestedValue: '+33612345678' }] });
    const text = letterText(composeRequestLetter(r, who, { lang: 'en', medium: 'letter', today: '2025-01-31' }));
    expect(text).toContain('- phone number: "+33687654321" is wrong; the correct value is "+33612345678".');
  });
});

describe('the complaint to the CNIL', () => {
  it('is offered only once the request is overdue or refused', () => {
    const r = sentOn31Jan(request('access'));
    expect(complaintAvailable(r)).toBe(false);
    expect(() => composeComplaint(r, who, { lang: 'fr', medium: 'letter', today: '2025-03-02' })).toThrow(/overdue or refused/);
    const refused = applyAction(r, { action: 'answer', by: 'org:gaz-reseau', at: Date.parse('2025-02-10T09:00:00Z'), outcome: 'refused', reason: 'demande manifestement excessive' });
    expect(complaintAvailable(refused)).toBe(true);
    expect(flat(letterText(composeComplaint(refused, who, { lang: 'fr', medium: 'letter', today: '2025-02-11' })))).toContain('au motif suivant : « demande manifestement excessive »');
  });

  it('states the facts, cites art. 77 and the loi Informatique et Libertés, and is addressed to the CNIL', () => {
    const r = { ...sentOn31Jan(request('rectification')), status: 'overdue' as const };
    const fr = letterText(composeComplaint(r, who, { lang: 'fr', medium: 'letter', today: '2025-03-02' }));
    expect(fr).toContain('3 place de Fontenoy');
    expect(flat(fr)).toContain("Le 31 janvier 2025, j'ai adressé à Gaz Réseau, par courrier, une demande fondée sur l'article 16 du RGPD");
    expect(flat(fr)).toContain('a expiré le 28 février 2025');
    expect(flat(fr)).toContain("l'article 77 du RGPD et de l'article 8 de la loi n° 78-17 du 6 janvier 1978");
    const en = letterText(composeComplaint(r, who, { lang: 'en', medium: 'letter', today: '2025-03-02' }));
    expect(flat(en)).toContain('On 31 January 2025, I sent Gaz Réseau, by post, a request under Article 16 GDPR');
    expect(flat(en)).toContain('expired on 28 February 2025');
    // The change asked is in the complaint itself.
    expect(flat(fr)).toContain('concernant : adresse postale (remplacer « 12 rue des Lilas, 69003 Lyon » par « 27 rue de Marseille, 69007 Lyon »)');
    expect(flat(en)).toContain('concerning: postal address (replace "12 rue des Lilas, 69003 Lyon" with "27 rue de Marseille, 69007 Lyon")');
  });
});

describe('letters as PDF', () => {
  it('is a real PDF: header, trailer pointing at the xref table, one A4 page, the subject as title and the text inside', async () => {
    const doc = composeRequestLetter(sentOn31Jan(request('rectification')), who, { lang: 'fr', medium: 'letter', today: '2025-01-31' });
    const bytes = await letterPdf(doc);
    const pdf = inspectPdf(bytes);
    expect(pdf.version).toMatch(/^1\.\d$/);
    expect(pdf.pages).toBe(1);
    expect(pdf.title).toBe(doc.subject);
    const text = flat(pdf.text);
    expect(text).toContain('Demande de rectification de mes données personnelles (article 16 du RGPD)');
    expect(text).toContain('Camille Martin');
    expect(text).toContain('27 rue de Marseille, 69007 Lyon');
    expect(text).toContain('au plus tard le 28 février 2025');
  });

  it('flows a long letter onto further pages', async () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ what: 'postal_address', currentValue: `${i} rue Ancienne, 69003 Lyon`, requestedValue: `${i} rue Nouvelle, 69007 Lyon` }));
    const pdf = inspectPdf(await letterPdf(composeRequestLetter(request('rectification', { items }), who, { lang: 'en', medium: 'letter', today: '2025-01-31' })));
    expect(pdf.pages).toBeGreaterThan(1);
    expect(flat(pdf.text)).toContain('39 rue Nouvelle, 69007 Lyon');
  });

  it('renders the CNIL complaint too', async () => {
    const r = { ...sentOn31Jan(request('access')), status: 'overdue' as const };
    const pdf = inspectPdf(await letterPdf(composeComplaint(r, who, { lang: 'en', medium: 'letter', today: '2025-03-02' })));
    expect(pdf.pages).toBe(1);
    expect(flat(pdf.text)).toContain('I therefore lodge this complaint under Article 77 GDPR');
  });
});
