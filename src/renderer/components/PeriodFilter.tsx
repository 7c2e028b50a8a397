import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { useCompany } from '../features/company/api';
import { useFiscalYears } from '../features/ledger/api';
import { fiscalYearLong, fiscalYearShort } from '../lib/format';

export interface Period {
  /** "YYYY-MM-DD", or "" for no bound. */
  from: string;
  to: string;
}

/**
 * The period of a report, kept in the address (?du=…&au=…) so a link can carry it; by default the open
 * fiscal year, the one the owner works in.
 */
export function usePeriod(): [Period, (p: Period) => void] {
  const [params, setParams] = useSearchParams();
  const company = useCompany().data;
  const period = {
    from: params.has('du') ? (params.get('du') ?? '') : (company?.fiscalYear.start ?? ''),
    to: params.has('au') ? (params.get('au') ?? '') : (company?.fiscalYear.end ?? ''),
  };
  const setPeriod = (p: Period) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('du', p.from);
        next.set('au', p.to);
        return next;
      },
      { replace: true },
    );
  return [period, setPeriod];
}

/** The bounds as a request expects them: absent when empty, nothing sent while "from" follows "to". */
export function periodRequest(p: Period): { from?: string; to?: string } {
  if (p.from && p.to && p.from > p.to) return { from: p.from, to: p.from };
  return { ...(p.from ? { from: p.from } : {}), ...(p.to ? { to: p.to } : {}) };
}

function DateFilter({ label, value, onChange, error, helperText }: { label: string; value: string; onChange: (v: string) => void; error?: boolean; helperText?: string }) {
  return (
    <DatePicker
      label={label}
      value={value ? dayjs(value) : null}
      onChange={(d) => {
        if (d === null) onChange('');
        else if (d.isValid() && d.year() >= 1900) onChange(d.format('YYYY-MM-DD'));
      }}
      slotProps={{ textField: { size: 'small', sx: { width: 190 }, error, helperText }, field: { clearable: true } }}
    />
  );
}

/** A fiscal year in one click, or any dates. */
export function PeriodFilter({ value, onChange }: { value: Period; onChange: (p: Period) => void }) {
  const years = useFiscalYears().data?.rows ?? [];
  const match = years.find((y) => y.start === value.from && y.end === value.to);
  const choice = match ? match.end : !value.from && !value.to ? 'all' : 'custom';
  const reversed = Boolean(value.from && value.to && value.from > value.to);
  return (
    <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <TextField
        select
        label="Période"
        value={choice}
        sx={{ width: 200 }}
        slotProps={{
          select: {
            renderValue: (v) => (v === 'all' ? 'Toutes les dates' : v === 'custom' ? 'Dates choisies' : `Exercice ${match ? fiscalYearShort(match) : ''}`),
          },
        }}
        onChange={(e) => {
          const v = e.target.value;
          if (v === 'all') onChange({ from: '', to: '' });
          const y = years.find((fy) => fy.end === v);
          if (y) onChange({ from: y.start, to: y.end });
        }}
      >
        {years.map((y) => (
          <MenuItem key={y.end} value={y.end}>
            Exercice {fiscalYearShort(y)} ({fiscalYearLong(y)})
          </MenuItem>
        ))}
        <MenuItem value="all">Toutes les dates</MenuItem>
        <MenuItem value="custom" disabled>
          Dates choisies
        </MenuItem>
      </TextField>
      <DateFilter label="Du" value={value.from} onChange={(from) => onChange({ ...value, from })} />
      <DateFilter label="Au" value={value.to} onChange={(to) => onChange({ ...value, to })} error={reversed} helperText={reversed ? 'Avant la date de début.' : undefined} />
    </Stack>
  );
}
