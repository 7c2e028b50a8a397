import Chip from '@mui/material/Chip';
import { INVOICE_STATUS_LABELS, type InvoiceStatus } from '../../shared/domain/invoice';
import { parseAmount } from '../../shared/money';
import { useToday } from '../lib/today';
import { statusColors } from '../theme';

/** What the owner sees: the ledger's status, or « En retard » once the due date has passed with money still owed. */
export type DisplayStatus = InvoiceStatus | 'overdue';

export function displayStatus(inv: { status: InvoiceStatus; dueDate: string; outstanding: string }, today: string): DisplayStatus {
  const owed = parseAmount(inv.outstanding);
  if ((inv.status === 'open' || inv.status === 'partial') && inv.dueDate < today && owed && owed.gt(0)) return 'overdue';
  return inv.status;
}

export const DISPLAY_STATUS_LABELS: Record<DisplayStatus, string> = { ...INVOICE_STATUS_LABELS, overdue: 'En retard' };

/** The colour of a status, the same on every screen (ux.md). */
export function statusColor(s: DisplayStatus): string | undefined {
  switch (s) {
    case 'open':
      return statusColors.open;
    case 'partial':
      return statusColors.partial;
    case 'paid':
      return statusColors.paid;
    case 'overdue':
      return statusColors.overdue;
    case 'doubtful':
      return statusColors.doubtful;
    case 'written_off':
    case 'cancelled':
      return statusColors.written_off;
    default:
      return undefined;
  }
}

/** A status chip: filled in the status colour, outlined grey for a draft. */
export function StatusChip({ status }: { status: DisplayStatus }) {
  const color = statusColor(status);
  const label = DISPLAY_STATUS_LABELS[status];
  if (!color) return <Chip size="small" variant="outlined" label={label} data-status={status} />;
  return <Chip size="small" label={label} data-status={status} sx={{ bgcolor: color, color: '#fff', fontWeight: 500 }} />;
}

/** The chip of an invoice (its status with overdue derived). */
export function InvoiceStatusChip({ invoice }: { invoice: { status: InvoiceStatus; dueDate: string; outstanding: string } }) {
  return <StatusChip status={displayStatus(invoice, useToday())} />;
}
