import type { Handlers } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { HandlerContext, ServiceContext } from './context';

/** How long a finished job stays readable: enough for the last poll of whoever started it. */
export const JOB_RETENTION_MS = 60_000;

export interface JobProgress {
  jobId: string;
  done: number;
  total: number;
  finished: boolean;
}

interface JobState {
  done: number;
  total: number;
  finished: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}

/** What a long operation holds to report its progress. */
export interface JobHandle {
  setTotal(total: number): void;
  progress(done: number): void;
  /** Marks the job finished (success or failure) and forgets it JOB_RETENTION_MS later. */
  finish(): void;
}

/**
 * The progress of long operations started with a `jobId` (export.fec), kept in memory for this process:
 * the operation updates it between chunks, `job.status` reads it meanwhile. Nothing is persisted.
 */
const registry = new Map<string, JobState>();

export function startJob(jobId: string, total = 0): JobHandle {
  const existing = registry.get(jobId);
  if (existing && !existing.finished) {
    throw new AppError('CONFLICT', `Une opération en cours porte déjà l’identifiant de suivi « ${jobId} » : choisissez-en un autre.`, {
      jobId: 'Identifiant déjà utilisé par une opération en cours.',
    });
  }
  if (existing?.timer) clearTimeout(existing.timer);
  const state: JobState = { done: 0, total, finished: false, timer: null };
  registry.set(jobId, state);
  return {
    setTotal(n) {
      state.total = n;
    },
    progress(done) {
      state.done = done;
    },
    finish() {
      if (state.finished) return;
      state.finished = true;
      // unref: a finished job never keeps the CLI's process alive.
      state.timer = setTimeout(() => {
        if (registry.get(jobId) === state) registry.delete(jobId);
      }, JOB_RETENTION_MS);
      state.timer.unref?.();
    },
  };
}

export function jobStatus(jobId: string): JobProgress {
  const state = registry.get(jobId);
  if (!state) {
    throw new AppError('NOT_FOUND', `Aucune opération en cours ou récente ne porte l’identifiant de suivi « ${jobId} ».`);
  }
  return { jobId, done: state.done, total: state.total, finished: state.finished };
}

export const jobHandlers: Pick<Handlers<HandlerContext>, 'job.status'> = {
  // Needs no open file: a job's progress is kept in memory.
  'job.status'(_ctx: ServiceContext, req) {
    return jobStatus(req.jobId);
  },
};
