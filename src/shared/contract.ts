import { Company, CompanyInitRequest, CompanyUpdateRequest } from './domain/company';
import {
  Customer, CustomerCreateRequest, CustomerGetRequest, CustomerList, CustomerListRequest, CustomerUpdateRequest,
} from './domain/customer';
import { AppInfo, Empty } from './domain/common';
import { CompanyUnlockRequest, EncryptionSetRequest, EncryptionSetResult, EncryptionStatus } from './domain/encryption';
import {
  Invoice, InvoiceCreateRequest, InvoiceIdRequest, InvoiceList, InvoiceListRequest, InvoiceUpdateRequest, InvoiceValidateRequest,
} from './domain/invoice';
import {
  AdvanceApplyRequest, AdvanceRefundRequest, CreditNote, CreditNoteCreateRequest, CreditNoteIdRequest, EntryRef, Lettering, LetteringAutoRequest,
  LetteringMatchRequest, LetteringUnmatchRequest, Payment, PaymentCancelRequest, PaymentList, PaymentListRequest, PaymentRecordRequest, PaymentRecoverable,
  PaymentRecoverableRequest, PaymentSettleDifferenceRequest,
} from './domain/payment';
import { Id } from './domain/common';
import {
  DoubtfulCandidates, DoubtfulCandidatesRequest, DoubtfulClassifyRequest, DoubtfulClassifyResult, DoubtfulProvisionRequest, DoubtfulProvisionResult,
  DoubtfulWriteOffRequest, DoubtfulWriteOffResult, Duplicate272Request, Duplicate272Result, Summary272Request, Summary272Result, Evidence, EvidenceAddRequest, EvidenceList, ProvisionMatrix, ProvisionMatrixRequest, ProvisionsReport,
  ProvisionsReportRequest, DoubtfulList, DoubtfulListRequest, DoubtfulPreview, DoubtfulApplyRequest, DoubtfulApplyResult, DoubtfulPreviewRequest,
} from './domain/doubtful';
import { ImportRequest, ImportResult } from './domain/import';
import { Aging, AgingRequest, CustomerStatement, CustomerStatementRequest, Dso, DsoRequest, VatReceipts, VatReceiptsRequest, VatReport, VatReportRequest } from './domain/reports';
import {
  AccountCreateRequest, AccountList, AccountSetRoleRequest, BackupCreateRequest, BackupCreateResult, Entry, FiscalYear, FiscalYearList,
  GeneralLedger, GeneralLedgerRequest, LedgerEntries, LedgerEntriesRequest, LedgerEntryDetail, LedgerEntryRequest, LedgerPostRequest,
  PeriodCloseRequest, PeriodCloseResult, TrialBalance, TrialBalanceRequest, VerifyReport,
} from './domain/ledger';
import { BackupList, FecExportRequest, FecExportResult, JobStatus, JobStatusRequest } from './domain/ledger';
import { DocumentCreditNoteRequest, DocumentFacturxBatchRequest, DocumentFacturxBatchResult, DocumentInvoiceRequest, DocumentRenderRequest, DocumentRenderResult, DocumentResult } from './domain/document';
import {
  DunningDue, DunningDueRequest, DunningEmail, DunningEmailRequest, DunningHistory, DunningHistoryRequest, DunningAction, DunningLetterRequest, DunningLetterResult,
  DunningRecordRequest, DunningScenario, DunningScenarioSetRequest, DunningTemplates, DunningTemplatesSetRequest, PaymentPlan, PaymentPlanCancelRequest,
  PaymentPlanCreateRequest, PaymentPlanList, PaymentPlanListRequest, PenaltyComputation, PenaltyComputeRequest, PenaltyInvoiceRequest, PenaltyInvoiceResult,
  PenaltyRates, PenaltyRateSetRequest, PenaltyDocumentRequest, PenaltyDocumentResult,
} from './domain/dunning';
import { PreviewRequest, PreviewResult } from './domain/preview';
import { Quote, QuoteCreateRequest, QuoteIdRequest, QuoteInvoiceRequest, QuoteInvoiceResult, QuoteList, QuoteListRequest, QuoteSetStatusRequest, QuoteUpdateRequest } from './domain/quote';
import { Article, ArticleCreateRequest, ArticleList, ArticleListRequest, ArticleUpdateRequest } from './domain/article';
import { DialogChooseRequest, DialogChooseResult } from './domain/dialog';
import { BankAutoMatchRequest, BankAutoMatchResult, BankCsvGuessRequest, BankCsvGuessResult, BankIgnoreRequest, BankImportRequest, BankImportResult, BankLine, BankLines, BankLinesRequest, BankMatchRequest, BankReconciliation, BankReconciliationRequest, BankUnmatchRequest } from './domain/bank';
import {
  MailDraftRequest, MailDraftResult, MailHistory, MailHistoryRequest, MailPrepareRequest, MailPreview, MailSendRequest, MailSendResult, MailSettings,
  MailSettingsSetRequest, MailTestResult,
} from './domain/mail';
import { z } from 'zod';
import type { ChannelName as ListedChannelName } from './channels';

export interface ChannelDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
  /** One French sentence: the CLI's `--help` prints it. */
  summary: string;
  /** True for channels that only read: they may run on a read-only handle. */
  readOnly?: boolean;
}

const channel = <Req extends z.ZodType, Res extends z.ZodType>(def: ChannelDef<Req, Res>) => def;

/**
 * Every channel of the domain API (../shared/spec/api.md). The Electron preload, the CLI and the browser
 * harness are all generated from this map; the main process must provide one handler per entry.
 */
export const contract = {
  'app.info': channel({ request: Empty, response: AppInfo, summary: 'Le dossier ouvert, son répertoire et celui des sauvegardes automatiques.', readOnly: true }),
  'company.init': channel({ request: CompanyInitRequest, response: Company, summary: 'Crée le dossier (fichier société) et enregistre l’entreprise.' }),
  'company.get': channel({ request: Empty, response: Company, summary: 'Lit la fiche de l’entreprise.', readOnly: true }),
  'company.update': channel({ request: CompanyUpdateRequest, response: Company, summary: 'Modifie la fiche de l’entreprise.' }),
  'company.unlock': channel({ request: CompanyUnlockRequest, response: EncryptionStatus, summary: 'Ouvre le dossier chiffré avec sa phrase de passe (la CLI : --passphrase-file), et la retient sur cet ordinateur si demandé.', readOnly: true }),
  'company.encryption.set': channel({ request: EncryptionSetRequest, response: EncryptionSetResult, summary: 'Protège le dossier par une phrase de passe (chiffrement SQLCipher 4, sauvegardes comprises), la change, ou la retire (null). La CLI la lit dans --new-passphrase-file.' }),
  'customer.create': channel({ request: CustomerCreateRequest, response: Customer, summary: 'Crée un client et lui attribue son compte auxiliaire (C00001…).' }),
  'customer.update': channel({ request: CustomerUpdateRequest, response: Customer, summary: 'Modifie un client.' }),
  'customer.get': channel({ request: CustomerGetRequest, response: Customer, summary: 'Lit un client.', readOnly: true }),
  'customer.list': channel({ request: CustomerListRequest, response: CustomerList, summary: 'Liste les clients (recherche par nom, code, SIREN, e-mail, ville).', readOnly: true }),
  'invoice.create': channel({ request: InvoiceCreateRequest, response: Invoice, summary: 'Crée une facture (brouillon, ou validée avec validate: true).' }),
  'invoice.update': channel({ request: InvoiceUpdateRequest, response: Invoice, summary: 'Modifie un brouillon de facture.' }),
  'invoice.delete': channel({ request: InvoiceIdRequest, response: z.object({ deleted: z.number().int() }), summary: 'Supprime un brouillon de facture (une facture validée ne se supprime jamais).' }),
  'invoice.validate': channel({ request: InvoiceValidateRequest, response: Invoice, summary: 'Valide un brouillon : numéro de la série continue et écriture au journal des ventes.' }),
  'invoice.get': channel({ request: InvoiceIdRequest, response: Invoice, summary: 'Lit une facture, avec ce qui est réglé et ce qui reste dû d’après les comptes.', readOnly: true }),
  'invoice.list': channel({ request: InvoiceListRequest, response: InvoiceList, summary: 'Liste les factures (client, statut, période, recherche).', readOnly: true }),
  'creditNote.create': channel({ request: CreditNoteCreateRequest, response: CreditNote, summary: 'Crée un avoir sur une facture (sans lignes : tout le reste dû), jamais au-delà du reste dû.' }),
  'creditNote.validate': channel({ request: CreditNoteIdRequest, response: CreditNote, summary: 'Valide un avoir : numéro de la série AV et écriture au journal des ventes.' }),
  'creditNote.get': channel({ request: CreditNoteIdRequest, response: CreditNote, summary: 'Lit un avoir.', readOnly: true }),
  'payment.record': channel({ request: PaymentRecordRequest, response: Payment, summary: 'Enregistre un règlement reçu, réparti sur les factures (les plus anciennes d’abord), l’excédent en avance.' }),
  'payment.get': channel({ request: z.strictObject({ id: Id }), response: Payment, summary: 'Lit un règlement et sa répartition.', readOnly: true }),
  'advance.apply': channel({ request: AdvanceApplyRequest, response: EntryRef, summary: 'Impute une avance du client sur une facture.' }),
  'advance.refund': channel({ request: AdvanceRefundRequest, response: EntryRef, summary: 'Rembourse au client son avance.' }),
  'lettering.match': channel({ request: LetteringMatchRequest, response: Lettering, summary: 'Lettre des lignes d’un même compte client qui se soldent.' }),
  'lettering.unmatch': channel({ request: LetteringUnmatchRequest, response: z.object({ code: z.string() }), summary: 'Délettre un ensemble de lignes (les écritures restent inchangées).' }),
  'lettering.auto': channel({ request: LetteringAutoRequest, response: z.object({ matched: z.number().int() }), summary: 'Lettre automatiquement ce qui se rapproche sans ambiguïté.' }),
  'report.aging': channel({ request: AgingRequest, response: Aging, summary: 'Balance âgée à une date : par client, le non échu et le retard par tranche de jours.', readOnly: true }),
  'report.dso': channel({ request: DsoRequest, response: Dso, summary: 'Délai moyen de paiement des clients (ratio, moyenne ou countback).', readOnly: true }),
  'report.customerStatement': channel({ request: CustomerStatementRequest, response: CustomerStatement, summary: 'Relevé de compte d’un client, avec lettrage et factures ouvertes.', readOnly: true }),
  'report.vat': channel({ request: VatReportRequest, response: VatReport, summary: 'TVA collectée par taux, TVA en attente d’encaissement, régularisations.', readOnly: true }),
  'report.vatReceipts': channel({ request: VatReceiptsRequest, response: VatReceipts, summary: 'Les encaissements des factures sous TVA sur les encaissements de la période (statut « Encaissée ») : facture, date, montant encaissé, taux, base et TVA collectée ; aussi en CSV.', readOnly: true }),
  'import.customers': channel({ request: ImportRequest, response: ImportResult, summary: 'Importe des clients depuis un CSV (; ou ,) : aperçu et erreurs ligne par ligne, rien d’écrit si une ligne est fausse.' }),
  'import.openInvoices': channel({ request: ImportRequest, response: ImportResult, summary: 'Reprend les factures ouvertes de l’ancien logiciel depuis un CSV, tout ou rien.' }),
  'doubtful.candidates': channel({ request: DoubtfulCandidatesRequest, response: DoubtfulCandidates, summary: 'Les factures en retard au-delà d’un seuil (90 jours par défaut), avec les signaux de risque.', readOnly: true }),
  'doubtful.classify': channel({ request: DoubtfulClassifyRequest, response: DoubtfulClassifyResult, summary: 'Classe des factures en créances douteuses ou litigieuses (411 → 416).' }),
  'doubtful.provision': channel({ request: DoubtfulProvisionRequest, response: DoubtfulProvisionResult, summary: 'Estime la dépréciation d’une facture et ne passe que la variation (dotation ou reprise).' }),
  'doubtful.writeOff': channel({ request: DoubtfulWriteOffRequest, response: DoubtfulWriteOffResult, summary: 'Passe une créance en perte, régularise la TVA et reprend la dépréciation.' }),
  'doubtful.provisionMatrix': channel({ request: ProvisionMatrixRequest, response: ProvisionMatrix, summary: 'Applique des taux par ancienneté aux créances, à titre indicatif (n’écrit rien).', readOnly: true }),
  'doubtful.duplicate272': channel({ request: Duplicate272Request, response: Duplicate272Result, summary: 'Le duplicata article 272 (PDF) de la facture impayée, qui permet de récupérer la TVA.', readOnly: true }),
  'doubtful.summary272': channel({ request: Summary272Request, response: Summary272Result, summary: 'L’état récapitulatif article 272 (PDF) des factures impayées d’un client.', readOnly: true }),
  'evidence.add': channel({ request: EvidenceAddRequest, response: Evidence, summary: 'Ajoute une pièce justificative à une facture (copie du fichier, empreinte).' }),
  'evidence.list': channel({ request: z.strictObject({ invoiceId: Id }), response: EvidenceList, summary: 'Les pièces justificatives d’une facture.', readOnly: true }),
  'report.provisions': channel({ request: ProvisionsReportRequest, response: ProvisionsReport, summary: 'État des dépréciations, facture par facture, à une date.', readOnly: true }),
  'doubtful.list': channel({ request: DoubtfulListRequest, response: DoubtfulList, summary: 'Les créances douteuses en cours, avec leur dépréciation, leur dernière estimation et leurs pièces.', readOnly: true }),
  'doubtful.apply': channel({ request: DoubtfulApplyRequest, response: DoubtfulApplyResult, summary: 'Classe des factures et passe leurs dépréciations en une seule transaction : tout ou rien.' }),
  'doubtful.preview': channel({ request: DoubtfulPreviewRequest, response: DoubtfulPreview, summary: 'Les écritures qu’un classement, une dépréciation ou un passage en perte passerait (n’écrit rien).', readOnly: true }),
  'account.list': channel({ request: Empty, response: AccountList, summary: 'Le plan comptable de l’entreprise et le compte choisi pour chaque rôle.', readOnly: true }),
  'account.create': channel({ request: AccountCreateRequest, response: z.object({ number: z.string(), label: z.string(), custom: z.boolean() }), summary: 'Crée un sous-compte (ex. 706100) sous un compte du plan comptable.' }),
  'account.setRole': channel({ request: AccountSetRoleRequest, response: z.object({ role: z.string(), label: z.string(), account: z.string(), default: z.string() }), summary: 'Choisit le compte utilisé pour un rôle (banque, ventes…).' }),
  'ledger.post': channel({ request: LedgerPostRequest, response: Entry, summary: 'Passe une écriture manuelle (OD, banque, caisse), contrôlée comme toutes les autres.' }),
  'ledger.entries': channel({ request: LedgerEntriesRequest, response: LedgerEntries, summary: 'Les écritures validées, filtrées par période, journal, compte ou client.', readOnly: true }),
  'ledger.entry': channel({ request: LedgerEntryRequest, response: LedgerEntryDetail, summary: 'Une écriture, avec l’état de son empreinte.', readOnly: true }),
  'ledger.verify': channel({ request: Empty, response: VerifyReport, summary: 'Contrôle l’intégrité du journal : équilibre, numérotation, chaînage des empreintes, documents scellés, tête de chaîne gardée hors du fichier et aux clôtures, liens entre tables, totaux conservés.', readOnly: true }),
  'report.trialBalance': channel({ request: TrialBalanceRequest, response: TrialBalance, summary: 'Balance générale (option byAux : par client).', readOnly: true }),
  'report.generalLedger': channel({ request: GeneralLedgerRequest, response: GeneralLedger, summary: 'Grand livre d’un compte (et d’un client).', readOnly: true }),
  'fiscalYear.list': channel({ request: Empty, response: FiscalYearList, summary: 'Les exercices et leur état.', readOnly: true }),
  'fiscalYear.createNext': channel({ request: Empty, response: FiscalYear, summary: 'Ouvre l’exercice suivant (douze mois après le dernier).' }),
  'period.close': channel({ request: PeriodCloseRequest, response: PeriodCloseResult, summary: 'Clôture un exercice (irréversible) et passe les à-nouveaux du suivant.' }),
  'backup.create': channel({ request: BackupCreateRequest, response: BackupCreateResult, summary: 'Enregistre une copie complète et cohérente du dossier.' }),
  'backup.list': channel({ request: Empty, response: BackupList, summary: 'Les sauvegardes automatiques du dossier ouvert, la plus récente d’abord.', readOnly: true }),
  'export.fec': channel({ request: FecExportRequest, response: FecExportResult, summary: 'Exporte le fichier des écritures comptables (FEC, art. A47 A-1 du LPF) d’un exercice.', readOnly: true }),
  'job.status': channel({ request: JobStatusRequest, response: JobStatus, summary: 'Avancement d’une opération longue lancée avec un jobId (export du FEC).', readOnly: true }),
  'document.invoice': channel({ request: DocumentInvoiceRequest, response: DocumentResult, summary: 'Enregistre la facture en PDF avec toutes ses mentions obligatoires (un brouillon porte « BROUILLON — sans valeur ») ; format « facturx » : en Factur-X (PDF/A-3 portant le XML EN 16931), facture validée seulement.', readOnly: true }),
  'document.creditNote': channel({ request: DocumentCreditNoteRequest, response: DocumentResult, summary: 'Enregistre l’avoir en PDF ; il cite la facture qu’il corrige. Format « facturx » : en Factur-X (PDF/A-3 portant le XML EN 16931).', readOnly: true }),
  'document.render': channel({ request: DocumentRenderRequest, response: DocumentRenderResult, summary: 'Le PDF d’un document (facture, avoir, duplicata ou état article 272, lettre de relance, facture de pénalités, relevé de compte, échéancier, devis) en base64, pour l’aperçu, l’impression et l’enregistrement ; format « facturx » pour une facture, un avoir ou une facture de pénalités ; n’écrit rien.', readOnly: true }),
  'document.facturxBatch': channel({ request: DocumentFacturxBatchRequest, response: DocumentFacturxBatchResult, summary: 'Enregistre dans un dossier un fichier Factur-X par facture, facture de pénalités et avoir validés de la période, pour la plateforme agréée ; un document refusé (un SIREN manquant…) est indiqué avec sa raison, les autres sont écrits.', readOnly: true }),
  'dunning.due': channel({ request: DunningDueRequest, response: DunningDue, summary: 'Les relances à faire à une date : pour chaque facture en retard, l’étape du scénario qui est due et les pénalités à ce jour.', readOnly: true }),
  'dunning.record': channel({ request: DunningRecordRequest, response: DunningAction, summary: 'Enregistre une relance faite sur une facture (courrier, e-mail, appel, promesse) ; une relance écrite ou une mise en demeure devient une pièce justificative.' }),
  'dunning.history': channel({ request: DunningHistoryRequest, response: DunningHistory, summary: 'L’historique des relances d’une facture ou d’un client, par date.', readOnly: true }),
  'dunning.letter': channel({ request: DunningLetterRequest, response: DunningLetterResult, summary: 'Enregistre en PDF la lettre de relance ou la mise en demeure d’une facture, avec les pénalités à ce jour.', readOnly: true }),
  'dunning.email': channel({ request: DunningEmailRequest, response: DunningEmail, summary: 'Le texte de l’e-mail de relance d’une facture, à copier.', readOnly: true }),
  'dunning.scenario.get': channel({ request: Empty, response: DunningScenario, summary: 'Les étapes de relance, pour les professionnels et pour les particuliers.', readOnly: true }),
  'dunning.scenario.set': channel({ request: DunningScenarioSetRequest, response: DunningScenario, summary: 'Modifie les étapes de relance (délais comptés depuis l’échéance).' }),
  'dunning.templates.get': channel({ request: Empty, response: DunningTemplates, summary: 'Les modèles de lettres et d’e-mails de relance, par nature d’étape, et leurs variables.', readOnly: true }),
  'dunning.templates.set': channel({ request: DunningTemplatesSetRequest, response: DunningTemplates, summary: 'Modifie des modèles de lettres et d’e-mails de relance (variables entre accolades).' }),
  'penalty.rates.list': channel({ request: Empty, response: PenaltyRates, summary: 'Les taux des pénalités de retard par semestre (BCE + 10 points), avec le taux de l’intérêt légal et le plancher.', readOnly: true }),
  'penalty.rates.set': channel({ request: PenaltyRateSetRequest, response: PenaltyRates, summary: 'Saisit ou corrige le taux d’un semestre (jamais sous 3 fois le taux de l’intérêt légal).' }),
  'penalty.compute': channel({ request: PenaltyComputeRequest, response: PenaltyComputation, summary: 'Calcule au centime les intérêts de retard d’une facture à une date, et l’indemnité de 40 € entre professionnels.', readOnly: true }),
  'penalty.invoice': channel({ request: PenaltyInvoiceRequest, response: PenaltyInvoiceResult, summary: 'Facture les pénalités de retard d’une facture (série PEN, hors champ de la TVA) : D 411 / C 7631.' }),
  'penalty.document': channel({ request: PenaltyDocumentRequest, response: PenaltyDocumentResult, summary: 'Enregistre en PDF une facture de pénalités (série PEN).', readOnly: true }),
  'paymentPlan.create': channel({ request: PaymentPlanCreateRequest, response: PaymentPlan, summary: 'Crée un échéancier : le reste dû de factures d’un client réparti en échéances datées.' }),
  'paymentPlan.list': channel({ request: PaymentPlanListRequest, response: PaymentPlanList, summary: 'Les échéanciers d’une facture ou d’un client, avec ce qui est réglé et les échéances manquées.', readOnly: true }),
  'paymentPlan.cancel': channel({ request: PaymentPlanCancelRequest, response: PaymentPlan, summary: 'Annule un échéancier : les relances reprennent sur les échéances des factures.' }),
  'payment.cancel': channel({ request: PaymentCancelRequest, response: Payment, summary: 'Annule un règlement par contre-passation (avec son avoir d’escompte), son lettrage défait : ses factures sont de nouveau dues, à régler par un nouvel enregistrement.' }),
  'payment.list': channel({ request: PaymentListRequest, response: PaymentList, summary: 'Les règlements, le plus récent d’abord (client, état, recherche par client, référence ou montant).', readOnly: true }),
  'payment.recoverable': channel({ request: PaymentRecoverableRequest, response: PaymentRecoverable, summary: 'Les factures d’un client passées en perte sur lesquelles un règlement peut encore être une rentrée (7583).', readOnly: true }),
  'payment.settleDifference': channel({ request: PaymentSettleDifferenceRequest, response: Payment, summary: 'Solde l’écart de règlement qu’un règlement a laissé, dans la limite du seuil de l’entreprise : le reste dû de ses factures en charge (658), ou son petit excédent en produit (758).' }),
  'bank.import': channel({ request: BankImportRequest, response: BankImportResult, summary: 'Importe un relevé bancaire du compte 512 (OFX, CAMT.053 ou CSV, en euros ; contentBase64, 20 Mo au plus) : chaque opération n’est enregistrée qu’une fois, même si le fichier est réimporté ou chevauche un relevé déjà importé.' }),
  'bank.lines': channel({ request: BankLinesRequest, response: BankLines, summary: 'Les opérations bancaires importées (d’un relevé, d’un statut) ; avec, pour chaque encaissement à traiter, les factures ouvertes qu’il peut régler (confiance 0–100 et raison), les plus sûres d’abord.', readOnly: true }),
  'bank.match': channel({ request: BankMatchRequest, response: BankLine, summary: 'Rapproche un encaissement de factures : enregistre le règlement (virement, à la date de l’opération, l’excédent en avance) et retient l’IBAN du client.' }),
  'bank.autoMatch': channel({ request: BankAutoMatchRequest, response: BankAutoMatchResult, summary: 'Accepte en une fois les suggestions sûres (confiance ≥ 90 par défaut : référence et montant concordent), chaque opération et chaque reste dû au plus une fois.' }),
  'bank.unmatch': channel({ request: BankUnmatchRequest, response: BankLine, summary: 'Défait un rapprochement : le règlement (ou l’écriture passée à la main pour l’opération) est annulé par contre-passation, l’opération est de nouveau à traiter.' }),
  'bank.ignore': channel({ request: BankIgnoreRequest, response: BankLine, summary: 'Écarte une opération du rapprochement (ignored), ou la reprend (to_process).' }),
  'bank.reconciliation': channel({ request: BankReconciliationRequest, response: BankReconciliation, summary: 'Le rapprochement bancaire à une date : solde du relevé, solde du 512, et l’écart expliqué ligne à ligne (opérations de la banque non comptabilisées, écritures du 512 pas encore passées en banque), avec le contrôle que l’explication fait bien l’écart.', readOnly: true }),
  'bank.csvGuess': channel({ request: BankCsvGuessRequest, response: BankCsvGuessResult, summary: 'Lit l’en-tête et les premières lignes d’un relevé CSV et propose la correspondance des colonnes (date, libellé, montant ou débit/crédit).', readOnly: true }),
  'mail.settings.get': channel({ request: Empty, response: MailSettings, summary: 'Le compte d’envoi des e-mails (serveur SMTP, port, sécurité, identifiant, expéditeur) ; jamais le mot de passe.', readOnly: true }),
  'mail.settings.set': channel({ request: MailSettingsSetRequest, response: MailSettings, summary: 'Enregistre le compte d’envoi des e-mails (SMTP). Le mot de passe n’est jamais écrit dans le dossier : la fenêtre le confie au trousseau du système, la CLI le lit dans ENCOURS_SMTP_PASSWORD (ou le fichier ENCOURS_SMTP_PASSWORD_FILE).' }),
  'mail.test': channel({ request: Empty, response: MailTestResult, summary: 'Tester la connexion : se connecte au serveur SMTP et s’identifie, sans rien envoyer.', readOnly: true }),
  'mail.prepare': channel({ request: MailPrepareRequest, response: MailPreview, summary: 'L’e-mail d’un document tel qu’il partirait (expéditeur, destinataire, objet, texte, pièce jointe), à relire avant l’envoi ; n’écrit rien.', readOnly: true }),
  'mail.send': channel({ request: MailSendRequest, response: MailSendResult, summary: 'Envoie un document (facture, avoir, relance, mise en demeure, facture de pénalités) en PDF joint par le serveur SMTP du compte, puis l’inscrit à l’historique de la facture (et, pour une relance, comme relance faite).' }),
  'mail.draft': channel({ request: MailDraftRequest, response: MailDraftResult, summary: 'Prépare un e-mail (.eml, PDF joint, en base64) que la messagerie ouvre, sans réseau ; rien n’est inscrit comme envoyé.', readOnly: true }),
  'mail.history': channel({ request: MailHistoryRequest, response: MailHistory, summary: 'Les e-mails envoyés, d’une facture ou d’un client : date, destinataire, Message-ID, empreinte de la pièce jointe.', readOnly: true }),
  'article.create': channel({ request: ArticleCreateRequest, response: Article, summary: 'Ajoute un article au catalogue (description, nature, unité, prix HT, taux de TVA, compte de produits) pour le reprendre sur les factures.' }),
  'article.update': channel({ request: ArticleUpdateRequest, response: Article, summary: 'Modifie ou archive un article ; les factures déjà faites gardent leurs lignes telles qu’elles sont.' }),
  'article.list': channel({ request: ArticleListRequest, response: ArticleList, summary: 'Le catalogue des articles, recherche par référence ou description (les archivés sur demande).', readOnly: true }),
  'quote.create': channel({ request: QuoteCreateRequest, response: Quote, summary: 'Crée un devis (brouillon, ou émis avec son numéro de la série D avec validate: true) ; un devis ne passe aucune écriture.' }),
  'quote.update': channel({ request: QuoteUpdateRequest, response: Quote, summary: 'Modifie un brouillon de devis.' }),
  'quote.delete': channel({ request: QuoteIdRequest, response: z.object({ deleted: z.number().int() }), summary: 'Supprime un brouillon de devis (un devis numéroté ne se supprime pas : il est refusé ou expire).' }),
  'quote.get': channel({ request: QuoteIdRequest, response: Quote, summary: 'Lit un devis, ses factures d’acompte et sa facture finale.', readOnly: true }),
  'quote.list': channel({ request: QuoteListRequest, response: QuoteList, summary: 'Liste les devis (client, statut, recherche).', readOnly: true }),
  'quote.setStatus': channel({ request: QuoteSetStatusRequest, response: Quote, summary: 'Émet (numéro D), accepte ou refuse un devis ; « expiré » et « facturé » se déduisent des faits.' }),
  'quote.invoice': channel({ request: QuoteInvoiceRequest, response: QuoteInvoiceResult, summary: 'Facture un devis accepté : une facture d’acompte (pourcentage ou montant HT, au compte 4191) ou la facture finale, qui déduit tous les acomptes facturés.' }),
  preview: channel({ request: PreviewRequest, response: PreviewResult, summary: 'Aperçu d’une opération qui écrit : la même opération, annulée aussitôt ; les écritures qu’elle passerait et sa réponse.', readOnly: true }),
  'dialog.chooseFile': channel({ request: DialogChooseRequest, response: DialogChooseResult, summary: 'Ouvre la boîte de dialogue du système pour choisir où enregistrer (FEC, PDF, copie du dossier) ou la pièce à joindre, et rend un jeton à passer une fois dans output ou file : la fenêtre ne désigne jamais un chemin elle-même. En ligne de commande, indiquez le chemin.', readOnly: true }),
} as const satisfies Record<ListedChannelName, ChannelDef>;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
/** What a caller may send (before parsing: "1 234,50" is fine). */
export type RequestInput<C extends ChannelName> = z.input<Contract[C]['request']>;
/** What a handler receives (after parsing: canonical values). */
export type Request<C extends ChannelName> = z.output<Contract[C]['request']>;
export type Response<C extends ChannelName> = z.output<Contract[C]['response']>;

/** The channels a handler answers: `preview` is the dispatcher's own (any posting channel, rolled back). */
export type HandledChannel = Exclude<ChannelName, 'preview'>;

/** A handler table: leaving a channel out, or returning the wrong shape, is a compile error. */
export type Handlers<Ctx> = {
  [C in HandledChannel]: (ctx: Ctx, request: Request<C>) => Response<C> | Promise<Response<C>>;
};

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

// The plain list in channels.ts (used by the preload, which must not bundle zod) and this map must agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelListMatchesContract: Same<ChannelName, ListedChannelName> = true;
void channelListMatchesContract;
