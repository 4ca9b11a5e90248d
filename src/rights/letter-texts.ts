import type { RightKind } from './rights-request.ts';

/**
 * The phrasebook of rights letters, in French and English: the legal references of each
 * right and the sentences around them. Texts written for MesInfos; the law they cite is
 * Regulation (EU) 2016/679 (GDPR, in French RGPD) and, in France, the loi n° 78-17 du
 * 6 janvier 1978 « Informatique et Libertés ».
 */
export type Lang = 'fr' | 'en';

export interface RightText {
  /** Subject line. */
  subject: string;
  /** What the person asks for, citing the article; `{items}` is replaced by the list of items. */
  ask: string;
  /** What the organisation must also do, or what the answer must hold. */
  detail: string;
}

export const RIGHT_TEXTS: Record<Lang, Record<RightKind, RightText>> = {
  fr: {
    access: {
      subject: "Demande d'accès à mes données personnelles (article 15 du RGPD)",
      ask: "En application de l'article 15 du règlement (UE) 2016/679 (RGPD), je vous demande de me communiquer une copie de l'ensemble des données personnelles me concernant que vous traitez{items}.",
      detail:
        'Je vous demande également de m’indiquer les finalités de ces traitements, les catégories de données concernées, les destinataires auxquels elles ont été communiquées, leur durée de conservation et leur source lorsqu’elles n’ont pas été collectées auprès de moi (article 15, paragraphe 1).',
    },
    rectification: {
      subject: 'Demande de rectification de mes données personnelles (article 16 du RGPD)',
      ask: "En application de l'article 16 du règlement (UE) 2016/679 (RGPD), je vous demande de rectifier sans tarder les données inexactes me concernant que vous détenez :{items}",
      detail:
        "Conformément à l'article 19 du RGPD, je vous remercie de notifier cette rectification à chaque destinataire auquel ces données ont été communiquées, et de me confirmer par écrit qu'elle a été effectuée.",
    },
    erasure: {
      subject: "Demande d'effacement de mes données personnelles (article 17 du RGPD)",
      ask: "En application de l'article 17 du règlement (UE) 2016/679 (RGPD), je vous demande d'effacer dans les meilleurs délais les données personnelles me concernant{items}.",
      detail: "Conformément à l'article 19 du RGPD, je vous remercie de notifier cet effacement à chaque destinataire auquel ces données ont été communiquées, et de me le confirmer par écrit.",
    },
    restriction: {
      subject: 'Demande de limitation du traitement de mes données (article 18 du RGPD)',
      ask: "En application de l'article 18 du règlement (UE) 2016/679 (RGPD), je vous demande de limiter le traitement des données personnelles me concernant{items}.",
      detail: "Conformément aux articles 18, paragraphe 3, et 19 du RGPD, je vous remercie de m'informer avant que la limitation ne soit levée et de la notifier à chaque destinataire de ces données.",
    },
    portability: {
      subject: 'Demande de portabilité de mes données (article 20 du RGPD)',
      ask: "En application de l'article 20 du règlement (UE) 2016/679 (RGPD), je vous demande de me transmettre les données personnelles me concernant que je vous ai fournies{items}, dans un format structuré, couramment utilisé et lisible par machine.",
      detail: "Un export aux formats CSV ou JSON me convient. Le cas échéant, je vous demande de les transmettre directement au responsable de traitement que je désignerai (article 20, paragraphe 2).",
    },
    objection: {
      subject: "Opposition au traitement de mes données personnelles (article 21 du RGPD)",
      ask: "En application de l'article 21 du règlement (UE) 2016/679 (RGPD), je m'oppose au traitement des données personnelles me concernant{items}.",
      detail:
        "Lorsque ce traitement sert la prospection, y compris le profilage qui y est lié, mon opposition doit être suivie d'effet sans autre justification (article 21, paragraphes 2 et 3). Je vous remercie de me confirmer la cessation du traitement.",
    },
  },
  en: {
    access: {
      subject: 'Subject access request (Article 15 GDPR)',
      ask: 'Under Article 15 of Regulation (EU) 2016/679 (GDPR), I ask you to provide me with a copy of all the personal data about me that you process{items}.',
      detail:
        'Please also tell me the purposes of the processing, the categories of data concerned, the recipients to whom they have been disclosed, how long they will be kept, and their source where they were not collected from me (Article 15(1)).',
    },
    rectification: {
      subject: 'Request to rectify my personal data (Article 16 GDPR)',
      ask: 'Under Article 16 of Regulation (EU) 2016/679 (GDPR), I ask you to rectify without undue delay the following inaccurate data about me that you hold:{items}',
      detail: 'Under Article 19 GDPR, please communicate this rectification to each recipient to whom the data have been disclosed, and confirm to me in writing that it has been made.',
    },
    erasure: {
      subject: 'Request to erase my personal data (Article 17 GDPR)',
      ask: 'Under Article 17 of Regulation (EU) 2016/679 (GDPR), I ask you to erase without undue delay the personal data about me{items}.',
      detail: 'Under Article 19 GDPR, please communicate this erasure to each recipient to whom the data have been disclosed, and confirm it to me in writing.',
    },
    restriction: {
      subject: 'Request to restrict the processing of my data (Article 18 GDPR)',
      ask: 'Under Article 18 of Regulation (EU) 2016/679 (GDPR), I ask you to restrict the processing of the personal data about me{items}.',
      detail: 'Under Articles 18(3) and 19 GDPR, please inform me before the restriction is lifted and communicate it to each recipient of the data.',
    },
    portability: {
      subject: 'Data portability request (Article 20 GDPR)',
      ask: 'Under Article 20 of Regulation (EU) 2016/679 (GDPR), I ask you to send me the personal data about me that I provided to you{items}, in a structured, commonly used and machine-readable format.',
      detail: 'An export as CSV or JSON suits me. Where technically feasible, please transmit them directly to the controller I will name (Article 20(2)).',
    },
    objection: {
      subject: 'Objection to the processing of my personal data (Article 21 GDPR)',
      ask: 'Under Article 21 of Regulation (EU) 2016/679 (GDPR), I object to the processing of the personal data about me{items}.',
      detail: 'Where the processing is for direct marketing, including related profiling, my objection must be followed without further justification (Article 21(2) and (3)). Please confirm that the processing has stopped.',
    },
  },
};

/** The words around the right's own text. */
export const FRAME: Record<Lang, {
  greeting: string;
  customerRef: (ref: string) => string;
  deadline: (due: string) => string;
  deadlineUnsent: string;
  complaintNotice: string;
  closing: string;
  objectLine: string;
  itemsAbout: string;
  wrongToRight: (label: string, current: string, requested: string) => string;
  requestedChange: string;
  sentVia: string;
}> = {
  fr: {
    greeting: 'Madame, Monsieur,',
    customerRef: (ref) => `Référence client : ${ref}`,
    deadline: (due) =>
      `Conformément à l'article 12, paragraphe 3, du RGPD, vous disposez d'un délai d'un mois à compter de la réception de cette demande pour y répondre, soit au plus tard le ${due}. Ce délai ne peut être prolongé de deux mois qu'en raison de la complexité ou du nombre de demandes, et à condition que vous m'en informiez, motifs à l'appui, dans le premier mois.`,
    deadlineUnsent:
      "Conformément à l'article 12, paragraphe 3, du RGPD, vous disposez d'un délai d'un mois à compter de la réception de cette demande pour y répondre. Ce délai ne peut être prolongé de deux mois qu'en raison de la complexité ou du nombre de demandes, et à condition que vous m'en informiez, motifs à l'appui, dans le premier mois.",
    complaintNotice:
      "À défaut de réponse dans ce délai, je me réserve la possibilité d'introduire une réclamation auprès de la Commission nationale de l'informatique et des libertés (CNIL), conformément à l'article 77 du RGPD et à la loi n° 78-17 du 6 janvier 1978 modifiée.",
    closing: "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
    objectLine: 'Objet',
    itemsAbout: ' concernant : ',
    wrongToRight: (label, current, requested) => `- ${label} : « ${current} » est inexact(e) ; la valeur exacte est « ${requested} ».`,
    requestedChange: 'Précision',
    sentVia: 'Demande adressée par l’intermédiaire de MesInfos.',
  },
  en: {
    greeting: 'Dear Sir or Madam,',
    customerRef: (ref) => `Customer reference: ${ref}`,
    deadline: (due) =>
      `Under Article 12(3) GDPR, you must answer within one month of receiving this request, that is by ${due} at the latest. That period may be extended by two further months only where necessary, given the complexity and number of requests, and only if you tell me so, with your reasons, within the first month.`,
    deadlineUnsent:
      'Under Article 12(3) GDPR, you must answer within one month of receiving this request. That period may be extended by two further months only where necessary, given the complexity and number of requests, and only if you tell me so, with your reasons, within the first month.',
    complaintNotice:
      'Without an answer within that period, I may lodge a complaint with the French data protection authority (Commission nationale de l’informatique et des libertés, CNIL) under Article 77 GDPR.',
    closing: 'Yours faithfully,',
    objectLine: 'Subject',
    itemsAbout: ' concerning: ',
    wrongToRight: (label, current, requested) => `- ${label}: "${current}" is wrong; the correct value is "${requested}".`,
    requestedChange: 'Details',
    sentVia: 'Request sent through MesInfos.',
  },
};

/** Names of identity attributes in letters. */
export const ATTRIBUTE_LABELS: Record<Lang, Record<string, string>> = {
  fr: {
    full_name: 'nom et prénom',
    given_name: 'prénom',
    family_name: 'nom de famille',
    birth_date: 'date de naissance',
    birth_place: 'lieu de naissance',
    postal_address: 'adresse postale',
    email: 'adresse e-mail',
    phone: 'numéro de téléphone',
    iban: 'IBAN',
    customer_number: 'numéro de client',
  },
  en: {
    full_name: 'full name',
    given_name: 'given name',
    family_name: 'family name',
    birth_date: 'date of birth',
    birth_place: 'place of birth',
    postal_address: 'postal address',
    email: 'e-mail address',
    phone: 'phone number',
    iban: 'IBAN',
    customer_number: 'customer number',
  },
};

/** A local date as words: "28 février 2025", "28 February 2025". */
export function longDate(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}
