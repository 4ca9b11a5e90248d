import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { MesInfosError } from '../domain/errors.ts';
import { defineOperation, type AnyOperation, type OperationContext } from '../operations/operation.ts';
import { composeComplaint } from './complaint.ts';
import { localDateOf } from './deadlines.ts';
import { DEFAULT_TIME_ZONE } from '../domain/time.ts';
import { letterPdf } from './letter-pdf.ts';
import { composeRequestLetter, letterText, type LetterDoc, type Medium } from './letters.ts';
import { requesterFor } from './requester.ts';
import { organisationLookup, rightsOf } from './rights-views.ts';

/**
 * The documents of a rights request: the letter or e-mail to the organisation, and the
 * complaint to the CNIL once it is overdue or refused, in French or English, as text or
 * PDF. Over HTTP a PDF comes back base64-encoded in the JSON answer; on the command line
 * `rights save` writes it to a file.
 */

const documentInput = z.object({
  id: z.string().min(1, 'a request id is required'),
  lang: z.enum(['fr', 'en']).default('fr'),
  medium: z.enum(['letter', 'email']).optional(),
  format: z.enum(['text', 'pdf']).default('text'),
});

const documentOutput = z.object({
  document: z.enum(['request', 'complaint']),
  format: z.enum(['text', 'pdf']),
  mediaType: z.string(),
  fileName: z.string(),
  subject: z.string(),
  /** The letter or e-mail as text (format text). */
  text: z.string().optional(),
  /** The PDF, base64-encoded (format pdf). */
  base64: z.string().optional(),
  /** An e-mail (medium email, format text): its address when known and its body alone, for a mail program (mailto:). */
  email: z.object({ to: z.string().optional(), body: z.string() }).optional(),
});
type DocumentOutput = z.infer<typeof documentOutput>;

async function compose(ctx: OperationContext, i: { id: string; lang: 'fr' | 'en'; medium?: Medium | undefined }, document: 'request' | 'complaint'): Promise<LetterDoc> {
  const r = await rightsOf(ctx).get(i.id);
  const known = organisationLookup(ctx)(r.organisation.source);
  const who = await requesterFor(ctx.vault, r.organisation.source, known?.customerRef);
  const opts = { lang: i.lang, medium: i.medium ?? (r.channel === 'email' ? 'email' : 'letter'), today: localDateOf(Date.now(), DEFAULT_TIME_ZONE) } as const;
  return document === 'request' ? composeRequestLetter(r, who, opts) : composeComplaint(r, who, opts);
}

async function render(doc: LetterDoc, document: 'request' | 'complaint', format: 'text' | 'pdf', id: string): Promise<DocumentOutput> {
  const fileName = `${document === 'request' ? (doc.lang === 'fr' ? 'demande' : 'request') : doc.lang === 'fr' ? 'plainte-cnil' : 'cnil-complaint'}-${id.slice(0, 8)}.${format === 'pdf' ? 'pdf' : 'txt'}`;
  const base = { document, format, fileName, subject: doc.subject };
  if (format === 'text') {
    const email = doc.medium === 'email' ? { email: { ...(doc.to ? { to: doc.to } : {}), body: [...doc.paragraphs.flatMap((p) => [p, '']), ...doc.signature].join('\n') } } : {};
    return { ...base, mediaType: 'text/plain; charset=utf-8', text: letterText(doc), ...email };
  }
  return { ...base, mediaType: 'application/pdf', base64: Buffer.from(await letterPdf(doc)).toString('base64') };
}

const renderCli = (o: DocumentOutput) => o.text ?? `${o.fileName}: a PDF of ${Math.round(((o.base64?.length ?? 0) * 3) / 4)} bytes — write it with: mesinfos rights save ID --out ${o.fileName}`;

/** The operation giving one document of a request: the letter, or the complaint. */
function documentOperation(name: string, document: 'request' | 'complaint', summary: string) {
  return defineOperation({
    name,
    summary,
    permission: 'owner',
    mutates: false,
    input: documentInput,
    output: documentOutput,
    cli: { command: ['rights', name.split('.')[1]!], positional: ['id'], help: { lang: 'fr or en', medium: 'letter or email (default: from the channel)', format: 'text or pdf' }, render: renderCli },
    handler: async (ctx, i) => render(await compose(ctx, i, document), document, i.format, i.id),
  });
}

export const rightsLetter = documentOperation('rights.letter', 'request', 'The letter or e-mail of a request, in French or English, with its legal references: as text, or as a PDF (base64)');
export const rightsComplaint = documentOperation(
  'rights.complaint',
  'complaint',
  'A ready complaint to the CNIL (art. 77 GDPR) about a request that is overdue or was refused: as text, or as a PDF (base64)',
);

export const rightsSave = defineOperation({
  name: 'rights.save',
  summary: 'Write the letter of a request (or, with --complaint, the complaint to the CNIL) to a file: .pdf or .txt',
  permission: 'owner',
  mutates: false,
  faces: ['cli'],
  input: z.object({
    id: z.string().min(1, 'a request id is required'),
    out: z.string().regex(/\.(pdf|txt)$/i, 'the file name ends in .pdf or .txt'),
    lang: z.enum(['fr', 'en']).default('fr'),
    medium: z.enum(['letter', 'email']).optional(),
    complaint: z.boolean().default(false),
  }),
  output: z.object({ out: z.string(), bytes: z.number().int(), subject: z.string() }),
  cli: { command: ['rights', 'save'], positional: ['id'], help: { out: 'the file to write (.pdf or .txt)', complaint: 'the complaint to the CNIL instead of the letter' }, render: (o) => `Wrote ${o.out} (${o.bytes} bytes): ${o.subject}` },
  handler: async (ctx, i) => {
    const document = i.complaint ? 'complaint' : 'request';
    const doc = await compose(ctx, i, document);
    const bytes = /\.pdf$/i.test(i.out) ? await letterPdf(doc) : new TextEncoder().encode(letterText(doc));
    await writeFile(i.out, bytes).catch((e: NodeJS.ErrnoException) => {
      throw new MesInfosError('INPUT_INVALID', `Cannot write ${i.out}: ${e.code ?? e.message}.`);
    });
    return { out: i.out, bytes: bytes.length, subject: doc.subject };
  },
});

export const rightsLetterOperations: AnyOperation[] = [rightsLetter, rightsComplaint, rightsSave] as AnyOperation[];
