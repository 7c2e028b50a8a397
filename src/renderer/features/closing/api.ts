import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestInput } from '../../../shared/contract';
import { call } from '../../lib/ipc';

export const backupsKey = ['backups'] as const;

export function useBackups() {
  return useQuery({ queryKey: backupsKey, queryFn: () => call('backup.list', {}) });
}

export function useCreateBackup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call('backup.create', {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: backupsKey }),
  });
}

/** Asks the main process to open the system's dialog; a token comes back, never a path the window named. */
export function useChooseFolder() {
  return useMutation({ mutationFn: () => call('dialog.chooseFile', { purpose: 'fecFolder' }) });
}

export function useExportFec() {
  return useMutation({ mutationFn: (req: RequestInput<'export.fec'>) => call('export.fec', req) });
}

/** The progress of a long operation, asked every ~200 ms while it runs. */
export function useJobStatus(jobId: string | null) {
  return useQuery({
    queryKey: ['job', jobId],
    queryFn: () => call('job.status', { jobId: jobId as string }),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data?.finished ? false : 200),
    // The job may not be registered yet at the first tick: keep asking rather than fail.
    retry: true,
    retryDelay: 200,
  });
}

/** An identifier for `job.status`: letters, digits, "_" and "-". */
export function newJobId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `fec-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
