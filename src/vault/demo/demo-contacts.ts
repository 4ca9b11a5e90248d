import type { ConnectorRecord } from '../../connectors/connector.ts';
import { Rng, deriveSeed } from './prng.ts';

/**
 * The people around the demo person (~150), and their cards in two address books: the
 * phone's (`app:contacts-telephone`) and the webmail's (`app:contacts-webmail`). About
 * twenty people are in both, with slightly different cards (a nickname, another phone
 * format, a missing family name, a work e-mail), so that contact merging has work to do.
 * Phone numbers are unique per person, so calls in `telecom.usage` can be matched to them.
 */

export type Circle = 'family' | 'friend' | 'colleague' | 'acquaintance' | 'service';

export interface DemoPeer {
  index: number;
  given: string;
  family: string;
  /** Mobile number, E.164. */
  phone: string;
  email?: string;
  workEmail?: string;
  /** Full birth date, for family and friends. */
  birthday?: string;
  circle: Circle;
  /** How often the person calls or texts them (relative). */
  closeness: number;
  organization?: string;
  title?: string;
  lat: number;
  lon: number;
  inPhoneBook: boolean;
  inWebmail: boolean;
}

const GIVEN = [
  'Léa', 'Hugo', 'Chloé', 'Lucas', 'Manon', 'Louis', 'Emma', 'Gabriel', 'Inès', 'Arthur', 'Jade', 'Jules', 'Louise', 'Nathan',
  'Alice', 'Théo', 'Sarah', 'Raphaël', 'Juliette', 'Tom', 'Zoé', 'Maxime', 'Clara', 'Antoine', 'Anaïs', 'Paul', 'Margaux',
  'Thomas', 'Pauline', 'Nicolas', 'Élodie', 'Julien', 'Mathilde', 'Romain', 'Céline', 'Guillaume', 'Aurélie', 'Sébastien',
  'Nathalie', 'Jean-Pierre', 'Isabelle', 'François', 'Sophie', 'Laurent', 'Valérie', 'Olivier', 'Karima', 'Mehdi', 'Yasmine',
  'Karim', 'Fatou', 'Moussa', 'Lina', 'Adam', 'Agathe', 'Baptiste', 'Hélène', 'Bruno', 'Martine', 'Gérard',
];

const FAMILY = [
  'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre',
  'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Lefèvre', 'Mercier',
  'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin',
  'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez',
  'Fontaine', 'Chevalier', 'Robin', 'Masson', 'Sanchez', 'Benali', 'Diallo', 'Nguyen', 'Haddad', 'Traoré', 'Rey', 'Brun',
];

const MAIL_DOMAINS = ['exemple.fr', 'courriel.fr', 'boitemail.fr', 'messagerie.example'];

const FAMILY_MEMBERS: { given: string; family: string; title: string; born: number }[] = [
  { given: 'Sylvie', family: 'Martin', title: 'Maman', born: 1962 },
  { given: 'Philippe', family: 'Martin', title: 'Papa', born: 1960 },
  { given: 'Julien', family: 'Martin', title: 'Frère', born: 1994 },
  { given: 'Odette', family: 'Martin', title: 'Mamie', born: 1938 },
  { given: 'Claire', family: 'Besson', title: 'Tante', born: 1966 },
  { given: 'Marc', family: 'Besson', title: 'Oncle', born: 1964 },
  { given: 'Lucie', family: 'Besson', title: 'Cousine', born: 1993 },
  { given: 'Étienne', family: 'Martin', title: 'Cousin', born: 1989 },
];

const SERVICES: { given: string; family: string; organization: string; title: string }[] = [
  { given: 'Anne', family: 'Lefebvre', organization: 'Cabinet médical Jean Macé', title: 'Médecin généraliste' },
  { given: 'Marc', family: 'Dupuis', organization: 'Dupuis Plomberie', title: 'Plombier' },
  { given: 'Hélène', family: 'Roussel', organization: 'Cabinet dentaire Saxe', title: 'Chirurgien-dentiste' },
  { given: 'Karim', family: 'Benali', organization: 'Garage du Rhône', title: 'Garagiste' },
  { given: 'Sophie', family: 'Garnier', organization: 'Régie des Traboules', title: 'Gestionnaire locative' },
  { given: 'Paul', family: 'Faure', organization: 'Ostéo Lyon 7', title: 'Ostéopathe' },
];

/** Removes accents and spaces for e-mail local parts ("Élodie" → "elodie"). */
export function mailPart(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z-]/g, '');
}

/** "+33612345678" → "06 12 34 56 78". */
export function nationalPhone(e164: string): string {
  const n = `0${e164.slice(3)}`;
  return n.replace(/(\d{2})(?=\d)/g, '$1 ');
}

/** "+33612345678" → "0612345678", as operators print numbers in detailed bills. */
export function compactNationalPhone(e164: string): string {
  return `0${e164.slice(3)}`;
}

/** The people around the person, fixed by the seed. */
export function makePeers(seed: number): DemoPeer[] {
  const rng = new Rng(deriveSeed(seed, 'peers'));
  const peers: DemoPeer[] = [];
  const usedPhones = new Set<string>(['+33612345678', '+33687654321']);
  const usedNames = new Set<string>();
  const phone = () => {
    for (;;) {
      const p = `+33${rng.pick(['6', '7'])}${rng.digits(8)}`;
      if (!usedPhones.has(p)) {
        usedPhones.add(p);
        return p;
      }
    }
  };
  const near = (spread: number) => ({ lat: 45.7578 + rng.normal(0, spread), lon: 4.832 + rng.normal(0, spread * 1.4) });
  const add = (p: Omit<DemoPeer, 'index' | 'phone' | 'lat' | 'lon'> & { lat?: number; lon?: number }) => {
    usedNames.add(`${p.given} ${p.family}`);
    const where = p.lat !== undefined && p.lon !== undefined ? { lat: p.lat, lon: p.lon } : near(0.03);
    peers.push({ ...p, ...where, index: peers.length, phone: phone() });
  };
  const birthday = (fromYear: number, toYear: number) =>
    `${rng.int(fromYear, toYear)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  const freshName = () => {
    for (;;) {
      const given = rng.pick(GIVEN);
      const family = rng.pick(FAMILY);
      if (!usedNames.has(`${given} ${family}`) && family !== 'Martin') return { given, family };
    }
  };
  for (const f of FAMILY_MEMBERS) {
    add({
      given: f.given,
      family: f.family,
      email: `${mailPart(f.given)}.${mailPart(f.family)}${f.born % 100}@${rng.pick(MAIL_DOMAINS)}`,
      birthday: `${f.born}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      circle: 'family',
      closeness: f.title === 'Maman' ? 10 : f.title === 'Frère' ? 6 : 3,
      title: f.title,
      lat: 45.9 + rng.normal(0, 0.05),
      lon: 4.7 + rng.normal(0, 0.05),
      inPhoneBook: true,
      inWebmail: f.title !== 'Mamie',
    });
  }
  for (let i = 0; i < 25; i++) {
    const n = freshName();
    add({
      ...n,
      email: `${mailPart(n.given)}.${mailPart(n.family)}@${rng.pick(MAIL_DOMAINS)}`,
      birthday: birthday(1987, 1995),
      circle: 'friend',
      closeness: i < 6 ? 6 : rng.int(1, 3),
      inPhoneBook: true,
      inWebmail: i < 12,
    });
  }
  for (let i = 0; i < 30; i++) {
    const n = freshName();
    add({
      ...n,
      workEmail: `${mailPart(n.given)}.${mailPart(n.family)}@acme.example`,
      circle: 'colleague',
      closeness: i < 5 ? 2 : 0.4,
      organization: 'ACME SAS',
      title: rng.pick(['Chef de projet', 'Développeur', 'Comptable', 'Assistante de direction', 'Responsable RH', 'Commercial', 'Analyste']),
      lat: 45.7602 + rng.normal(0, 0.03),
      lon: 4.8614 + rng.normal(0, 0.04),
      inPhoneBook: i < 12,
      inWebmail: true,
    });
  }
  for (const s of SERVICES) {
    add({ given: s.given, family: s.family, circle: 'service', closeness: 0.3, organization: s.organization, title: s.title, inPhoneBook: true, inWebmail: false });
  }
  while (peers.length < 150) {
    const n = freshName();
    const mail = rng.chance(0.4);
    add({
      ...n,
      ...(mail ? { email: `${mailPart(n.given)}${rng.int(1, 99)}@${rng.pick(MAIL_DOMAINS)}` } : {}),
      circle: 'acquaintance',
      closeness: rng.next() * 0.5,
      inPhoneBook: true,
      inWebmail: mail && rng.chance(0.25),
    });
  }
  return peers;
}

/** Contact records of both address books. */
export function* contactRecords(peers: readonly DemoPeer[], seed: number, revisedAt: string): Generator<ConnectorRecord> {
  const rng = new Rng(deriveSeed(seed, 'contact-cards'));
  for (const p of peers) {
    if (!p.inPhoneBook) continue;
    const familyName = p.circle === 'family' && p.title ? undefined : p.family;
    const fullName = familyName ? `${p.given} ${familyName}` : `${p.given} (${p.title})`;
    const data = {
      uid: `tel-${String(p.index + 1).padStart(4, '0')}`,
      fullName,
      name: { given: p.given, ...(familyName ? { family: familyName } : {}) },
      phones: [{ value: nationalPhone(p.phone), types: ['cell'] }],
      emails: p.email && rng.chance(0.5) ? [{ value: p.email, types: ['home'] }] : [],
      ...(p.birthday && (p.circle === 'family' || rng.chance(0.6)) ? { birthday: p.birthday } : {}),
      ...(p.organization ? { organization: p.organization } : {}),
      ...(p.title && p.circle !== 'family' ? { title: p.title } : {}),
      categories: [CIRCLE_LABEL[p.circle]],
      revisedAt,
    };
    yield { type: 'contact', source: 'app:contacts-telephone', sourceRef: data.uid, occurredAt: revisedAt, data };
  }
  for (const p of peers) {
    if (!p.inWebmail) continue;
    const nick = p.given === 'Jean-Pierre' ? 'JP' : p.circle === 'friend' && rng.chance(0.3) ? p.given.slice(0, 3) : undefined;
    const emails = [
      ...(p.email ? [{ value: p.email, types: ['home'], pref: true }] : []),
      ...(p.workEmail ? [{ value: p.workEmail, types: ['work'], ...(p.email ? {} : { pref: true }) }] : []),
    ];
    const uid = hexId(rng);
    const data = {
      uid,
      fullName: nick && rng.chance(0.5) ? `${nick} ${p.family}` : `${p.given} ${p.family}`,
      name: { given: p.given, family: p.family },
      nicknames: nick ? [nick] : [],
      emails,
      phones: p.circle === 'colleague' && rng.chance(0.7) ? [] : [{ value: p.phone, types: ['cell'] }],
      ...(p.birthday && rng.chance(0.5) ? { birthday: `--${p.birthday.slice(5)}` } : {}),
      ...(p.organization ? { organization: p.organization } : {}),
      ...(p.title && p.circle === 'colleague' ? { title: p.title } : {}),
      categories: p.circle === 'colleague' ? ['Travail'] : [],
      revisedAt,
    };
    yield { type: 'contact', source: 'app:contacts-webmail', sourceRef: uid, occurredAt: revisedAt, data };
  }
}

const CIRCLE_LABEL: Record<Circle, string> = { family: 'Famille', friend: 'Amis', colleague: 'Travail', acquaintance: 'Connaissances', service: 'Services' };

function hexId(rng: Rng): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += (rng.nextU32() & 15).toString(16);
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}`;
}
