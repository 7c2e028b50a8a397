import AddIcon from '@mui/icons-material/Add';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import AutoFixHighIcon from '@mui/icons-material/AutoFixHigh';
import EditIcon from '@mui/icons-material/Edit';
import EmailIcon from '@mui/icons-material/Email';
import LinkIcon from '@mui/icons-material/Link';
import PaymentsIcon from '@mui/icons-material/Payments';
import PrintIcon from '@mui/icons-material/Print';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MuiLink from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { Response } from '../../../shared/contract';
import { formatDateShort } from '../../../shared/dates';
import { Dec, formatEuro } from '../../../shared/money';
import { useCustomer } from '../../components/CustomerSelect';
import { ErrorDialog } from '../../components/ErrorDialog';
import { errorMessage } from '../../components/form/serverErrors';
import { PageHeader } from '../../components/PageHeader';
import { usePdfPreview } from '../../components/pdf/PdfPreviewDialog';
import { SendMailDialog } from '../mail/SendMailDialog';
import { call } from '../../lib/ipc';
import { amountSx, euroOrBlank, euroReport } from '../../lib/format';
import { statusColors } from '../../theme';
import { DunningHistoryPanel } from '../dunning/History';
import { useAccountBook } from '../../components/accountBook';
import { receivablesKey, useRefreshAfterPosting } from '../invoices/api';
import { AdvanceDialog, type AdvanceAction } from './AdvanceDialog';
import { CustomerDialog } from './CustomerDialog';

type Statement = Response<'report.customerStatement'>;
type Row = Statement['rows'][number];

function useStatement(customerId: number | null) {
  return useQuery({
    queryKey: [...receivablesKey, 'statement', customerId],
    queryFn: () => call('report.customerStatement', { customerId: customerId as number }),
    enabled: customerId !== null,
  });
}

function Figure({ label, value, testId, color, children }: { label: string; value: string; testId: string; color?: string; children?: ReactNode }) {
  return (
    <Paper sx={{ p: 2, flex: 1, minWidth: 180 }}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h2" component="p" sx={{ mt: 0.5, fontVariantNumeric: 'tabular-nums', color }} data-testid={testId}>
        {value}
      </Typography>
      {children}
    </Paper>
  );
}

const sum = (rows: Row[]) => rows.reduce((s, r) => s.plus(r.debit).minus(r.credit), new Dec(0));

/** Le compte d’un client: what they owe invoice by invoice, their statement with its lettering, and matching by hand. */
export function CustomerAccountPage() {
  const { id } = useParams();
  const n = Number(id);
  const customerId = Number.isInteger(n) && n > 0 ? n : null;
  const book = useAccountBook();
  const customer = useCustomer(customerId);
  const statement = useStatement(customerId);
  const refresh = useRefreshAfterPosting();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [unmatching, setUnmatching] = useState<Row | null>(null);
  const [editing, setEditing] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [advanceAction, setAdvanceAction] = useState<AdvanceAction | null>(null);
  const [mailing, setMailing] = useState(false);
  const statementTitle = `Relevé de compte ${statement.data?.customer.code ?? ''}`;
  // Ctrl+P on the account prints its statement (ux.md).
  const pdf = usePdfPreview(customerId ? { request: { kind: 'statement', id: customerId }, title: statementTitle } : null);

  const auto = useMutation({
    mutationFn: () => call('lettering.auto', { customerId: customerId as number }),
    onSuccess: (r) => {
      setNotice(r.matched === 0 ? 'Rien de plus à lettrer sans ambiguïté.' : `${r.matched} lettrage${r.matched > 1 ? 's' : ''} ajouté${r.matched > 1 ? 's' : ''}.`);
      void refresh();
    },
    onError: (err) => setRefusal(errorMessage(err)),
  });
  const match = useMutation({
    mutationFn: (lineIds: number[]) => call('lettering.match', { lineIds }),
    onSuccess: (r) => {
      setSelected(new Set());
      setNotice(`Lignes lettrées sous le code ${r.code}.`);
      void refresh();
    },
    onError: (err) => setRefusal(errorMessage(err)),
  });
  const unmatch = useMutation({
    mutationFn: (r: Row) => call('lettering.unmatch', { code: r.lettering as string, account: r.account, aux: statement.data?.customer.code ?? '' }),
    onSuccess: (r) => {
      setUnmatching(null);
      setNotice(`Lettrage ${r.code} retiré : ses lignes sont de nouveau ouvertes.`);
      void refresh();
    },
    onError: (err) => {
      setUnmatching(null);
      setRefusal(errorMessage(err));
    },
  });

  if (statement.isLoading || customer.isLoading) return <CircularProgress aria-label="Chargement du compte" />;
  const data = statement.data;
  const c = customer.data;
  if (statement.error || !data || !c) {
    return (
      <>
        <PageHeader title="Compte client" />
        <Alert severity="error">{statement.error ? errorMessage(statement.error) : 'Client introuvable.'}</Alert>
      </>
    );
  }

  const rows = data.rows;
  const chosen = rows.filter((r) => selected.has(r.lineId));
  const chosenSum = sum(chosen);
  const sameAccount = new Set(chosen.map((r) => r.account)).size <= 1;
  const advanceRows = rows.filter((r) => r.account === book.map.customerAdvances);
  const advance = sum(advanceRows).neg();
  const overdue = data.openInvoices.filter((i) => i.daysOverdue > 0).reduce((s, i) => s.plus(i.outstanding), new Dec(0));
  const owed = data.openInvoices.reduce((s, i) => s.plus(i.outstanding), new Dec(0));
  const toggle = (lineId: number) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(lineId)) next.delete(lineId);
      else next.add(lineId);
      return next;
    });

  return (
    <>
      <PageHeader
        title={`${data.customer.code} — ${data.customer.name}`}
        subtitle={`Compte client · paiement à ${c.paymentTermsDays} jours${c.creditLimit ? ` · plafond d’encours ${formatEuro(c.creditLimit)}` : ''}`}
        actions={
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Button startIcon={<ArrowBackIcon />} component={Link} to="/clients">
              Clients
            </Button>
            <Button startIcon={<EditIcon />} onClick={() => setEditing(true)}>
              Modifier la fiche
            </Button>
            <Button variant="outlined" startIcon={<PrintIcon />} onClick={() => pdf.show({ kind: 'statement', id: data.customer.id }, statementTitle)}>
              Relevé de compte
            </Button>
            <Button variant="outlined" startIcon={<EmailIcon />} onClick={() => setMailing(true)}>
              Envoyer le relevé
            </Button>
            <Button variant="outlined" startIcon={<AddIcon />} component={Link} to={`/devis/nouveau?client=${data.customer.id}`}>
              Nouveau devis
            </Button>
            <Button variant="outlined" startIcon={<AddIcon />} component={Link} to={`/factures/nouvelle?client=${data.customer.id}`}>
              Nouvelle facture
            </Button>
            <Button variant="contained" startIcon={<PaymentsIcon />} component={Link} to={`/reglements/nouveau?client=${data.customer.id}`}>
              Enregistrer un règlement
            </Button>
          </Stack>
        }
      />
      <Stack direction="row" useFlexGap spacing={2} sx={{ mb: 2, flexWrap: 'wrap' }}>
        <Figure label="Factures à encaisser" value={formatEuro(owed.toFixed(2))} testId="account-owed" />
        <Figure label="Dont en retard" value={formatEuro(overdue.toFixed(2))} testId="account-overdue" color={overdue.gt(0) ? statusColors.overdue : undefined} />
        <Figure label="Avance disponible" value={formatEuro(advance.toFixed(2))} testId="account-advance">
          {advance.gt(0) && (
            <Stack direction="row" spacing={1} sx={{ mt: 0.5, ml: -1 }}>
              {data.openInvoices.length > 0 && (
                <Button size="small" onClick={() => setAdvanceAction('apply')}>
                  Imputer sur une facture
                </Button>
              )}
              <Button size="small" onClick={() => setAdvanceAction('refund')}>
                Rembourser
              </Button>
            </Stack>
          )}
        </Figure>
        <Figure label="Solde du compte" value={euroReport(data.closing)} testId="account-balance" />
      </Stack>

      <Paper component="section" aria-labelledby="open-title" sx={{ mb: 2 }}>
        <Typography variant="h3" id="open-title" sx={{ p: 2, pb: 1 }}>
          Factures non réglées
        </Typography>
        {data.openInvoices.length === 0 ? (
          <Typography color="text.secondary" sx={{ px: 2, pb: 2 }} data-testid="no-open-invoice">
            {noOpenInvoice(new Dec(data.closing))}
          </Typography>
        ) : (
          <Table size="small" aria-label="Factures non réglées">
            <TableHead>
              <TableRow>
                <TableCell>Facture</TableCell>
                <TableCell>Date</TableCell>
                <TableCell>Échéance</TableCell>
                <TableCell sx={amountSx}>Montant TTC</TableCell>
                <TableCell sx={amountSx}>Reste dû</TableCell>
                <TableCell>Retard</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.openInvoices.map((i) => (
                <TableRow key={i.id}>
                  <TableCell>
                    <MuiLink component={Link} to={`/factures/${i.id}`}>
                      {i.number}
                    </MuiLink>
                  </TableCell>
                  <TableCell>{formatDateShort(i.date)}</TableCell>
                  <TableCell>{formatDateShort(i.dueDate)}</TableCell>
                  <TableCell sx={amountSx}>{formatEuro(i.gross)}</TableCell>
                  <TableCell sx={amountSx}>{formatEuro(i.outstanding)}</TableCell>
                  <TableCell>
                    {i.daysOverdue > 0 ? (
                      <Chip size="small" label={`${i.daysOverdue} j`} sx={{ bgcolor: statusColors.overdue, color: '#fff' }} />
                    ) : (
                      <Chip size="small" variant="outlined" label="À échoir" sx={{ color: statusColors.open, borderColor: statusColors.open }} />
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Paper>

      <Box sx={{ mb: 2 }}>
        <DunningHistoryPanel customerId={data.customer.id} onNotice={setNotice} />
      </Box>

      <Paper component="section" aria-labelledby="statement-title">
        <Box sx={{ p: 2, pb: 1, display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
          <Box sx={{ flexGrow: 1 }}>
            <Typography variant="h3" id="statement-title">
              Relevé de compte
            </Typography>
            <Typography variant="body2" color="text.secondary">
              Le lettrage rapproche une facture des règlements et avoirs qui la soldent (même lettre). Cochez des lignes qui se compensent pour les lettrer vous-même.
            </Typography>
          </Box>
          <Button variant="outlined" startIcon={<AutoFixHighIcon />} onClick={() => auto.mutate()} loading={auto.isPending}>
            Lettrage automatique
          </Button>
        </Box>
        {chosen.length > 0 && (
          <Alert
            severity={chosenSum.isZero() && sameAccount && chosen.length >= 2 ? 'success' : 'info'}
            sx={{ mx: 2, mb: 1 }}
            data-testid="match-selection"
            action={
              <Stack direction="row" spacing={1}>
                <Button color="inherit" size="small" onClick={() => setSelected(new Set())}>
                  Tout décocher
                </Button>
                <Button color="inherit" size="small" variant="outlined" startIcon={<LinkIcon />} disabled={chosen.length < 2} loading={match.isPending} onClick={() => match.mutate(chosen.map((r) => r.lineId))}>
                  Lettrer la sélection
                </Button>
              </Stack>
            }
          >
            {chosen.length} ligne{chosen.length > 1 ? 's' : ''} cochée{chosen.length > 1 ? 's' : ''} : écart {formatEuro(chosenSum.abs().toFixed(2))}
            {chosenSum.isZero() ? ', elles se compensent.' : ' — on ne lettre que des lignes qui se compensent exactement.'}
            {!sameAccount && ' Elles doivent être sur le même compte.'}
          </Alert>
        )}
        <TableContainer sx={{ maxHeight: 'calc(100vh - 260px)' }}>
          <Table stickyHeader size="small" aria-label="Relevé de compte">
            <TableHead>
              <TableRow>
                <TableCell padding="checkbox" />
                <TableCell>Date</TableCell>
                <TableCell>Pièce</TableCell>
                <TableCell>Libellé</TableCell>
                <TableCell>Compte</TableCell>
                <TableCell sx={amountSx}>Débit</TableCell>
                <TableCell sx={amountSx}>Crédit</TableCell>
                <TableCell sx={amountSx}>Solde</TableCell>
                <TableCell>Lettrage</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.length === 0 && (
                <TableRow>
                  <TableCell colSpan={9} sx={{ color: 'text.secondary' }}>
                    Aucune écriture pour ce client : ses factures validées et ses règlements apparaîtront ici.
                  </TableCell>
                </TableRow>
              )}
              {rows.map((r) => (
                <TableRow key={r.lineId} hover selected={selected.has(r.lineId)} data-testid="statement-row">
                  <TableCell padding="checkbox">
                    {!r.lettering && (
                      <Checkbox size="small" checked={selected.has(r.lineId)} onChange={() => toggle(r.lineId)} slotProps={{ input: { 'aria-label': `Cocher ${r.pieceRef} ${r.label}` } }} />
                    )}
                  </TableCell>
                  <TableCell>{formatDateShort(r.date)}</TableCell>
                  <TableCell>{r.pieceRef}</TableCell>
                  <TableCell>{r.label}</TableCell>
                  <TableCell title={book.label(r.account)}>{r.account}</TableCell>
                  <TableCell sx={amountSx}>{euroOrBlank(r.debit)}</TableCell>
                  <TableCell sx={amountSx}>{euroOrBlank(r.credit)}</TableCell>
                  <TableCell sx={amountSx}>{euroReport(r.balance)}</TableCell>
                  <TableCell>
                    {r.lettering && (
                      <Chip size="small" label={r.lettering} onClick={() => setUnmatching(r)} aria-label={`Lettrage ${r.lettering} : délettrer`} data-testid="lettering-code" />
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
            {rows.length > 0 && (
              <TableFooter>
                <TableRow sx={{ '& td': { fontWeight: 700, color: 'text.primary', fontSize: '0.875rem' } }}>
                  <TableCell colSpan={7}>Solde du compte (positif : le client vous doit ; entre parenthèses : vous lui devez)</TableCell>
                  <TableCell sx={amountSx}>{euroReport(data.closing)}</TableCell>
                  <TableCell />
                </TableRow>
              </TableFooter>
            )}
          </Table>
        </TableContainer>
      </Paper>

      <Dialog open={unmatching !== null} onClose={() => setUnmatching(null)} aria-labelledby="unmatch-title">
        <DialogTitle id="unmatch-title">Délettrer « {unmatching?.lettering} » ?</DialogTitle>
        <DialogContent>
          <DialogContentText>Les lignes lettrées {unmatching?.lettering} sur le compte {unmatching?.account} redeviennent ouvertes. Les écritures elles-mêmes ne changent pas ; vous pourrez les relettrer.</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setUnmatching(null)} autoFocus>
            Annuler
          </Button>
          <Button variant="contained" loading={unmatch.isPending} onClick={() => unmatching && unmatch.mutate(unmatching)}>
            Délettrer
          </Button>
        </DialogActions>
      </Dialog>
      {advanceAction && (
        <AdvanceDialog
          action={advanceAction}
          customer={data.customer}
          available={BigInt(advance.times(100).toFixed(0))}
          openInvoices={data.openInvoices}
          onClose={() => setAdvanceAction(null)}
          onDone={(m) => {
            setAdvanceAction(null);
            setNotice(m);
          }}
        />
      )}
      {editing && <CustomerDialog open customer={c} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); setNotice('Fiche client modifiée.'); void customer.refetch(); }} />}
      <ErrorDialog title="Lettrage refusé" message={refusal} onClose={() => setRefusal(null)} />
      <Snackbar open={notice !== null} autoHideDuration={5000} onClose={() => setNotice(null)} message={notice} />
      {pdf.dialog}
      {mailing && (
        <SendMailDialog
          document={{ kind: 'statement', id: data.customer.id }}
          title={`Envoyer par e-mail — ${statementTitle}`}
          summary={`Le relevé du compte de ${data.customer.name} à ce jour, avec ses factures non réglées et leur ancienneté. Le PDF joint est celui de l’aperçu.`}
          onClose={() => setMailing(false)}
        />
      )}
    </>
  );
}

/**
 * What « no open invoice » means given the account's balance: nothing owed only when the account is
 * settled; a balance left without an invoice behind it (an entry typed by hand, a credit) is named.
 */
function noOpenInvoice(balance: Dec): string {
  if (balance.isZero()) return 'Aucune : ce client ne vous doit rien.';
  if (balance.gt(0)) {
    return `Aucune facture ouverte, mais le compte reste débiteur de ${formatEuro(balance.toFixed(2))} : des écritures sans facture (saisies à la main ou reprises) restent à lettrer ou à régulariser.`;
  }
  return `Aucune facture ouverte : le compte est créditeur de ${formatEuro(balance.neg().toFixed(2))}, une somme que vous devez à ce client ou qui reste à affecter.`;
}
