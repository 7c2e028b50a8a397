import CallIcon from '@mui/icons-material/Call';
import EmailIcon from '@mui/icons-material/EmailOutlined';
import EuroIcon from '@mui/icons-material/Euro';
import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdfOutlined';
import SettingsIcon from '@mui/icons-material/Settings';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import MuiLink from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { frFR as gridFr } from '@mui/x-data-grid/locales';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { addDays, formatDateShort } from '../../../shared/dates';
import { DUNNING_CHANNEL_LABELS, DUNNING_STEP_KIND_LABELS, type DunningStepKind } from '../../../shared/domain/dunning';
import { Dec, formatEuro } from '../../../shared/money';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/form/serverErrors';
import { useToday } from '../../lib/today';
import { PageHeader } from '../../components/PageHeader';
import { PdfPreviewDialog } from '../../components/pdf/PdfPreviewDialog';
import { statusColors } from '../../theme';
import { CallDialog, EmailDialog, LetterSentDialog } from './ActionDialogs';
import { useDunningDue, usePaymentPlans, useScenario, type DueRow } from './api';
import { STEP_KIND_COLORS, STEP_KIND_HELP, STEP_KINDS_IN_ORDER, StepChip, lateText } from './common';
import { PlanCard } from './History';
import { PaymentPlanDialog } from './PaymentPlanDialog';
import { PenaltyDialog } from './PenaltyDialog';

type Action = 'email' | 'letter' | 'letterSent' | 'call' | 'plan' | 'penalty';

function ActionButton({ label, icon, onClick }: { label: string; icon: ReactNode; onClick: () => void }) {
  return (
    <Tooltip title={label}>
      <IconButton size="small" aria-label={label} onClick={onClick}>
        {icon}
      </IconButton>
    </Tooltip>
  );
}

/** What the penalties of a row are made of, in the words of its customer's kind. */
function penaltyHelp(row: DueRow): string {
  if (row.penaltyOf) return 'Une facture de pénalités ne porte pas elle-même de pénalités.';
  if (row.customerKind === 'consumer') {
    return row.formalNotice
      ? `Intérêts au taux légal depuis la mise en demeure du ${formatDateShort(row.formalNotice)} : ${formatEuro(row.penalties.interest)}`
      : 'Particulier : aucun intérêt avant une mise en demeure, jamais d’indemnité de 40 €.';
  }
  return `Intérêts ${formatEuro(row.penalties.interest)} + indemnité ${formatEuro(row.penalties.indemnity)}`;
}

/** Relances: what is due on a day (today by default), step by step, and what to do about each invoice. */
export function DunningPage() {
  const today = useToday();
  const [asOf, setAsOf] = useState(today);
  const [kind, setKind] = useState<DunningStepKind | 'all'>('all');
  const [active, setActive] = useState<{ row: DueRow; action: Action } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const due = useDunningDue(asOf);
  const plans = usePaymentPlans({});
  const all = due.data?.rows ?? [];
  const rows = kind === 'all' ? all : all.filter((r) => r.step.kind === kind);
  const counts = new Map<DunningStepKind, number>();
  for (const r of all) counts.set(r.step.kind, (counts.get(r.step.kind) ?? 0) + 1);
  const outstanding = all.reduce((s, r) => s.plus(r.outstanding), new Dec(0));
  const activePlans = (plans.data?.rows ?? []).filter((p) => p.status === 'active');
  const open = (row: DueRow, action: Action) => () => setActive({ row, action });
  const scenario = useScenario().data;
  /** After an action: said, with what comes next for that invoice (the row leaves today's list until then). */
  const done = (message: string) => {
    const row = active?.row;
    setActive(null);
    if (!row || !scenario || !message.startsWith('Relance enregistrée')) return setNotice(message);
    const steps = scenario[row.customerKind];
    const next = steps[steps.findIndex((s) => s.key === row.step.key) + 1];
    const reference = row.basis === 'instalment' && row.instalment ? row.instalment.date : row.dueDate;
    setNotice(next ? `${message} Prochaine étape : « ${next.label} », à partir du ${formatDateShort(addDays(reference, next.offsetDays))}.` : `${message} C’était la dernière étape du scénario.`);
  };

  const columns: GridColDef<DueRow>[] = [
    {
      field: 'step',
      headerName: 'Étape',
      flex: 1,
      minWidth: 170,
      valueGetter: (_v, row) => row.step.label,
      renderCell: ({ row }) => <StepChip kind={row.step.kind} label={row.step.label} />,
    },
    {
      field: 'number',
      headerName: 'Facture et client',
      flex: 1,
      minWidth: 170,
      renderCell: ({ row }) => (
        <Box sx={{ lineHeight: 1.3, minWidth: 0 }}>
          <MuiLink component={Link} to={`/factures/${row.invoiceId}`} sx={{ fontWeight: 500 }}>
            {row.number}
          </MuiLink>
          <MuiLink component={Link} to={`/clients/${row.customerId}`} color="text.secondary" underline="hover" sx={{ display: 'block', fontSize: '0.8125rem', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {row.customerName}
            {row.customerKind === 'consumer' ? ' (particulier)' : ''}
          </MuiLink>
          {row.penaltyOf && (
            <Typography component="span" variant="caption" color="text.secondary" sx={{ display: 'block', lineHeight: 1.2 }}>
              pénalités de la facture {row.penaltyOf.number}
            </Typography>
          )}
        </Box>
      ),
    },
    {
      field: 'dueDate',
      headerName: 'Échéance',
      width: 125,
      renderCell: ({ row }) => (
        <Box sx={{ lineHeight: 1.3 }}>
          <div>{formatDateShort(row.dueDate)}</div>
          <Box component="span" sx={{ fontSize: '0.8125rem', color: row.daysOverdue > 0 ? statusColors.overdue : 'text.secondary', fontWeight: row.daysOverdue > 0 ? 600 : 400 }}>
            {row.daysOverdue > 0 ? `${row.daysOverdue} j de retard` : lateText(row.daysOverdue)}
          </Box>
          {row.basis === 'instalment' && row.instalment && (
            <Typography component="span" variant="caption" sx={{ display: 'block', lineHeight: 1.2, color: 'text.secondary' }}>
              échéancier : {formatEuro(row.instalment.unpaid)} au {formatDateShort(row.instalment.date)}
            </Typography>
          )}
        </Box>
      ),
    },
    { field: 'outstanding', headerName: 'Reste dû', width: 110, align: 'right', headerAlign: 'right', valueFormatter: (v: string) => formatEuro(v) },
    {
      field: 'penalties',
      headerName: 'Pénalités',
      description: 'Intérêts de retard et indemnité forfaitaire, à la date choisie',
      width: 110,
      align: 'right',
      headerAlign: 'right',
      valueGetter: (_v, row) => row.penalties.total,
      renderCell: ({ row }) => (
        <Tooltip title={penaltyHelp(row)}>
          <span data-testid="due-penalties">{row.penaltyOf ? '—' : formatEuro(row.penalties.total)}</span>
        </Tooltip>
      ),
    },
    {
      field: 'lastAction',
      headerName: 'Dernière relance',
      flex: 1,
      minWidth: 130,
      valueGetter: (_v, row) => row.lastAction?.date ?? '',
      renderCell: ({ row }) =>
        row.lastAction ? (
          <Box sx={{ lineHeight: 1.25 }}>
            <div>{row.lastAction.stepLabel}</div>
            <Typography variant="caption" color="text.secondary">
              {formatDateShort(row.lastAction.date)} · {DUNNING_CHANNEL_LABELS[row.lastAction.channel]}
            </Typography>
          </Box>
        ) : (
          <Typography variant="body2" color="text.secondary">
            Aucune
          </Typography>
        ),
    },
    {
      field: 'actions',
      headerName: 'Actions',
      width: 178,
      sortable: false,
      renderCell: ({ row }) => (
        <Box role="group" aria-label={`Actions pour ${row.number}`} sx={{ display: 'flex', gap: 0.25 }}>
          <ActionButton label={`Envoyer par e-mail ${row.number}`} icon={<EmailIcon fontSize="small" />} onClick={open(row, 'email')} />
          <ActionButton label={`Lettre PDF ${row.number}`} icon={<PictureAsPdfIcon fontSize="small" />} onClick={open(row, 'letter')} />
          <ActionButton label={`Appel ${row.number}`} icon={<CallIcon fontSize="small" />} onClick={open(row, 'call')} />
          <ActionButton label={`Proposer un échéancier ${row.number}`} icon={<EventRepeatIcon fontSize="small" />} onClick={open(row, 'plan')} />
          {!row.penaltyOf && <ActionButton label={`Facturer les pénalités ${row.number}`} icon={<EuroIcon fontSize="small" />} onClick={open(row, 'penalty')} />}
        </Box>
      ),
    },
  ];

  const isToday = asOf === today;
  return (
    <>
      <PageHeader
        title="Relances"
        subtitle="Les relances à faire, facture par facture, dans l’ordre de votre scénario, sans en sauter d’étape : un rappel aimable avant l’échéance, puis une relance écrite, un appel, la mise en demeure et le contentieux."
        actions={
          <Button startIcon={<SettingsIcon />} component={Link} to="/parametres/relances">
            Scénario et modèles
          </Button>
        }
      />
      <Paper sx={{ p: 2, mb: 2 }}>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
          <Typography variant="h2" component="h2" sx={{ flexGrow: 1 }}>
            {isToday ? 'À faire aujourd’hui' : `À faire le ${formatDateShort(asOf)}`}
          </Typography>
          <Box sx={{ width: 200 }}>
            <DatePicker
              label="Relances dues au"
              value={dayjs(asOf)}
              onChange={(d) => d && d.isValid() && setAsOf(d.format('YYYY-MM-DD'))}
              slotProps={{ textField: { size: 'small', fullWidth: true, helperText: isToday ? undefined : 'Pour voir venir ou revoir un jour passé.' } }}
            />
          </Box>
          {!isToday && <Button onClick={() => setAsOf(today)}>Revenir à aujourd’hui</Button>}
        </Box>
        {all.length > 0 && (
          <Box role="group" aria-label="Filtrer par étape" sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mb: 2, alignItems: 'center' }}>
            <Chip
              label={`Toutes (${all.length})`}
              clickable
              aria-pressed={kind === 'all'}
              variant={kind === 'all' ? 'filled' : 'outlined'}
              color={kind === 'all' ? 'primary' : 'default'}
              onClick={() => setKind('all')}
            />
            {STEP_KINDS_IN_ORDER.filter((k) => counts.has(k)).map((k) => {
              const selected = kind === k;
              const color = STEP_KIND_COLORS[k];
              return (
                <Chip
                  key={k}
                  label={`${DUNNING_STEP_KIND_LABELS[k]} (${counts.get(k) ?? 0})`}
                  clickable
                  aria-pressed={selected}
                  onClick={() => setKind(selected ? 'all' : k)}
                  variant={selected ? 'filled' : 'outlined'}
                  sx={selected ? { bgcolor: color, color: '#fff', '&:hover, &.Mui-focusVisible': { bgcolor: color } } : { borderColor: color, color }}
                />
              );
            })}
            <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }}>
              {all.length} facture{all.length > 1 ? 's' : ''} à relancer, {formatEuro(outstanding.toFixed(2))} en jeu
            </Typography>
          </Box>
        )}
        {kind !== 'all' && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {STEP_KIND_HELP[kind]}
          </Typography>
        )}
        {due.error && <Alert severity="error" sx={{ mb: 2 }}>{errorMessage(due.error)}</Alert>}
        {!due.isLoading && !due.error && all.length === 0 ? (
          <EmptyState
            icon={<NotificationsActiveIcon fontSize="inherit" />}
            title={isToday ? 'Aucune relance à faire aujourd’hui' : `Aucune relance due le ${formatDateShort(asOf)}`}
            action={
              <Stack direction="row" spacing={1} sx={{ justifyContent: 'center' }}>
                <Button variant="outlined" onClick={() => setAsOf(addDays(asOf, 7))}>
                  Voir dans 7 jours
                </Button>
                <Button component={Link} to="/parametres/relances">
                  Régler le scénario
                </Button>
              </Stack>
            }
          >
            <p style={{ margin: '0 0 8px' }}>
              Chaque facture validée suit votre scénario de relance : un rappel aimable quelques jours avant l’échéance, puis, si elle reste impayée, une relance écrite, un appel, la mise en demeure et le passage au contentieux.
            </p>
            <p style={{ margin: 0 }}>Quand une étape arrive, la facture apparaît ici avec son retard et ses pénalités. Ce que vous faites (e-mail, lettre, appel) est gardé dans son historique et sert de pièce justificative.</p>
          </EmptyState>
        ) : (
          <DataGrid
            rows={rows}
            columns={columns}
            getRowId={(r) => `${r.invoiceId}-${r.step.key}`}
            loading={due.isLoading || due.isFetching}
            density="compact"
            getRowHeight={() => 'auto'}
            disableRowSelectionOnClick
            disableColumnFilter
            hideFooter={rows.length <= 100}
            autoHeight
            localeText={{ ...gridFr.components.MuiDataGrid.defaultProps.localeText, noRowsLabel: 'Aucune facture à cette étape.' }}
            sx={{ '& .MuiDataGrid-cell': { py: 0.75, display: 'flex', alignItems: 'center' } }}
            aria-label="Relances à faire"
          />
        )}
      </Paper>

      {activePlans.length > 0 && (
        <Paper component="section" aria-labelledby="plans-title" sx={{ p: 2 }}>
          <Typography variant="h2" id="plans-title" sx={{ mb: 0.5 }}>
            Échéanciers en cours
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            Tant qu’un échéancier est suivi, les relances portent sur ses échéances ; une échéance manquée est signalée et fait de la facture une candidate aux créances douteuses.
          </Typography>
          <Stack spacing={1.5}>
            {activePlans.map((p) => (
              <PlanCard key={p.id} plan={p} onCancelled={setNotice} />
            ))}
          </Stack>
        </Paper>
      )}

      {active?.action === 'email' && <EmailDialog row={active.row} asOf={asOf} onClose={() => setActive(null)} onDone={done} />}
      {active?.action === 'call' && <CallDialog row={active.row} onClose={() => setActive(null)} onDone={done} />}
      {active?.action === 'plan' && <PaymentPlanDialog row={active.row} onClose={() => setActive(null)} onDone={done} />}
      {active?.action === 'penalty' && <PenaltyDialog row={active.row} asOf={asOf} onClose={() => setActive(null)} onDone={done} />}
      {active?.action === 'letterSent' && <LetterSentDialog row={active.row} onClose={() => setActive(null)} onDone={done} />}
      <PdfPreviewDialog
        open={active?.action === 'letter'}
        onClose={() => setActive((a) => (a ? { row: a.row, action: 'letterSent' } : null))}
        title={active ? `${active.row.step.kind === 'formal_notice' ? 'Mise en demeure' : 'Lettre de relance'} — ${active.row.number}` : ''}
        request={active?.action === 'letter' ? { kind: 'dunningLetter', id: active.row.invoiceId, step: active.row.step.key, asOf } : null}
      />
      <Snackbar open={notice !== null} autoHideDuration={6000} onClose={() => setNotice(null)} message={notice} />
    </>
  );
}
