import type { Handlers } from '../../shared/contract';
import { companyHandlers } from './company/company-service';
import type { HandlerContext } from './context';
import { customerHandlers } from './customers/customer-service';
import { appHandlers } from './app-info';
import { backupHandlers } from './backup';
import { encryptionHandlers } from './encryption-service';
import { ledgerHandlers } from './ledger/ledger-service';
import { invoiceHandlers } from './receivables/invoice-service';
import { receivablesHandlers } from './receivables/receivables-service';
import { paymentHandlers } from './receivables/payment-service';
import { doubtfulHandlers } from './doubtful/doubtful-service';
import { article272Handlers } from './doubtful/article-272-service';
import { fecHandlers } from './ledger/fec';
import { jobHandlers } from './jobs';
import { printingHandlers } from './printing/printing-service';
import { dunningHandlers } from './dunning/dunning-service';
import { dialogHandlers } from './files/path-gate';
import { bankHandlers, cancelReleasingBankLine, postLinkingBankLine } from './bank/bank-service';
import { mailHandlers } from './mail/mail-service';
import { articleHandlers } from './catalogue/article-service';
import { quoteHandlers } from './quotes/quote-service';

/**
 * The handler table: one function per contract channel, shared by Electron IPC, the CLI and the
 * harness. `satisfies` makes a channel without a handler a compile error.
 */
export const handlers = {
  ...appHandlers,
  ...companyHandlers,
  ...encryptionHandlers,
  ...customerHandlers,
  ...invoiceHandlers,
  ...receivablesHandlers,
  ...doubtfulHandlers,
  ...article272Handlers,
  ...ledgerHandlers,
  ...backupHandlers,
  ...fecHandlers,
  ...jobHandlers,
  ...printingHandlers,
  ...dunningHandlers,
  ...paymentHandlers,
  ...dialogHandlers,
  ...bankHandlers,
  ...mailHandlers,
  ...articleHandlers,
  ...quoteHandlers,
  // A payment recorded from a bank line, cancelled: the line is to be processed again.
  'payment.cancel': cancelReleasingBankLine(paymentHandlers['payment.cancel']),
  // A manual entry that posts a bank line (bank fees, a supplier): the line is matched to it.
  'ledger.post': postLinkingBankLine(ledgerHandlers['ledger.post']),
} satisfies Handlers<HandlerContext>;
