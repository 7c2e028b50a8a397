import { createHash } from 'node:crypto';
import { formatDateLong } from '../../../shared/dates';
import type { MailDocumentKind } from '../../../shared/domain/mail';
import { AppError } from '../../../shared/errors';
import { centsToString, formatEuro, toCents } from '../../../shared/money';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import type { HandlerContext } from '../context';
import { requireCustomer } from '../customers/customer-service';
import { dunningEmail } from '../dunning/letters';
import { penaltyInvoiceIdOf } from '../dunning/penalty-invoice';
import { renderDocument } from '../printing/printing-service';
import { planState } from '../dunning/payment-plans';
import { accountMap } from '../ledger/accounts';
import { readInvoice } from '../receivables/invoices';
import { readQuote } from '../quotes/quotes';
import { customerStatement } from '../receivables/reports';
import { readCreditNote } from '../receivables/receivables-service';

export interface MailDocumentRequest {
  kind: MailDocumentKind;
  id: number;
  step?: string | undefined;
  asOf?: string | undefined;
  from?: string | undefined;
}

/** A document's mail, ready to be shown, sent or saved as a draft. */
export interface ComposedMail {
  document: { kind: MailDocumentKind; id: number; step?: string };
  /**
   * The invoice whose history the mail joins (the one credited, reminded, or whose late payment is
   * charged; a plan's first invoice); none for a statement, which is the customer's.
   */
  invoiceId?: number;
  customerId: number;
  /** The customer's address unless the owner gave another; absent when neither exists. */
  to?: string;
  subject: string;
  body: string;
  attachment: { fileName: string; bytes: Buffer; sha256: string };
  /** For a dunning letter: the reminder to record once sent. */
  dunning?: { invoiceId: number; step: string; asOf: string };
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const signature = (company: { name: string }) => `Cordialement,\n\n${company.name}`;

/** The penalty invoice (series PEN) of its own id: number, date, total, and the late invoice it charges. */
function penaltyRow(db: Db, id: number) {
  const row = stmt(db, 'SELECT number, invoice_id, date, interest_cents, indemnity_cents FROM penalty_invoice WHERE id = ?').get(id) as
    | { number: string; invoice_id: number; date: string; interest_cents: number; indemnity_cents: number }
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Facture de pénalités n° ${id} introuvable.`);
  return { number: row.number, invoiceId: Number(row.invoice_id), date: row.date, total: centsToString(BigInt(row.interest_cents) + BigInt(row.indemnity_cents)) };
}

function penaltyText(db: Db, company: { name: string }, penaltyId: number): MailText {
  const p = penaltyRow(db, penaltyId);
  const late = readInvoice(db, p.invoiceId);
  return {
    invoiceId: p.invoiceId,
    customerId: late.customerId,
    subject: `Facture de pénalités ${p.number} — ${company.name}`,
    body: [
      'Bonjour,',
      `Veuillez trouver ci-joint notre facture de pénalités de retard ${p.number} du ${formatDateLong(p.date)}, d’un montant de ${formatEuro(p.total)}, relative au paiement tardif de notre facture ${late.number ?? ''}. Elle est payable à réception.`,
      'Nous restons à votre disposition pour toute question.',
      signature(company),
    ].join('\n\n'),
  };
}

interface MailText {
  invoiceId?: number;
  customerId: number;
  subject: string;
  body: string;
  dunning?: { invoiceId: number; step: string; asOf: string };
}

/** Subject, body and history of each kind: the dunning templates for a letter, a plain French mail otherwise. */
function textOf(ctx: HandlerContext, doc: MailDocumentRequest): MailText {
  const { db, company } = ctx;
  switch (doc.kind) {
    case 'invoice': {
      const penalty = penaltyInvoiceIdOf(db, doc.id);
      if (penalty !== undefined) return penaltyText(db, company, penalty);
      const inv = readInvoice(db, doc.id);
      if (inv.status === 'draft' || !inv.number) {
        throw new AppError('CONFLICT', 'Un brouillon de facture ne s’envoie pas : validez d’abord la facture (elle reçoit alors son numéro).', { document: 'Facture en brouillon.' });
      }
      return {
        invoiceId: inv.id,
        customerId: inv.customerId,
        subject: `Facture ${inv.number} — ${company.name}`,
        body: [
          'Bonjour,',
          `Veuillez trouver ci-joint notre facture ${inv.number} du ${formatDateLong(inv.date)}, d’un montant de ${formatEuro(inv.totals.gross)} TTC, à régler au plus tard le ${formatDateLong(inv.dueDate)}.`,
          'Nous restons à votre disposition pour toute question.',
          signature(company),
        ].join('\n\n'),
      };
    }
    case 'creditNote': {
      const note = readCreditNote(db, doc.id);
      if (note.status === 'draft' || !note.number) {
        throw new AppError('CONFLICT', 'Un brouillon d’avoir ne s’envoie pas : validez d’abord l’avoir (il reçoit alors son numéro).', { document: 'Avoir en brouillon.' });
      }
      return {
        invoiceId: note.invoiceId,
        customerId: note.customerId,
        subject: `Avoir ${note.number} — ${company.name}`,
        body: [
          'Bonjour,',
          `Veuillez trouver ci-joint notre avoir ${note.number} du ${formatDateLong(note.date)}, d’un montant de ${formatEuro(note.totals.gross)} TTC, sur notre facture ${note.invoiceNumber}.`,
          'Nous restons à votre disposition pour toute question.',
          signature(company),
        ].join('\n\n'),
      };
    }
    case 'dunningLetter': {
      if (!doc.step) {
        const message = 'Indiquez l’étape de relance (step) du courrier à envoyer.';
        throw new AppError('VALIDATION', message, { 'document.step': message });
      }
      const asOf = doc.asOf ?? ctx.today();
      const mail = dunningEmail(db, company, doc.id, doc.step, asOf);
      const inv = readInvoice(db, doc.id);
      return { invoiceId: inv.id, customerId: inv.customerId, subject: mail.subject, body: mail.body, dunning: { invoiceId: inv.id, step: doc.step, asOf } };
    }
    case 'penaltyInvoice':
      return penaltyText(db, company, doc.id);
    case 'statement': {
      const customer = requireCustomer(db, doc.id);
      const to = doc.asOf ?? ctx.today();
      const { closing } = customerStatement(db, customer.id, accountMap(db), ctx.today(), doc.from, to);
      const cents = toCents(closing);
      const balance =
        cents > 0n
          ? `Sauf erreur de notre part, le solde de votre compte s’élève à ${formatEuro(closing)} au ${formatDateLong(to)}. Le détail des factures restant à régler figure sur le relevé.`
          : cents < 0n
            ? `Votre compte présente un solde de ${formatEuro(-cents)} en votre faveur au ${formatDateLong(to)}.`
            : `Votre compte est soldé au ${formatDateLong(to)}.`;
      return {
        customerId: customer.id,
        subject: `Relevé de compte ${customer.code ?? ''} — ${company.name}`,
        body: ['Bonjour,', `Veuillez trouver ci-joint le relevé de votre compte${doc.from ? ` du ${formatDateLong(doc.from)}` : ''} au ${formatDateLong(to)}.`, balance, 'Nous restons à votre disposition pour toute question.', signature(company)].join('\n\n'),
      };
    }
    case 'quote': {
      const quote = readQuote(db, doc.id, ctx.today());
      if (!quote.number) {
        throw new AppError('CONFLICT', 'Un brouillon de devis ne s’envoie pas : émettez d’abord le devis (il reçoit alors son numéro).', { document: 'Devis en brouillon.' });
      }
      return {
        customerId: quote.customerId,
        subject: `Devis ${quote.number} — ${company.name}`,
        body: [
          'Bonjour,',
          `Veuillez trouver ci-joint notre devis ${quote.number} du ${formatDateLong(quote.date)}, d’un montant de ${formatEuro(quote.totals.gross)} TTC, valable jusqu’au ${formatDateLong(quote.validUntil)}.`,
          'Pour l’accepter, retournez-le-nous daté et signé avec la mention « bon pour accord ». Nous restons à votre disposition pour toute question.',
          signature(company),
        ].join('\n\n'),
      };
    }
    case 'plan': {
      const plan = planState(db, doc.id, doc.asOf ?? ctx.today());
      const first = plan.instalments[0];
      const numbers = plan.invoices.map((i) => i.number).join(', ');
      return {
        ...(plan.invoices[0] ? { invoiceId: plan.invoices[0].invoiceId } : {}),
        customerId: plan.customerId,
        subject: `Échéancier de paiement — ${company.name}`,
        body: [
          'Bonjour,',
          `Comme convenu, veuillez trouver ci-joint l’échéancier de paiement de ${plan.invoices.length > 1 ? 'nos factures' : 'notre facture'} ${numbers} : ${formatEuro(plan.total)} en ${plan.instalments.length} échéance${plan.instalments.length > 1 ? 's' : ''}${first ? `, la première de ${formatEuro(first.amount)} au ${formatDateLong(first.date)}` : ''}.`,
          'Merci de nous le retourner signé avec la mention « bon pour accord ».',
          signature(company),
        ].join('\n\n'),
      };
    }
  }
}

/**
 * The mail of a document: its PDF drawn by the same function as `document.render` (same bytes), the
 * subject and body from the templates, the recipient from the customer unless the owner gave another.
 * Reads only.
 */
export async function composeMail(
  ctx: HandlerContext,
  doc: MailDocumentRequest,
  overrides: { to?: string | undefined; subject?: string | undefined; body?: string | undefined } = {},
): Promise<ComposedMail> {
  // A penalty invoice asked for as the receivable it is (its invoice screen) is the penalty invoice: the
  // same PDF, and the history says what it was.
  const penalty = doc.kind === 'invoice' ? penaltyInvoiceIdOf(ctx.db, doc.id) : undefined;
  if (penalty !== undefined) doc = { kind: 'penaltyInvoice', id: penalty };
  const t = textOf(ctx, doc);
  const customer = requireCustomer(ctx.db, t.customerId);
  const asOf = t.dunning?.asOf ?? doc.asOf;
  const { fileName, bytes } = await renderDocument(ctx, { kind: doc.kind, id: doc.id, ...(doc.step ? { step: doc.step } : {}), ...(asOf ? { asOf } : {}), ...(doc.from ? { from: doc.from } : {}) });
  const to = overrides.to ?? customer.email;
  const body = overrides.body !== undefined && overrides.body.trim() !== '' ? overrides.body : t.body;
  return {
    document: { kind: doc.kind, id: doc.id, ...(doc.step ? { step: doc.step } : {}) },
    ...(t.invoiceId !== undefined ? { invoiceId: t.invoiceId } : {}),
    customerId: t.customerId,
    ...(to ? { to } : {}),
    subject: overrides.subject ?? t.subject,
    body,
    attachment: { fileName, bytes, sha256: sha256(bytes) },
    ...(t.dunning ? { dunning: t.dunning } : {}),
  };
}
