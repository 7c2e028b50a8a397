import Chip from '@mui/material/Chip';
import { QUOTE_STATUS_LABELS, type QuoteStatus } from '../../../shared/domain/quote';
import { statusColors } from '../../theme';

/** The colour of a quote's status, taken from the invoices' palette: sent is pending, accepted is good news. */
export function quoteStatusColor(s: QuoteStatus): string | undefined {
  switch (s) {
    case 'sent':
      return statusColors.open;
    case 'accepted':
      return statusColors.paid;
    case 'expired':
      return statusColors.partial;
    case 'invoiced':
      return statusColors.doubtful;
    case 'refused':
      return statusColors.written_off;
    default:
      return undefined;
  }
}

/** A quote's status chip: filled in its colour, outlined grey for a draft. */
export function QuoteStatusChip({ status }: { status: QuoteStatus }) {
  const color = quoteStatusColor(status);
  const label = QUOTE_STATUS_LABELS[status];
  if (!color) return <Chip size="small" variant="outlined" label={label} data-status={status} />;
  return <Chip size="small" label={label} data-status={status} sx={{ bgcolor: color, color: '#fff', fontWeight: 500 }} />;
}
