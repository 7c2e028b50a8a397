import AutorenewIcon from '@mui/icons-material/Autorenew';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import InputAdornment from '@mui/material/InputAdornment';
import MuiLink from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Response } from '../../../shared/contract';
import { addDays, formatDateShort } from '../../../shared/dates';
import type { Invoice } from '../../../shared/domain/invoice';
import { PAYMENT_METHOD_LABELS, PAYMENT_METHODS } from '../../../shared/domain/payment';
import { AppError } from '../../../shared/errors';
import { centsToString, formatEuro, toCents } from '../../../shared/money';
import { CustomerSelect, useCustomer } from '../../components/CustomerSelect';
import { EntryPreview } from '../../components/EntryPreview';
import { ErrorDialog } from '../../components/ErrorDialog';
import { errorMessage } from '../../components/form/serverErrors';
import { InvoiceStatusChip } from '../../components/InvoiceStatusChip';
import { useToday } from '../../lib/today';
import { call } from '../../lib/ipc';
import { amountSx } from '../../lib/format';
import { EntryDetailDialog } from '../ledger/EntryDetailDialog';
import { useAccountBook } from '../invoices/accounts';
import { useCustomerInvoices, useInvoicesById, useRefreshAfterPosting } from '../invoices/api';
import { centsOrNull, escompteOf, paymentEntries, type AllocatedInvoice } from '../invoices/preview';

type Method = (typeof PAYMENT_METHODS)[number];
type Payment = Response<'payment.record'>;
interface Manual {
  amount: string;
  escompte: boolean;
}

const euroText = (c: bigint) => centsToString(c).replace('.', ',');

/** The escompte an invoice still allows on this date: its discounted amount due, or null. */
function escompteOffer(inv: Invoice, date: string) {
  if (!inv.escompte || inv.status !== 'open' || inv.outstanding !== inv.totals.gross) return null;
  const deadline = addDays(inv.date, inv.escompte.days);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date > deadline) return null;
  const e = escompteOf(inv);
  return e ? { percent: inv.escompte.percent, due: e.amountDue, deadline } : null;
}

/** Oldest first, as the main process does without allocations; an invoice named for escompte at its discounted amount. */
function autoAllocate(invoices: Invoice[], amount: bigint, date: string, escompte: Set<number>): Map<number, Manual> {
  const out = new Map<number, Manual>();
  let left = amount;
  for (const inv of invoices) {
    if (inv.date > date || left <= 0n) {
      out.set(inv.id, { amount: '', escompte: escompte.has(inv.id) });
      continue;
    }
    const offer = escompte.has(inv.id) ? escompteOffer(inv, date) : null;
    const outstanding = toCents(inv.outstanding);
    if (offer && left >= offer.due) {
      out.set(inv.id, { amount: euroText(offer.due), escompte: true });
      left -= offer.due;
    } else {
      const a = left < outstanding ? left : outstanding;
      out.set(inv.id, { amount: euroText(a), escompte: false });
      left -= a;
    }
  }
  return out;
}

function PaymentRecap({ payment, invoices, onAnother }: { payment: Payment; invoices: Invoice[]; onAnother: () => void }) {
  const [showEntry, setShowEntry] = useState<number | null>(null);
  const after = useInvoicesById(payment.allocations.map((a) => a.invoiceId));
  const advance = toCents(payment.advance);
  return (
    <Paper sx={{ p: 3, maxWidth: 880 }} data-testid="payment-recap">
      <Alert severity="success" icon={<CheckCircleIcon />} sx={{ mb: 2 }}>
        <AlertTitle>Règlement de {formatEuro(payment.amount)} enregistré</AlertTitle>
        Reçu le {formatDateShort(payment.date)} par {PAYMENT_METHOD_LABELS[payment.method].toLowerCase()}
        {payment.reference ? ` (réf. ${payment.reference})` : ''}. Il est écrit dans vos comptes et les factures soldées sont lettrées.
      </Alert>
      <Typography variant="h3" sx={{ mb: 1 }}>
        Ce qui a été réglé
      </Typography>
      <Table size="small" aria-label="Factures réglées">
        <TableHead>
          <TableRow>
            <TableCell>Facture</TableCell>
            <TableCell sx={amountSx}>Imputé</TableCell>
            <TableCell>Escompte</TableCell>
            <TableCell sx={amountSx}>Reste dû</TableCell>
            <TableCell>Statut</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {payment.allocations.map((a, i) => {
            const inv = after[i]?.data ?? invoices.find((x) => x.id === a.invoiceId);
            return (
              <TableRow key={a.invoiceId}>
                <TableCell>
                  <MuiLink component={Link} to={`/factures/${a.invoiceId}`}>
                    {a.invoiceNumber}
                  </MuiLink>
                </TableCell>
                <TableCell sx={amountSx}>{formatEuro(a.amount)}</TableCell>
                <TableCell>{a.escompte ? `Oui : avoir d’escompte de ${inv?.escompte ? `${inv.escompte.percent.replace('.', ',')} %` : ''} émis` : ''}</TableCell>
                <TableCell sx={amountSx}>{inv && after[i]?.data ? formatEuro(inv.outstanding) : '…'}</TableCell>
                <TableCell>{inv && after[i]?.data ? <InvoiceStatusChip invoice={inv} /> : null}</TableCell>
              </TableRow>
            );
          })}
          {payment.allocations.length === 0 && (
            <TableRow>
              <TableCell colSpan={5}>Aucune facture : tout le montant est gardé en avance.</TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      {advance > 0n && (
        <Alert severity="info" variant="outlined" sx={{ mt: 2 }}>
          {formatEuro(advance)} dépassent les factures réglées : ils sont gardés en avance au compte du client (4191), à imputer sur une prochaine facture ou à rembourser.
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ mt: 3 }}>
        <Button variant="contained" onClick={onAnother} autoFocus>
          Enregistrer un autre règlement
        </Button>
        <Button component={Link} to={`/clients/${payment.customerId}`}>
          Voir le compte du client
        </Button>
        <Button onClick={() => setShowEntry(payment.entryId)}>Voir l’écriture</Button>
      </Stack>
      <EntryDetailDialog entryId={showEntry} onClose={() => setShowEntry(null)} />
    </Paper>
  );
}

/**
 * A payment received: the customer, the amount, and how it settles their open invoices (oldest first,
 * editable), an escompte the customer took, what is left as an advance; the entries before they are posted.
 */
export function PaymentForm({ initialCustomerId, initialInvoiceId }: { initialCustomerId: number | null; initialInvoiceId: number | null }) {
  const book = useAccountBook();
  const refresh = useRefreshAfterPosting();
  const [customerId, setCustomerId] = useState<number | null>(initialCustomerId);
  const [date, setDate] = useState(useToday());
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<Method>('transfer');
  const [reference, setReference] = useState('');
  const [auto, setAuto] = useState(initialInvoiceId === null);
  const [manual, setManual] = useState<Map<number, Manual>>(new Map());
  const [escompteIds, setEscompteIds] = useState<Set<number>>(new Set());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState<Payment | null>(null);
  const [seeded, setSeeded] = useState(initialInvoiceId === null);
  const customer = useCustomer(customerId).data;
  const list = useCustomerInvoices(customerId);
  const openRows = (list.data?.rows ?? [])
    .filter((r) => r.status !== 'draft' && r.status !== 'written_off' && toCents(r.outstanding) > 0n)
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : (a.number ?? '').localeCompare(b.number ?? '')));
  const full = useInvoicesById(openRows.map((r) => r.id));
  const invoices = openRows.map((r, i) => full[i]?.data ?? ({ ...r, lines: [] } as Invoice));
  const loadingFull = full.some((q) => q.isLoading);

  const amountCents = centsOrNull(amount);
  const amountError = errors.amount ?? (amount.trim() && amountCents === null ? 'Un montant avec deux décimales au plus (ex. 1 234,56).' : undefined);

  // A link from an invoice: that invoice, for what it still owes.
  if (!seeded && !loadingFull && invoices.length > 0) {
    setSeeded(true);
    const inv = invoices.find((x) => x.id === initialInvoiceId);
    if (inv) {
      setAmount(inv.outstanding.replace('.', ','));
      setManual(new Map([[inv.id, { amount: inv.outstanding.replace('.', ','), escompte: false }]]));
    } else setAuto(true);
  }

  const allocations = auto ? autoAllocate(invoices, amountCents ?? 0n, date, escompteIds) : manual;
  const rows = invoices.map((inv) => {
    const a = allocations.get(inv.id) ?? { amount: '', escompte: false };
    const cents = a.amount.trim() ? centsOrNull(a.amount) : 0n;
    const offer = escompteOffer(inv, date);
    const takes = a.escompte && offer !== null;
    let error: string | undefined = errors[`inv-${inv.id}`];
    if (!error && a.amount.trim() && cents === null) error = 'Deux décimales au plus.';
    else if (!error && cents !== null && takes && offer && cents !== offer.due && cents > 0n) error = `${formatEuro(offer.due)} avec l’escompte.`;
    else if (!error && cents !== null && !takes && cents > toCents(inv.outstanding)) error = `Au plus ${formatEuro(inv.outstanding)}.`;
    return { inv, text: a.amount, cents: cents ?? 0n, offer, takes, error };
  });
  const allocated = rows.reduce((s, r) => s + r.cents, 0n);
  const left = (amountCents ?? 0n) - allocated;
  const over = left < 0n;
  const invalid = rows.some((r) => r.error) || over || amountCents === null || amountCents <= 0n || !customerId;
  // Nothing chosen by hand: the main process settles the oldest invoices first, and the preview says so.
  const noneChosen = !auto && allocated === 0n && invoices.some((inv) => inv.date <= date);
  const effective = noneChosen
    ? [...autoAllocate(invoices, amountCents ?? 0n, date, new Set()).entries()].flatMap(([id, a]) => {
        const inv = invoices.find((x) => x.id === id);
        const c = a.amount ? centsOrNull(a.amount) : null;
        return inv && c && c > 0n ? [{ invoice: inv, amount: c, escompte: false }] : [];
      })
    : null;
  const allocatedRows: AllocatedInvoice[] = effective ?? rows.filter((r) => r.cents > 0n).map((r) => ({ invoice: r.inv, amount: r.cents, escompte: r.takes }));
  const shownAllocated = allocatedRows.reduce((s, a) => s + a.amount, 0n);
  const shownLeft = (amountCents ?? 0n) - shownAllocated;
  const entries = amountCents && amountCents > 0n ? paymentEntries(amountCents, method, allocatedRows, book.map, customer?.code) : [];

  const editRow = (id: number, patch: Partial<Manual>) => {
    const next = new Map(allocations);
    next.set(id, { ...(next.get(id) ?? { amount: '', escompte: false }), ...patch });
    setManual(next);
    setAuto(false);
    setErrors((e) => {
      const { [`inv-${id}`]: _drop, ...rest } = e;
      return rest;
    });
  };

  const toggleEscompte = (inv: Invoice, on: boolean, due: bigint) => {
    const ids = new Set(escompteIds);
    if (on) ids.add(inv.id);
    else ids.delete(inv.id);
    setEscompteIds(ids);
    if (auto) {
      // Without an amount yet, the escompted invoice is what is being paid.
      if (on && (amountCents === null || amountCents === 0n)) setAmount(euroText(due));
      return;
    }
    editRow(inv.id, { escompte: on, amount: euroText(on ? due : toCents(inv.outstanding)) });
  };

  const record = useMutation({
    mutationFn: () => {
      const given = rows.filter((r) => r.cents > 0n);
      return call('payment.record', {
        customerId: customerId as number,
        date,
        amount: amount,
        method,
        reference,
        ...(given.length > 0 ? { allocations: given.map((r) => ({ invoiceId: r.inv.id, amount: centsToString(r.cents) })) } : {}),
        ...(given.some((r) => r.takes) ? { escompte: given.filter((r) => r.takes).map((r) => ({ invoiceId: r.inv.id })) } : {}),
      });
    },
    onSuccess: (p) => {
      setDone(p);
      void refresh();
    },
    onError: (err) => {
      const placed: Record<string, string> = {};
      const given = rows.filter((r) => r.cents > 0n);
      if (err instanceof AppError && err.fieldErrors) {
        for (const [path, message] of Object.entries(err.fieldErrors)) {
          const m = /^allocations\.(\d+)\.amount$/.exec(path);
          const row = m ? given[Number(m[1])] : undefined;
          if (row) placed[`inv-${row.inv.id}`] = message;
          else if (['amount', 'date', 'reference', 'method', 'customerId'].includes(path)) placed[path] = message;
        }
      }
      setErrors(placed);
      // A refusal of the whole (escompte expired, allocation above the amount…) is said in a dialog.
      if (Object.keys(placed).length === 0 || !(err instanceof AppError && err.code === 'VALIDATION')) setRefusal(errorMessage(err));
    },
  });

  const reset = () => {
    setDone(null);
    setAmount('');
    setReference('');
    setManual(new Map());
    setEscompteIds(new Set());
    setAuto(true);
    setErrors({});
    record.reset();
  };

  if (done) return <PaymentRecap payment={done} invoices={invoices} onAnother={reset} />;

  return (
    <Box
      component="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) record.mutate();
      }}
      sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1fr) 380px' }, gap: 2, alignItems: 'start' }}
    >
      <Stack spacing={2} sx={{ minWidth: 0 }}>
        <Paper component="section" aria-labelledby="pay-title" sx={{ p: 2 }}>
          <Typography variant="h3" id="pay-title" sx={{ mb: 1.5 }}>
            Le règlement reçu
          </Typography>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 8 }}>
              <CustomerSelect
                value={customerId}
                onChange={(c) => {
                  setCustomerId(c?.id ?? null);
                  setManual(new Map());
                  setEscompteIds(new Set());
                  setAuto(true);
                }}
                required
                autoFocus={!initialCustomerId}
                error={Boolean(errors.customerId)}
                helperText={errors.customerId}
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <TextField
                label="Montant reçu"
                value={amount}
                onChange={(e) => {
                  setAmount(e.target.value);
                  setErrors(({ amount: _a, ...rest }) => rest);
                }}
                required
                error={Boolean(amountError)}
                helperText={amountError}
                slotProps={{ htmlInput: { inputMode: 'decimal' }, input: { endAdornment: <InputAdornment position="end">€</InputAdornment> } }}
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <DatePicker
                label="Date de réception"
                value={date ? dayjs(date) : null}
                onChange={(d) => setDate(d && d.isValid() ? d.format('YYYY-MM-DD') : '')}
                slotProps={{ textField: { size: 'small', fullWidth: true, error: Boolean(errors.date), helperText: errors.date } }}
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <TextField select label="Moyen de paiement" value={method} onChange={(e) => setMethod(e.target.value as Method)} helperText={method === 'cash' ? 'En caisse (53), journal CA.' : 'En banque (512), journal BQ.'}>
                {PAYMENT_METHODS.map((m) => (
                  <MenuItem key={m} value={m}>
                    {PAYMENT_METHOD_LABELS[m]}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <TextField label="Référence" value={reference} onChange={(e) => setReference(e.target.value)} helperText="N° de chèque, libellé du virement…" error={Boolean(errors.reference)} />
            </Grid>
          </Grid>
        </Paper>

        <Paper component="section" aria-labelledby="alloc-title" sx={{ p: 2 }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1, flexWrap: 'wrap' }}>
            <Typography variant="h3" id="alloc-title" sx={{ flexGrow: 1 }}>
              Les factures qu’il règle
            </Typography>
            {!auto && invoices.length > 0 && (
              <Button size="small" startIcon={<AutorenewIcon />} onClick={() => setAuto(true)}>
                Répartir des plus anciennes aux plus récentes
              </Button>
            )}
          </Box>
          {!customerId ? (
            <Typography color="text.secondary">Choisissez le client : ses factures non réglées s’affichent ici.</Typography>
          ) : list.isLoading ? (
            <Typography color="text.secondary">Chargement des factures…</Typography>
          ) : invoices.length === 0 ? (
            <Alert severity="info" variant="outlined">
              Ce client n’a aucune facture à régler : le montant reçu sera gardé en avance (4191), à imputer sur une prochaine facture ou à rembourser.
            </Alert>
          ) : (
            <>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                {auto ? 'Encours impute le montant aux factures les plus anciennes d’abord. Modifiez un montant pour choisir vous-même.' : 'Répartition choisie à la main.'}
              </Typography>
              <Table size="small" aria-label="Répartition du règlement">
                <TableHead>
                  <TableRow>
                    <TableCell>Facture</TableCell>
                    <TableCell>Échéance</TableCell>
                    <TableCell sx={amountSx}>Reste dû</TableCell>
                    <TableCell sx={{ ...amountSx, width: 170 }}>Imputer</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rows.map((r) => [
                    <TableRow key={r.inv.id} data-testid={`alloc-${r.inv.number ?? r.inv.id}`} sx={{ '& td': { verticalAlign: 'top', ...(r.offer ? { borderBottom: 0 } : {}) } }}>
                      <TableCell>
                        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                          <Box component="span" sx={{ fontWeight: 600 }}>
                            {r.inv.number}
                          </Box>
                          <InvoiceStatusChip invoice={r.inv} />
                        </Box>
                        <Typography variant="caption" color="text.secondary">
                          du {formatDateShort(r.inv.date)} · {formatEuro(r.inv.totals.gross)} TTC
                        </Typography>
                      </TableCell>
                      <TableCell>{formatDateShort(r.inv.dueDate)}</TableCell>
                      <TableCell sx={amountSx}>{formatEuro(r.inv.outstanding)}</TableCell>
                      <TableCell sx={amountSx}>
                        <TextField
                          value={r.text}
                          onChange={(e) => editRow(r.inv.id, { amount: e.target.value })}
                          placeholder="0,00"
                          error={Boolean(r.error)}
                          helperText={r.error}
                          slotProps={{ htmlInput: { inputMode: 'decimal', 'aria-label': `Montant imputé sur ${r.inv.number ?? ''}`, style: { textAlign: 'right' } }, input: { endAdornment: <InputAdornment position="end">€</InputAdornment> } }}
                        />
                      </TableCell>
                    </TableRow>,
                    r.offer ? (
                      <TableRow key={`${r.inv.id}-escompte`}>
                        <TableCell colSpan={4} sx={{ pt: 0 }}>
                          <FormControlLabel
                            sx={{ ml: 0 }}
                            control={<Checkbox size="small" checked={r.takes} onChange={(e) => r.offer && toggleEscompte(r.inv, e.target.checked, r.offer.due)} />}
                            label={
                              <Typography variant="body2">
                                Le client déduit l’escompte de {r.offer.percent.replace('.', ',')} % : {formatEuro(r.offer.due)} au lieu de {formatEuro(r.inv.outstanding)} (jusqu’au {formatDateShort(r.offer.deadline)})
                              </Typography>
                            }
                          />
                        </TableCell>
                      </TableRow>
                    ) : null,
                  ])}
                </TableBody>
                <TableFooter>
                  <TableRow sx={{ '& td': { fontWeight: 600, color: 'text.primary', fontSize: '0.875rem' } }}>
                    <TableCell colSpan={3}>Total imputé</TableCell>
                    <TableCell sx={amountSx} data-testid="allocated-total">
                      {formatEuro(allocated)}
                    </TableCell>
                  </TableRow>
                </TableFooter>
              </Table>
            </>
          )}
        </Paper>
      </Stack>

      <Stack spacing={2} sx={{ position: { lg: 'sticky' }, top: { lg: 88 }, minWidth: 0 }}>
        <Paper component="section" aria-labelledby="pay-summary" sx={{ p: 2 }}>
          <Typography variant="h3" id="pay-summary" sx={{ mb: 1 }}>
            Répartition
          </Typography>
          <Table size="small" sx={{ '& td': { px: 0.5 } }} aria-label="Répartition du montant">
            <TableBody>
              <TableRow>
                <TableCell>Montant reçu</TableCell>
                <TableCell sx={amountSx}>{formatEuro(amountCents ?? 0n)}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell>Imputé sur les factures</TableCell>
                <TableCell sx={amountSx}>{formatEuro(shownAllocated)}</TableCell>
              </TableRow>
              <TableRow sx={{ '& td': { fontWeight: 600, borderBottom: 0 } }}>
                <TableCell>{over ? 'Imputé en trop' : 'Reste : gardé en avance'}</TableCell>
                <TableCell sx={{ ...amountSx, color: over ? 'error.main' : undefined }} data-testid="advance">
                  {formatEuro(over ? -shownLeft : shownLeft)}
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
          {noneChosen && (
            <Alert severity="info" variant="outlined" sx={{ mt: 1 }}>
              Aucune facture choisie : le règlement sera imputé aux factures les plus anciennes, comme le montre l’écriture.
            </Alert>
          )}
          {over && (
            <Alert severity="error" sx={{ mt: 1 }}>
              Vous imputez plus que le montant reçu : diminuez une imputation ou corrigez le montant.
            </Alert>
          )}
          <Button type="submit" variant="contained" fullWidth sx={{ mt: 2 }} disabled={invalid} loading={record.isPending}>
            {amountCents && amountCents > 0n ? `Enregistrer le règlement de ${formatEuro(amountCents)}` : 'Enregistrer le règlement'}
          </Button>
        </Paper>
        <EntryPreview
          title="Ce que ce règlement écrit dans vos comptes"
          entries={entries}
          label={book.label}
          emptyText="Indiquez le client et le montant reçu : l’écriture s’affiche ici au fur et à mesure."
        />
      </Stack>
      <ErrorDialog message={refusal} onClose={() => setRefusal(null)} />
    </Box>
  );
}
