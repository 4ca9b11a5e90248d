import type { AppClient } from '../../clients/client-schemas.ts';
import type { Granularity } from '../../consent/grant.ts';
import type { RecordType } from '../../domain/record.ts';
import type { AccessRequest } from './access-request.ts';

export type Lang = 'fr' | 'en';

/** French when the browser prefers it to English, English otherwise. */
export function langOf(acceptLanguage: string | undefined): Lang {
  const tags = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q) };
    })
    .filter((t) => t.tag && t.q > 0)
    .sort((a, b) => b.q - a.q);
  const first = tags.find((t) => t.tag.startsWith('fr') || t.tag.startsWith('en'));
  return first?.tag.startsWith('fr') ? 'fr' : 'en';
}

const TYPE_WORDS: Record<RecordType, [en: string, fr: string]> = {
  'bank.account': ['your bank accounts', 'vos comptes bancaires'],
  'bank.transaction': ['your bank transactions', 'vos opérations bancaires'],
  'energy.reading': ['your energy meter readings', 'vos relevés de compteur d’énergie'],
  'telecom.usage': ['your phone and internet usage', 'votre consommation téléphone et internet'],
  contact: ['your contacts', 'vos contacts'],
  'calendar.event': ['your calendar events', 'les événements de votre agenda'],
  'location.point': ['your location history', 'votre historique de positions'],
  'place.visit': ['the places you visited', 'les lieux que vous avez visités'],
  track: ['your recorded tracks', 'vos traces enregistrées'],
  purchase: ['your purchases', 'vos achats'],
  'health.measure': ['your health measurements', 'vos mesures de santé'],
  'health.event': ['your health records', 'vos données médicales'],
  'identity.attribute': ['what organisations know of your identity (address, phone, e-mail…)', 'ce que les organisations savent de votre identité (adresse, téléphone, e-mail…)'],
  document: ['your documents (bills, payslips, statements)', 'vos documents (factures, bulletins de paie, relevés)'],
  contract: ['your contracts', 'vos contrats'],
};

function granularityWords(g: Granularity, lang: Lang): string {
  const fr = lang === 'fr';
  if (g.kind === 'raw') return fr ? 'chaque enregistrement, en détail' : 'every single record, in detail';
  if (g.kind === 'derived') return fr ? `seulement le résultat du calcul « ${g.insight} »` : `only the result of the “${g.insight}” calculation`;
  const en = { day: 'daily totals', week: 'weekly totals', month: 'monthly totals', year: 'yearly totals' }[g.bucket];
  const f = { day: 'des totaux par jour', week: 'des totaux par semaine', month: 'des totaux par mois', year: 'des totaux par an' }[g.bucket];
  return fr ? `${f} seulement, jamais le détail` : `${en} only, never the detail`;
}

/** "ServiceProvision" → "service provision". */
const purposeWords = (p: string) => p.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

const PURPOSE_FR: Record<string, string> = {
  ServiceProvision: 'fournir le service que vous utilisez',
  ServicePersonalisation: 'personnaliser le service',
  PersonalisedAdvertising: 'vous montrer de la publicité ciblée',
  Marketing: 'faire du marketing',
  ResearchAndDevelopment: 'faire de la recherche',
  AcademicResearch: 'faire de la recherche universitaire',
};

/** Escapes text for HTML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export interface ConsentPageInput {
  lang: Lang;
  app: AppClient;
  request: AccessRequest;
  untilMs: number;
  /** The form's target (this page's path). */
  action: string;
  /** The person's session CSRF token, when the browser holds a live session; else the page asks for the passphrase. */
  csrfToken?: string;
  /** A message above the form (a wrong passphrase…). */
  problem?: string;
}

function page(lang: Lang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><link rel="stylesheet" href="/api/consent/consent.css"></head>
<body><main>${body}</main></body>
</html>`;
}

/** The consent page: which data, at what granularity, for what purpose, until when — in plain words. */
export function renderConsentPage(i: ConsentPageInput): string {
  const fr = i.lang === 'fr';
  const until = new Intl.DateTimeFormat(fr ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date(i.untilMs));
  const name = esc(i.app.name);
  const items = i.request.scopes
    .map((s) => {
      const [en, f] = TYPE_WORDS[s.type];
      const fields = s.fields?.length ? ` — ${fr ? 'uniquement les champs' : 'only the fields'} ${s.fields.map((x) => `<code>${esc(x)}</code>`).join(', ')}` : '';
      return `<li><strong>${esc(fr ? f : en)}</strong> (<code>${esc(s.type)}</code>)${fields}</li>`;
    })
    .join('');
  const purpose = fr ? (PURPOSE_FR[i.request.purpose] ?? purposeWords(i.request.purpose)) : purposeWords(i.request.purpose);
  const title = fr ? `${i.app.name} demande l’accès à vos données` : `${i.app.name} asks for access to your data`;
  const auth = i.csrfToken
    ? `<input type="hidden" name="csrf" value="${esc(i.csrfToken)}">`
    : `<p><label for="passphrase">${fr ? 'Votre coffre est verrouillé : saisissez votre phrase secrète pour décider.' : 'Your vault is locked: type your passphrase to decide.'}</label><br><input id="passphrase" name="passphrase" type="password" autocomplete="current-password" required></p>`;
  const body = `
<h1>${esc(title)}</h1>
${i.app.description ? `<p class="about">${esc(i.app.description)}</p>` : ''}
${i.problem ? `<p class="problem" role="alert">${esc(i.problem)}</p>` : ''}
<h2>${fr ? 'Quelles données' : 'Which data'}</h2>
<ul>${items}</ul>
<h2>${fr ? 'Avec quel détail' : 'How detailed'}</h2>
<p>${esc(granularityWords(i.request.granularity, i.lang))}.</p>
<h2>${fr ? 'Pour quoi faire' : 'What for'}</h2>
<p>${fr ? `${name} déclare utiliser ces données pour : ` : `${name} says it will use them for: `}<strong>${esc(purpose)}</strong> (<code>${esc(i.request.purpose)}</code>).</p>
<h2>${fr ? 'Jusqu’à quand' : 'Until when'}</h2>
<p>${fr ? `Jusqu’au <strong>${esc(until)}</strong> (${i.request.durationDays} jours). Vous pouvez retirer cet accès à tout moment ; chaque lecture est inscrite dans votre journal d’accès.` : `Until <strong>${esc(until)}</strong> (${i.request.durationDays} days). You can withdraw this access at any time; every read is written in your access log.`}</p>
<form method="post" action="${esc(i.action)}">
${auth}
<button type="submit" name="decision" value="approve">${fr ? 'Autoriser' : 'Allow'}</button>
<button type="submit" name="decision" value="deny">${fr ? 'Refuser' : 'Deny'}</button>
</form>`;
  return page(i.lang, title, body);
}

/** A page that only says something (an expired request…). */
export function renderMessagePage(lang: Lang, title: string, text: string): string {
  return page(lang, title, `<h1>${esc(title)}</h1><p>${esc(text)}</p>`);
}

/** The consent page's stylesheet (served from /api/consent/consent.css: the CSP allows no inline style). */
export const CONSENT_CSS = `body{font-family:system-ui,sans-serif;background:#f6f7f9;color:#1d2330;margin:0}
main{max-width:40rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:.75rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem}h2{font-size:1rem;margin-bottom:.25rem;color:#44506a}
.problem{background:#fde8e8;color:#8a1c1c;padding:.5rem .75rem;border-radius:.5rem}
button{font-size:1rem;padding:.6rem 1.2rem;margin:1rem .5rem 0 0;border-radius:.5rem;border:1px solid #44506a;background:#fff;cursor:pointer}
button[value=approve]{background:#1f6f43;color:#fff;border-color:#1f6f43}
input[type=password]{font-size:1rem;padding:.4rem;width:100%;max-width:24rem}`;
