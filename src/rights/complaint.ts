import { MesInfosError } from '../domain/errors.ts';
import type { LocalDate } from '../domain/time.ts';
import { ATTRIBUTE_LABELS, RIGHT_TEXTS, longDate, type Lang } from './letter-texts.ts';
import { dateLine, labelled, senderBlock, townOf, type LetterDoc, type Medium, type Requester } from './letters.ts';
import { ARTICLE_OF, type RightsRequest } from './rights-request.ts';

/**
 * The complaint to the CNIL (the French data-protection authority, art. 77 GDPR) that
 * MesInfos offers when an organisation let the deadline pass, or refused a request. It
 * states the facts from the request's history and lists what to attach; the person files
 * it on cnil.fr (the text) or by post (the PDF).
 */

export const CNIL_ADDRESS = ["Commission nationale de l'informatique et des libertés", 'Service des plaintes', '3 place de Fontenoy', 'TSA 80715', '75334 Paris Cedex 07'];

const TEXTS: Record<Lang, {
  subject: (org: string) => string;
  greeting: string;
  facts: (p: { sent: string; org: string; article: number; right: string; channel: string; items: string }) => string;
  noAnswer: (due: string, extended: boolean) => string;
  refused: (reason: string) => string;
  ask: string;
  attachments: string[];
  closing: string;
  channels: Record<RightsRequest['channel'], string>;
}> = {
  fr: {
    subject: (org) => `Réclamation contre ${org} : demande d'exercice de droits restée sans réponse satisfaisante`,
    greeting: 'Madame, Monsieur,',
    facts: (p) => `Le ${p.sent}, j'ai adressé à ${p.org}, par ${p.channel}, une demande fondée sur l'article ${p.article} du RGPD (« ${p.right} »)${p.items}.`,
    noAnswer: (due, extended) =>
      `Le délai de réponse prévu par l'article 12, paragraphe 3, du RGPD${extended ? ', prolongé par l’organisme,' : ''} a expiré le ${due} sans que j'aie reçu de réponse.`,
    refused: (reason) => `L'organisme a refusé de donner suite à ma demande, au motif suivant : « ${reason} ». J'estime ce refus injustifié.`,
    ask: "Je vous saisis donc, en application de l'article 77 du RGPD et de l'article 8 de la loi n° 78-17 du 6 janvier 1978 modifiée, afin que vous examiniez cette situation et, le cas échéant, que vous enjoigniez à l'organisme de satisfaire ma demande.",
    attachments: ['Pièces jointes :', '- copie de ma demande ;', "- preuve de son envoi (accusé de réception ou courriel) ;", "- le cas échéant, la réponse de l'organisme."],
    closing: "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
    channels: { api: "l'interface de programmation (API) de l'organisme", email: 'courriel', letter: 'courrier' },
  },
  en: {
    subject: (org) => `Complaint against ${org}: a data protection request left without a proper answer`,
    greeting: 'Dear Sir or Madam,',
    facts: (p) => `On ${p.sent}, I sent ${p.org}, by ${p.channel}, a request under Article ${p.article} GDPR ("${p.right}")${p.items}.`,
    noAnswer: (due, extended) => `The time limit of Article 12(3) GDPR${extended ? ', as extended by the organisation,' : ''} expired on ${due} and I have received no answer.`,
    refused: (reason) => `The organisation refused to act on my request, giving this reason: "${reason}". I consider this refusal unjustified.`,
    ask: 'I therefore lodge this complaint under Article 77 GDPR and ask you to examine the matter and, where appropriate, order the organisation to comply with my request.',
    attachments: ['Attached:', '- a copy of my request;', '- proof that it was sent (acknowledgement of receipt or e-mail);', "- the organisation's answer, if any."],
    closing: 'Yours faithfully,',
    channels: { api: "the organisation's programming interface (API)", email: 'e-mail', letter: 'post' },
  },
};

/** True when a complaint makes sense: the deadline passed, or the organisation refused. */
export function complaintAvailable(r: RightsRequest): boolean {
  return r.status === 'overdue' || (r.status === 'answered' && r.answer?.outcome === 'refused');
}

/** Composes the complaint to the CNIL about a request that is overdue or was refused. */
export function composeComplaint(r: RightsRequest, who: Requester, opts: { lang: Lang; medium: Medium; today: LocalDate }): LetterDoc {
  if (!complaintAvailable(r) || !r.sentOn || !r.dueOn)
    throw new MesInfosError('RIGHTS_TRANSITION_INVALID', `A complaint to the CNIL is offered once a request is overdue or refused; request ${r.id} is ${r.status}.`, { id: r.id, status: r.status });
  const { lang, medium } = opts;
  const t = TEXTS[lang];
  // Each item named, and for a rectification the change asked, so the authority reads the case in the complaint itself.
  const itemText = (i: RightsRequest['items'][number]) => {
    const label = ATTRIBUTE_LABELS[lang][i.what] ?? i.what;
    if (!i.currentValue || !i.requestedValue) return label;
    return lang === 'fr' ? `${label} (remplacer « ${i.currentValue} » par « ${i.requestedValue} »)` : `${label} (replace "${i.currentValue}" with "${i.requestedValue}")`;
  };
  const items = r.items.length ? `${lang === 'fr' ? ', concernant : ' : ', concerning: '}${r.items.map(itemText).join(', ')}` : '';
  const right = RIGHT_TEXTS[lang][r.kind].subject.replace(/\s*\(.*\)$/, '');
  const org = r.organisation.name;
  const refused = r.status === 'answered' && r.answer?.outcome === 'refused';
  return {
    lang,
    medium,
    subject: t.subject(org),
    sender: medium === 'letter' ? senderBlock(who, medium) : [],
    recipient: medium === 'letter' ? CNIL_ADDRESS : [],
    dateLine: dateLine(opts.today, lang, medium === 'letter' ? townOf(who.postalAddress) : undefined),
    paragraphs: [
      t.greeting,
      t.facts({ sent: longDate(r.sentOn, lang), org, article: ARTICLE_OF[r.kind], right, channel: t.channels[r.channel], items }),
      refused ? t.refused(r.answer!.reason ?? '') : t.noAnswer(longDate(r.dueOn, lang), r.extensionMonths > 0),
      t.ask,
      t.attachments.join('\n'),
      t.closing,
    ],
    signature: [who.fullName, ...(medium === 'email' && who.email ? [who.email] : []), ...(who.customerRef ? [`${labelled(lang === 'fr' ? `Référence client auprès ${/^[aeiouyhàâéèêîôûAEIOUYHÀÂÉÈÊÎÔÛ]/.test(org) ? 'd’' : 'de '}${org}` : `Customer reference at ${org}`, lang)}${who.customerRef}`] : [])],
  };
}
