import Chip from '@mui/material/Chip';
import { DUNNING_STEP_KIND_LABELS, type DunningStepKind } from '../../../shared/domain/dunning';
import { statusColors } from '../../theme';

/** The colour of a step: warmer as the dunning hardens (courtesy → litigation). */
export const STEP_KIND_COLORS: Record<DunningStepKind, string> = {
  courtesy: '#00796b',
  reminder: '#b26a00',
  call: '#d84315',
  formal_notice: '#c62828',
  litigation: '#6a1b9a',
};

/** What each kind of step asks of the owner, in one sentence. */
export const STEP_KIND_HELP: Record<DunningStepKind, string> = {
  courtesy: 'Un rappel aimable avant l’échéance : la plupart des retards sont des oublis.',
  reminder: 'Une relance écrite, par e-mail ou courrier : elle devient une pièce justificative.',
  call: 'Un appel pour comprendre le retard et proposer, si besoin, un échéancier.',
  formal_notice: 'La mise en demeure, par lettre recommandée : elle fait courir les intérêts et prépare un recours.',
  litigation: 'Le passage au contentieux : injonction de payer, huissier ou société de recouvrement.',
};

export const STEP_KINDS_IN_ORDER: DunningStepKind[] = ['courtesy', 'reminder', 'call', 'formal_notice', 'litigation'];

export function StepChip({ kind, label, size = 'small' }: { kind: DunningStepKind; label?: string; size?: 'small' | 'medium' }) {
  const color = STEP_KIND_COLORS[kind];
  // A long label wraps inside the chip rather than being cut.
  return (
    <Chip
      size={size}
      label={label ?? DUNNING_STEP_KIND_LABELS[kind]}
      data-step-kind={kind}
      sx={{ bgcolor: color, color: '#fff', fontWeight: 500, height: 'auto', minHeight: size === 'small' ? 24 : 32, maxWidth: '100%', '& .MuiChip-label': { whiteSpace: 'normal', py: 0.25, lineHeight: 1.3 } }}
    />
  );
}

const INSTALMENT_LABELS = { paid: 'Réglée', partial: 'Réglée en partie', due: 'À venir', missed: 'Manquée' } as const;
const INSTALMENT_COLORS = { paid: statusColors.paid, partial: statusColors.partial, due: statusColors.open, missed: statusColors.overdue } as const;

export function InstalmentChip({ status }: { status: keyof typeof INSTALMENT_LABELS }) {
  return <Chip size="small" variant="outlined" label={INSTALMENT_LABELS[status]} data-instalment={status} sx={{ color: INSTALMENT_COLORS[status], borderColor: INSTALMENT_COLORS[status] }} />;
}

export const PLAN_STATUS_LABELS = { active: 'En cours', completed: 'Soldé', cancelled: 'Annulé' } as const;

/** "-15" → "15 jours avant l’échéance", "7" → "7 jours après", "0" → "le jour de l’échéance". */
export function offsetText(days: number): string {
  if (days === 0) return 'le jour de l’échéance';
  const n = Math.abs(days);
  return `${n} jour${n > 1 ? 's' : ''} ${days < 0 ? 'avant' : 'après'} l’échéance`;
}

/** "-3" → "dans 3 j", "12" → "12 j". */
export function lateText(days: number): string {
  if (days < 0) return `échéance dans ${-days} j`;
  if (days === 0) return 'échéance aujourd’hui';
  return `${days} j`;
}
