import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { JOB_RETENTION_MS, jobStatus, startJob } from '../../../src/main/core/jobs';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).code;
  }
  return 'ok';
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the job registry', () => {
  it('reports total, progress and the end of a job', () => {
    const job = startJob('registre-1');
    job.setTotal(30_000);
    expect(jobStatus('registre-1')).toEqual({ jobId: 'registre-1', done: 0, total: 30_000, finished: false });
    job.progress(10_000);
    expect(jobStatus('registre-1')).toEqual({ jobId: 'registre-1', done: 10_000, total: 30_000, finished: false });
    job.progress(30_000);
    job.finish();
    expect(jobStatus('registre-1')).toEqual({ jobId: 'registre-1', done: 30_000, total: 30_000, finished: true });
  });

  it('forgets a finished job a little later, not before', () => {
    vi.useFakeTimers();
    const job = startJob('registre-2');
    job.finish();
    vi.advanceTimersByTime(JOB_RETENTION_MS - 1);
    expect(jobStatus('registre-2').finished).toBe(true);
    vi.advanceTimersByTime(1);
    expect(codeOf(() => jobStatus('registre-2'))).toBe('NOT_FOUND');
  });

  it('keeps a running job as long as it runs', () => {
    vi.useFakeTimers();
    startJob('registre-3');
    vi.advanceTimersByTime(10 * JOB_RETENTION_MS);
    expect(jobStatus('registre-3').finished).toBe(false);
  });

  it('refuses to start a job under the id of one still running, but reuses the id of a finished one', () => {
    vi.useFakeTimers();
    const first = startJob('registre-4');
    expect(codeOf(() => startJob('registre-4'))).toBe('CONFLICT');
    first.finish();
    const second = startJob('registre-4');
    second.setTotal(5);
    // The first job's removal timer must not remove the second.
    vi.advanceTimersByTime(JOB_RETENTION_MS);
    expect(jobStatus('registre-4')).toEqual({ jobId: 'registre-4', done: 0, total: 5, finished: false });
  });
});
