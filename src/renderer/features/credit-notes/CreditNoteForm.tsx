import AddIcon from '@mui/icons-material/Add';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatDateShort } from '../../../shared/dates';
import type { Invoice } from '../../../shared/domain/invoice';
import { AppError } from '../../../shared/errors';
import { toCents, formatEuro } from '../../../shared/money';
import { CustomerSelect } from '../../components/CustomerSelect';
import { EntryPreview } from '../../components/EntryPreview';
import { ErrorDialog } from '../../components/ErrorDialog';
import { errorMessage } from '../../components/form/serverErrors';
import { InvoiceStatusChip } from '../../components/InvoiceStatusChip';
import { useToday } from '../../lib/today';
import { PageHeader } from '../../components/PageHeader';
import { amountSx } from '../../lib/format';
import { useAccountBook } from '../invoices/accounts';
import { useCustomerInvoices, useInvoice } from '../invoices/api';
import { rateLabel } from '../invoices/InvoiceForm';
import { creditNoteEntry, creditParts, decimalOrNull, type PreviewInvoiceLine } from '../invoices/preview';
import { useCreateCreditNote } from './api';

type Kind = 'cancellation' | 'rebate';
interface Line {
  description: string;
  kind: 'goods' | 'services';
  quantity: string;
  unitPrice: string;
  vatRate: string;
}

const KIND_HELP: Record<Kind, { label: string; help: string }> = {
  cancellation: { label: 'Annulation ou retour', help: 'La vente n’a pas eu lieu, ou la marchandise vous est revenue : le chiffre d’affaires (706/707) diminue d’autant.' },
  rebate: { label: 'Rabais, remise, ristourne', help: 'Un geste commercial accordé après la facture : il s’inscrit à part, en 7096 (services) ou 7097 (marchandises).' },
};

function InvoicePicker({ onPick }: { onPick: (id: number) => void }) {
  const [customerId, setCustomerId] = useState<number | null>(null);
  const list = useCustomerInvoices(customerId);
  const open = (list.data?.rows ?? []).filter((r) => r.status !== 'draft' && toCents(r.outstanding) > 0n);
  return (
    <Paper sx={{ p: 2, maxWidth: 720 }}>
      <Typography sx={{ mb: 2 }}>Un avoir corrige une facture validée. Choisissez le client, puis la facture.</Typography>
      <Stack spacing={2}>
        <CustomerSelect value={customerId} onChange={(c) => setCustomerId(c?.id ?? null)} autoFocus />
        {customerId && (
          <TextField select label="Facture à corriger" value="" onChange={(e) => onPick(Number(e.target.value))} helperText={open.length === 0 && !list.isLoading ? 'Ce client n’a aucune facture avec un reste dû.' : undefined}>
            {open.map((r) => (
              <MenuItem key={r.id} value={r.id}>
                {r.number} du {formatDateShort(r.date)} — reste dû {formatEuro(r.outstanding)}
              </MenuItem>
            ))}
          </TextField>
        )}
      </Stack>
    </Paper>
  );
}

function CreditNoteForm({ invoice }: { invoice: Invoice }) {
  const navigate = useNavigate();
  const book = useAccountBook();
  const create = useCreateCreditNote();
  const rates = [...new Set(invoice.lines.map((l) => l.vatRate))];
  const noVat = invoice.vatRegime === 'franchise';
  const [kind, setKind] = useState<Kind>('cancellation');
  const [scope, setScope] = useState<'all' | 'lines'>('all');
  const today = useToday();
  const [date, setDate] = useState(today < invoice.date ? invoice.date : today);
  const [reason, setReason] = useState('');
  const [lines, setLines] = useState<Line[]>(() => [{ description: invoice.lines[0]?.description ?? '', kind: invoice.lines[0]?.kind ?? 'services', quantity: '1', unitPrice: '', vatRate: invoice.lines[0]?.vatRate ?? rates[0] ?? '20' }]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const counted: PreviewInvoiceLine[] = lines.flatMap((l) => {
    const quantity = decimalOrNull(l.quantity);
    const unitPrice = decimalOrNull(l.unitPrice);
    return quantity && unitPrice ? [{ description: l.description, kind: l.kind, quantity, unitPrice, vatRate: noVat ? '0' : l.vatRate }] : [];
  });
  const parts = creditParts(invoice, kind, book.map, scope === 'lines' ? counted : undefined);
  const gross = parts.reduce((s, p) => s + p.base + p.vat, 0n);
  const net = parts.reduce((s, p) => s + p.base, 0n);
  const outstanding = toCents(invoice.outstanding);
  const tooMuch = gross > outstanding;
  const entry = creditNoteEntry(parts, book.map, invoice.customerCode, invoice.status === 'doubtful', invoice.number ?? '', kind);
  const lineError = (i: number, f: keyof Line) => errors[`lines.${i}.${f}`];
  const setLine = (i: number, patch: Partial<Line>) => {
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(`lines.${i}.`) && k !== 'lines')));
  };

  const check = () => {
    const e: Record<string, string> = {};
    if (!reason.trim()) e.reason = 'Indiquez le motif de l’avoir : il figure sur le document.';
    if (scope === 'lines') {
      lines.forEach((l, i) => {
        if (!l.description.trim()) e[`lines.${i}.description`] = 'Décrivez ce qui est repris.';
        if (!decimalOrNull(l.quantity) || !/[1-9]/.test(l.quantity)) e[`lines.${i}.quantity`] = 'Une quantité positive, quatre décimales au plus.';
        if (!decimalOrNull(l.unitPrice)) e[`lines.${i}.unitPrice`] = 'Un prix positif, quatre décimales au plus.';
      });
    }
    setErrors(e);
    return Object.keys(e).length === 0;
  };

  const submit = () => {
    setConfirming(false);
    create.mutate(
      {
        invoiceId: invoice.id,
        date,
        reason,
        kind,
        validate: true,
        ...(scope === 'lines' ? { lines: lines.map((l) => ({ description: l.description, kind: l.kind, quantity: l.quantity, unitPrice: l.unitPrice, vatRate: noVat ? '0' : l.vatRate })) } : {}),
      },
      {
        onSuccess: (cn) => void navigate(`/factures/${invoice.id}`, { state: { notice: `Avoir ${cn.number ?? ''} validé : le reste dû de ${invoice.number ?? ''} diminue de ${formatEuro(cn.totals.gross)}.` } }),
        onError: (err) => {
          const placed: Record<string, string> = {};
          if (err instanceof AppError && err.fieldErrors) {
            for (const [path, message] of Object.entries(err.fieldErrors)) if (/^(lines\.\d+\.\w+|reason|date)$/.test(path)) placed[path] = message;
          }
          setErrors(placed);
          // Above the outstanding, or the invoice already settled: a refusal, said in a dialog.
          if (Object.keys(placed).length === 0) setRefusal(errorMessage(err));
        },
      },
    );
  };

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1fr) 400px' }, gap: 2, alignItems: 'start' }}>
      <Stack spacing={2} sx={{ minWidth: 0 }}>
        <Paper sx={{ p: 2 }}>
          <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap', alignItems: 'center' }}>
            <Box>
              <Typography variant="caption" color="text.secondary" component="p">
                Facture corrigée
              </Typography>
              <Typography sx={{ fontWeight: 600 }}>
                {invoice.number} du {formatDateShort(invoice.date)}
              </Typography>
            </Box>
            <Box>
              <Typography variant="caption" color="text.secondary" component="p">
                Client
              </Typography>
              <Typography>
                {invoice.customerCode} — {invoice.customerName}
              </Typography>
            </Box>
            <Box>
              <Typography variant="caption" color="text.secondary" component="p">
                Total TTC
              </Typography>
              <Typography>{formatEuro(invoice.totals.gross)}</Typography>
            </Box>
            <Box>
              <Typography variant="caption" color="text.secondary" component="p">
                Reste dû
              </Typography>
              <Typography sx={{ fontWeight: 600 }} data-testid="cn-outstanding">
                {formatEuro(invoice.outstanding)}
              </Typography>
            </Box>
            <InvoiceStatusChip invoice={invoice} />
          </Box>
        </Paper>

        <Paper component="section" aria-labelledby="cn-kind" sx={{ p: 2 }}>
          <Typography variant="h3" id="cn-kind" sx={{ mb: 1 }}>
            Pourquoi cet avoir ?
          </Typography>
          <RadioGroup value={kind} onChange={(e) => setKind(e.target.value as Kind)} aria-labelledby="cn-kind">
            {(['cancellation', 'rebate'] as const).map((k) => (
              <Box key={k} sx={{ mb: 1 }}>
                <FormControlLabel value={k} control={<Radio size="small" />} label={KIND_HELP[k].label} />
                <Typography variant="body2" color="text.secondary" sx={{ ml: 4, mt: -0.5 }}>
                  {KIND_HELP[k].help}
                </Typography>
              </Box>
            ))}
          </RadioGroup>
          <Grid container spacing={2} sx={{ mt: 1 }}>
            <Grid size={{ xs: 12, md: 8 }}>
              <TextField label="Motif" value={reason} onChange={(e) => { setReason(e.target.value); setErrors(({ reason: _r, ...rest }) => rest); }} required error={Boolean(errors.reason)} helperText={errors.reason ?? 'Imprimé sur l’avoir (ex. « Marchandise retournée le 20/11 »).'} />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <DatePicker
                label="Date de l’avoir"
                value={dayjs(date)}
                minDate={dayjs(invoice.date)}
                onChange={(d) => d && d.isValid() && setDate(d.format('YYYY-MM-DD'))}
                slotProps={{ textField: { size: 'small', fullWidth: true, error: Boolean(errors.date), helperText: errors.date } }}
              />
            </Grid>
          </Grid>
        </Paper>

        <Paper component="section" aria-labelledby="cn-scope" sx={{ p: 2 }}>
          <Typography variant="h3" id="cn-scope" sx={{ mb: 1 }}>
            Combien ?
          </Typography>
          <RadioGroup row value={scope} onChange={(e) => setScope(e.target.value as 'all' | 'lines')} aria-labelledby="cn-scope">
            <FormControlLabel value="all" control={<Radio size="small" />} label={`Tout le reste dû (${formatEuro(invoice.outstanding)})`} />
            <FormControlLabel value="lines" control={<Radio size="small" />} label="Une partie : je décris ce qui est repris" />
          </RadioGroup>
          {scope === 'all' ? (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              L’avoir reprend le reste dû dans les proportions de la facture (chaque taux de TVA et chaque nature pour sa part) : la facture sera soldée.
            </Typography>
          ) : (
            <Box sx={{ mt: 1 }}>
              {lines.map((l, i) => (
                <Box key={i} role="group" aria-label={`Ligne ${i + 1}`} sx={{ py: 1.5, borderTop: i > 0 ? 1 : 0, borderColor: 'divider' }}>
                  <Grid container spacing={1.5}>
                    <Grid size={{ xs: 12, md: 8 }}>
                      <TextField label="Description" value={l.description} onChange={(e) => setLine(i, { description: e.target.value })} error={Boolean(lineError(i, 'description'))} helperText={lineError(i, 'description')} />
                    </Grid>
                    <Grid size={{ xs: 12, md: 4 }}>
                      <TextField select label="Nature" value={l.kind} onChange={(e) => setLine(i, { kind: e.target.value as Line['kind'] })}>
                        <MenuItem value="goods">Bien (marchandise)</MenuItem>
                        <MenuItem value="services">Service</MenuItem>
                      </TextField>
                    </Grid>
                    <Grid size={{ xs: 6, sm: 3 }}>
                      <TextField label="Quantité" value={l.quantity} onChange={(e) => setLine(i, { quantity: e.target.value })} error={Boolean(lineError(i, 'quantity'))} helperText={lineError(i, 'quantity')} slotProps={{ htmlInput: { inputMode: 'decimal' } }} />
                    </Grid>
                    <Grid size={{ xs: 6, sm: 4 }}>
                      <TextField
                        label="Prix unitaire HT"
                        value={l.unitPrice}
                        onChange={(e) => setLine(i, { unitPrice: e.target.value })}
                        error={Boolean(lineError(i, 'unitPrice'))}
                        helperText={lineError(i, 'unitPrice')}
                        slotProps={{ htmlInput: { inputMode: 'decimal' }, input: { endAdornment: <InputAdornment position="end">€</InputAdornment> } }}
                      />
                    </Grid>
                    {!noVat && (
                      <Grid size={{ xs: 8, sm: 3 }}>
                        <TextField select label="TVA" value={l.vatRate} onChange={(e) => setLine(i, { vatRate: e.target.value })} error={Boolean(lineError(i, 'vatRate'))} helperText={lineError(i, 'vatRate') ?? 'Un taux de la facture.'}>
                          {rates.map((r) => (
                            <MenuItem key={r} value={r}>
                              {rateLabel(r)}
                            </MenuItem>
                          ))}
                        </TextField>
                      </Grid>
                    )}
                    <Grid size={{ xs: 4, sm: 2 }} sx={{ display: 'flex', alignItems: 'flex-start', justifyContent: 'flex-end' }}>
                      <IconButton aria-label={`Supprimer la ligne ${i + 1}`} disabled={lines.length <= 1} onClick={() => setLines((ls) => ls.filter((_l, j) => j !== i))}>
                        <DeleteOutlineIcon />
                      </IconButton>
                    </Grid>
                  </Grid>
                </Box>
              ))}
              <Button startIcon={<AddIcon />} onClick={() => setLines((ls) => [...ls, { description: '', kind: ls[ls.length - 1]?.kind ?? 'services', quantity: '1', unitPrice: '', vatRate: ls[ls.length - 1]?.vatRate ?? rates[0] ?? '20' }])}>
                Ajouter une ligne
              </Button>
            </Box>
          )}
        </Paper>
      </Stack>

      <Stack spacing={2} sx={{ position: { lg: 'sticky' }, top: { lg: 88 }, minWidth: 0 }}>
        <Paper sx={{ p: 2 }}>
          <Typography variant="h3" sx={{ mb: 1 }}>
            Montant de l’avoir
          </Typography>
          <Table size="small" sx={{ '& td': { px: 0.5 } }} aria-label="Montant de l’avoir">
            <TableBody>
              <TableRow>
                <TableCell>Total HT</TableCell>
                <TableCell sx={amountSx}>{formatEuro(net)}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell>TVA</TableCell>
                <TableCell sx={amountSx}>{formatEuro(gross - net)}</TableCell>
              </TableRow>
              <TableRow sx={{ '& td': { fontWeight: 700, borderBottom: 0 } }}>
                <TableCell>Total TTC</TableCell>
                <TableCell sx={amountSx} data-testid="cn-gross">
                  {formatEuro(gross)}
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
          {tooMuch && (
            <Alert severity="error" sx={{ mt: 1 }}>
              Un avoir ne peut pas dépasser le reste dû de la facture ({formatEuro(invoice.outstanding)}).
            </Alert>
          )}
          <Button variant="contained" fullWidth sx={{ mt: 2 }} loading={create.isPending} disabled={gross <= 0n} onClick={() => check() && setConfirming(true)}>
            Valider l’avoir
          </Button>
        </Paper>
        <EntryPreview title="Ce que cet avoir écrit dans vos comptes" entries={[entry]} label={book.label} emptyText="Décrivez ce qui est repris : l’écriture de l’avoir s’affiche ici." />
      </Stack>

      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="cn-confirm-title" maxWidth="sm" fullWidth>
        <DialogTitle id="cn-confirm-title">Valider l’avoir de {formatEuro(gross)} ?</DialogTitle>
        <DialogContent>
          <DialogContentText component="div">
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              <li>Il reçoit le prochain numéro de la série des avoirs (AV{date.slice(0, 4)}-…), définitif.</li>
              <li>
                Il s’écrit dans vos comptes : le reste dû de la facture {invoice.number} passe de {formatEuro(invoice.outstanding)} à {formatEuro(outstanding - gross)}.
              </li>
              <li>Il ne pourra plus être modifié ni supprimé.</li>
            </ul>
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>Revenir</Button>
          <Button variant="contained" onClick={submit} autoFocus>
            Valider et numéroter l’avoir
          </Button>
        </DialogActions>
      </Dialog>
      <ErrorDialog title="Avoir refusé" message={refusal} onClose={() => setRefusal(null)} />
    </Box>
  );
}

/** /avoirs/nouveau?facture=ID — the credit note of one invoice (chosen here when the link names none). */
export function NewCreditNotePage() {
  const [params, setParams] = useSearchParams();
  const id = Number(params.get('facture'));
  const invoiceId = Number.isInteger(id) && id > 0 ? id : null;
  const { data, isLoading, error } = useInvoice(invoiceId);
  return (
    <>
      <PageHeader
        title={data ? `Avoir sur la facture ${data.number ?? ''}` : 'Nouvel avoir'}
        subtitle="Rien n’est écrit avant la validation, que vous confirmerez."
        actions={
          <Button startIcon={<ArrowBackIcon />} component={Link} to={data ? `/factures/${data.id}` : '/avoirs'}>
            {data ? 'Retour à la facture' : 'Tous les avoirs'}
          </Button>
        }
      />
      {error && <Alert severity="error">{errorMessage(error)}</Alert>}
      {!invoiceId && <InvoicePicker onPick={(n) => setParams({ facture: String(n) })} />}
      {invoiceId && isLoading && <Typography color="text.secondary">Chargement de la facture…</Typography>}
      {data && data.status === 'draft' && <Alert severity="info">Cette facture est un brouillon : modifiez-la directement, un avoir ne corrige qu’une facture validée.</Alert>}
      {data && data.status !== 'draft' && toCents(data.outstanding) <= 0n && (
        <Alert severity="info">Cette facture est soldée : il ne reste rien à reprendre par un avoir.</Alert>
      )}
      {data && data.status !== 'draft' && toCents(data.outstanding) > 0n && <CreditNoteForm key={data.id} invoice={data} />}
    </>
  );
}
