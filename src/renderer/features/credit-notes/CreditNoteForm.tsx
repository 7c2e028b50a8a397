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
import { useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useLeaveGuard } from '../../components/LeaveGuard';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { RequestInput } from '../../../shared/contract';
import { formatDateShort } from '../../../shared/dates';
import type { Invoice } from '../../../shared/domain/invoice';
import { CreditNoteCreateRequest } from '../../../shared/domain/payment';
import { AppError } from '../../../shared/errors';
import { formatEuro, formatPercent, toCents } from '../../../shared/money';
import { CustomerSelect } from '../../components/CustomerSelect';
import { PostingPreviewPanel } from '../../components/EntryPreview';
import { ErrorDialog } from '../../components/ErrorDialog';
import { FormDateField } from '../../components/form/FormDateField';
import { FormTextField } from '../../components/form/FormTextField';
import { applyServerErrors, errorMessage, requestResolver, usePreviewFieldErrors } from '../../components/form/serverErrors';
import { InvoiceStatusChip } from '../../components/InvoiceStatusChip';
import { PageHeader } from '../../components/PageHeader';
import { amountSx } from '../../lib/format';
import { usePostingPreview } from '../../lib/preview';
import { useToday } from '../../lib/today';
import { useCustomerInvoices, useInvoice } from '../invoices/api';
import { useCreateCreditNote } from './api';

type Kind = 'cancellation' | 'rebate';
interface Line {
  description: string;
  kind: 'goods' | 'services';
  quantity: string;
  unitPrice: string;
  vatRate: string;
}

interface CreditNoteValues {
  kind: Kind;
  /** The whole outstanding (in the invoice's proportions, computed by the main process), or lines described. */
  scope: 'all' | 'lines';
  date: string;
  reason: string;
  lines: Line[];
}

const KIND_HELP: Record<Kind, { label: string; help: string }> = {
  cancellation: { label: 'Annulation ou retour', help: 'La vente n’a pas eu lieu, ou la marchandise vous est revenue : le chiffre d’affaires (706/707) diminue d’autant.' },
  rebate: { label: 'Rabais, remise, ristourne', help: 'Un geste commercial accordé après la facture : il s’inscrit à part, en 7096 (services) ou 7097 (marchandises).' },
};

function toRequest(invoice: Invoice, v: CreditNoteValues): RequestInput<'creditNote.create'> {
  const noVat = invoice.vatRegime === 'franchise';
  return {
    invoiceId: invoice.id,
    date: v.date,
    reason: v.reason,
    kind: v.kind,
    validate: true,
    ...(v.scope === 'lines' ? { lines: v.lines.map((l) => ({ ...l, vatRate: noVat ? '0' : l.vatRate })) } : {}),
  };
}

/** The request's fields are the form's (its lines are the form's lines, one for one). */
const fieldOf = (path: string) => (/^(reason|date|lines\.\d+\.(description|kind|quantity|unitPrice|vatRate))$/.test(path) ? path : null);

const newLine = (like: Partial<Line> | undefined, rate: string): Line => ({ description: like?.description ?? '', kind: like?.kind ?? 'services', quantity: '1', unitPrice: '', vatRate: like?.vatRate ?? rate });

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
  const create = useCreateCreditNote();
  const rates = [...new Set(invoice.lines.map((l) => l.vatRate))];
  const noVat = invoice.vatRegime === 'franchise';
  const today = useToday();
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const { control, handleSubmit, setError, clearErrors, getFieldState, formState } = useForm<CreditNoteValues>({
    resolver: requestResolver<CreditNoteValues>(CreditNoteCreateRequest, (v) => ({ request: toRequest(invoice, v), fields: fieldOf })),
    defaultValues: { kind: 'cancellation', scope: 'all', date: today < invoice.date ? invoice.date : today, reason: '', lines: [newLine(invoice.lines[0], rates[0] ?? '20')] },
    mode: 'onTouched',
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'lines' });
  const values = useWatch({ control }) as CreditNoteValues;
  const preview = usePostingPreview('creditNote.create', toRequest(invoice, values));
  const saidUnderField = usePreviewFieldErrors(preview.refusal, { setError, clearErrors, getFieldState }, fieldOf);
  // The credit note's amounts are the main process's (the proportions of the invoice, its VAT per rate).
  const totals = preview.refusal ? undefined : preview.result?.totals;
  const money = (v: string | undefined) => (v === undefined ? '—' : formatEuro(v));
  const outstanding = toCents(invoice.outstanding);
  // Leaving with unsaved changes asks first; validating the credit note lets its navigation through.
  const guard = useLeaveGuard(formState.isDirty, 'Cet avoir');

  // Awaited rather than mutate's callbacks: once the invoice is settled, its refetch replaces this form by
  // « Cette facture est soldée » and a callback bound to the unmounted form would never run.
  const submit = async () => {
    setConfirming(false);
    try {
      const cn = await create.mutateAsync(toRequest(invoice, values));
      guard.allow();
      void navigate(`/factures/${invoice.id}`, { state: { notice: `Avoir ${cn.number ?? ''} validé : le reste dû de ${invoice.number ?? ''} diminue de ${formatEuro(cn.totals.gross)}.` } });
    } catch (err) {
      // Above the outstanding, or the invoice already settled: a refusal, said in a dialog.
      if (applyServerErrors(err, setError, fieldOf).length === 0 || !(err instanceof AppError && err.code === 'VALIDATION')) setRefusal(errorMessage(err));
    }
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
          <Controller
            name="kind"
            control={control}
            render={({ field }) => (
              <RadioGroup value={field.value} onChange={(e) => field.onChange(e.target.value)} aria-labelledby="cn-kind">
                {(['cancellation', 'rebate'] as const).map((k) => (
                  <Box key={k} sx={{ mb: 1 }}>
                    <FormControlLabel value={k} control={<Radio size="small" />} label={KIND_HELP[k].label} />
                    <Typography variant="body2" color="text.secondary" sx={{ ml: 4, mt: -0.5 }}>
                      {KIND_HELP[k].help}
                    </Typography>
                  </Box>
                ))}
              </RadioGroup>
            )}
          />
          <Grid container spacing={2} sx={{ mt: 1 }}>
            <Grid size={{ xs: 12, md: 8 }}>
              <FormTextField control={control} name="reason" label="Motif" required helperText="Imprimé sur l’avoir (ex. « Marchandise retournée le 20/11 »)." />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <FormDateField control={control} name="date" label="Date de l’avoir" />
            </Grid>
          </Grid>
        </Paper>

        <Paper component="section" aria-labelledby="cn-scope" sx={{ p: 2 }}>
          <Typography variant="h3" id="cn-scope" sx={{ mb: 1 }}>
            Combien ?
          </Typography>
          <Controller
            name="scope"
            control={control}
            render={({ field }) => (
              <RadioGroup row value={field.value} onChange={(e) => field.onChange(e.target.value)} aria-labelledby="cn-scope">
                <FormControlLabel value="all" control={<Radio size="small" />} label={`Tout le reste dû (${formatEuro(invoice.outstanding)})`} />
                <FormControlLabel value="lines" control={<Radio size="small" />} label="Une partie : je décris ce qui est repris" />
              </RadioGroup>
            )}
          />
          {values.scope === 'all' ? (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              L’avoir reprend le reste dû dans les proportions de la facture (chaque taux de TVA et chaque nature pour sa part) : la facture sera soldée.
            </Typography>
          ) : (
            <Box sx={{ mt: 1 }}>
              {fields.map((f, i) => (
                <Box key={f.id} role="group" aria-label={`Ligne ${i + 1}`} sx={{ py: 1.5, borderTop: i > 0 ? 1 : 0, borderColor: 'divider' }}>
                  <Grid container spacing={1.5}>
                    <Grid size={{ xs: 12, md: 8 }}>
                      <FormTextField control={control} name={`lines.${i}.description`} label="Description" />
                    </Grid>
                    <Grid size={{ xs: 12, md: 4 }}>
                      <FormTextField control={control} name={`lines.${i}.kind`} label="Nature" select>
                        <MenuItem value="goods">Bien (marchandise)</MenuItem>
                        <MenuItem value="services">Service</MenuItem>
                      </FormTextField>
                    </Grid>
                    <Grid size={{ xs: 6, sm: 3 }}>
                      <FormTextField control={control} name={`lines.${i}.quantity`} label="Quantité" slotProps={{ htmlInput: { inputMode: 'decimal' } }} />
                    </Grid>
                    <Grid size={{ xs: 6, sm: 4 }}>
                      <FormTextField
                        control={control}
                        name={`lines.${i}.unitPrice`}
                        label="Prix unitaire HT"
                        slotProps={{ htmlInput: { inputMode: 'decimal' }, input: { endAdornment: <InputAdornment position="end">€</InputAdornment> } }}
                      />
                    </Grid>
                    {!noVat && (
                      <Grid size={{ xs: 8, sm: 3 }}>
                        <FormTextField control={control} name={`lines.${i}.vatRate`} label="TVA" select helperText="Un taux de la facture.">
                          {rates.map((r) => (
                            <MenuItem key={r} value={r}>
                              {formatPercent(r)}
                            </MenuItem>
                          ))}
                        </FormTextField>
                      </Grid>
                    )}
                    <Grid size={{ xs: 4, sm: 2 }} sx={{ display: 'flex', alignItems: 'flex-start', justifyContent: 'flex-end' }}>
                      <IconButton aria-label={`Supprimer la ligne ${i + 1}`} disabled={fields.length <= 1} onClick={() => remove(i)}>
                        <DeleteOutlineIcon />
                      </IconButton>
                    </Grid>
                  </Grid>
                </Box>
              ))}
              <Button startIcon={<AddIcon />} onClick={() => append(newLine({ kind: values.lines.at(-1)?.kind, vatRate: values.lines.at(-1)?.vatRate }, rates[0] ?? '20'), { focusName: `lines.${fields.length}.description` })}>
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
                <TableCell sx={amountSx}>{money(totals?.net)}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell>TVA</TableCell>
                <TableCell sx={amountSx}>{money(totals?.vat)}</TableCell>
              </TableRow>
              <TableRow sx={{ '& td': { fontWeight: 700, borderBottom: 0 } }}>
                <TableCell>Total TTC</TableCell>
                <TableCell sx={amountSx} data-testid="cn-gross">
                  {money(totals?.gross)}
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
          <Button
            variant="contained"
            fullWidth
            sx={{ mt: 2 }}
            loading={create.isPending}
            // Refused by the main process (the panel says why), or its amounts not known yet.
            disabled={preview.refusal !== null || (!preview.idle && !totals)}
            onClick={() => void handleSubmit(() => setConfirming(true))()}
          >
            Valider l’avoir
          </Button>
        </Paper>
        <PostingPreviewPanel
          preview={preview}
          saidUnderField={saidUnderField}
          title="Ce que cet avoir écrit dans vos comptes"
          emptyText="Indiquez le motif et ce qui est repris : l’écriture de l’avoir s’affiche ici."
          footer="Le numéro indiqué est le prochain de la série des avoirs : il n’est donné qu’à la validation."
        />
      </Stack>

      <Dialog open={confirming && totals !== undefined} onClose={() => setConfirming(false)} aria-labelledby="cn-confirm-title" maxWidth="sm" fullWidth>
        <DialogTitle id="cn-confirm-title">Valider l’avoir de {money(totals?.gross)} ?</DialogTitle>
        <DialogContent>
          <DialogContentText component="div">
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              <li>Il reçoit le prochain numéro de la série des avoirs (AV{values.date.slice(0, 4)}-…), définitif.</li>
              <li>
                Il s’écrit dans vos comptes : le reste dû de la facture {invoice.number} passe de {formatEuro(invoice.outstanding)} à {formatEuro(outstanding - toCents(totals?.gross ?? '0'))}.
              </li>
              <li>Il ne pourra plus être modifié ni supprimé.</li>
            </ul>
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>Revenir</Button>
          <Button variant="contained" onClick={() => void submit()} autoFocus>
            Valider et numéroter l’avoir
          </Button>
        </DialogActions>
      </Dialog>
      <ErrorDialog title="Avoir refusé" message={refusal} onClose={() => setRefusal(null)} />
      {guard.dialog}
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
