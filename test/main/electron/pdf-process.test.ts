import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ForkOptions } from 'electron';
import type { PrintedDocument } from '../../../src/main/core/documents/invoice-document';
import { silentLogger, type Logger } from '../../../src/main/core/context';
import { utilityPdfDrawer, type PdfBudget } from '../../../src/main/electron/pdf-process';
import { drawRequest, servePdfRequest } from '../../../src/main/electron/pdf-worker';
import { AppError } from '../../../src/shared/errors';
import { callOk, testCompany } from '../../helpers/context';
import { companyInit, societeGenerale } from '../../helpers/fixtures';

// Neither module may need Electron at run time (the fork is passed in, the port is given by the process).
vi.mock('electron', () => ({}));

const DOC: PrintedDocument = {
  kind: 'invoice', title: 'Facture', draft: false, meta: [['Numéro', 'F2026-00001']], seller: { name: 'Atelier Dupont', lines: ['Lyon'] },
  customer: { heading: 'Facturé à', name: 'Société Générale', lines: ['Paris'] }, preamble: [],
  columns: [{ header: 'Désignation', width: 'flex', align: 'left' }, { header: 'Total HT', width: 80, align: 'right' }],
  rows: [['Table en chêne', '1 000,00 €']], vatRecap: [], vatNotes: [], totals: [{ label: 'Total TTC', value: '1 200,00 €', strong: true }],
  sections: [], footer: 'Atelier Dupont — SIREN 732 829 320', runningTitle: 'Facture F2026-00001', fileName: 'Facture F2026-00001.pdf', mentions: [],
  info: { title: 'Facture F2026-00001', author: 'Atelier Dupont', subject: 'Facture' },
};
const CREATED = new Date('2026-11-22T10:00:00Z');
const BUDGET: PdfBudget = { timeoutMs: 5_000, maxOldSpaceMB: 256, concurrency: 2 };

/** A utility process as the drawer sees it: an emitter with postMessage and kill. */
class FakeChild extends EventEmitter {
  readonly posted: unknown[] = [];
  killed = false;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  kill() {
    this.killed = true;
    return true;
  }
}

/** A fake utilityProcess.fork; `behave` decides what each child does once spawned. */
function fakeFork(behave: (child: FakeChild) => void = () => {}) {
  const children: FakeChild[] = [];
  const calls: { modulePath: string; args: string[] | undefined; options: ForkOptions | undefined }[] = [];
  const fork = vi.fn((modulePath: string, args?: string[], options?: ForkOptions) => {
    const child = new FakeChild();
    children.push(child);
    calls.push({ modulePath, args, options });
    queueMicrotask(() => {
      child.emit('spawn');
      behave(child);
    });
    return child as never;
  });
  return { fork, children, calls };
}

/** A child that runs the real worker code on a port joined to it: the whole protocol, in this process. */
function realWorker(child: FakeChild) {
  const port = new EventEmitter() as EventEmitter & { postMessage: (m: unknown) => void };
  port.postMessage = (reply) => child.emit('message', reply);
  servePdfRequest(port as never);
  for (const message of child.posted) port.emit('message', { data: message, ports: [] });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('utilityPdfDrawer (Electron mocked)', () => {
  it('draws in a utility process of its own with a heap limit, gets the PDF back and stops the process', async () => {
    const { fork, children, calls } = fakeFork(realWorker);
    const draw = utilityPdfDrawer(fork, '/app/dist/main/pdf-worker.cjs', silentLogger, BUDGET);
    const bytes = await draw(DOC, CREATED);
    expect(Buffer.from(bytes).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(calls).toEqual([
      { modulePath: '/app/dist/main/pdf-worker.cjs', args: [], options: { execArgv: ['--max-old-space-size=256'], serviceName: 'Encours — documents PDF', stdio: 'ignore' } },
    ]);
    expect(children[0]?.posted).toEqual([{ document: DOC, createdAt: CREATED.toISOString() }]);
    expect(children[0]?.killed).toBe(true);
  });

  it('stops a document past its time budget and says in French what to shorten', async () => {
    vi.useFakeTimers();
    const errors: string[] = [];
    const log: Logger = { info: () => {}, error: (m) => void errors.push(m) };
    const { fork, children } = fakeFork(); // never answers
    const drawing = utilityPdfDrawer(fork, 'pdf-worker.cjs', log, BUDGET)(DOC, CREATED);
    const outcome = drawing.then(() => null, (e: unknown) => e);
    await vi.advanceTimersByTimeAsync(BUDGET.timeoutMs - 1);
    expect(children[0]?.killed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const err = await outcome;
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/n’a pas pu être préparé en 5 secondes.*Raccourcissez/) });
    expect(children[0]?.killed).toBe(true);
    expect(errors[0]).toContain('Facture F2026-00001.pdf');
  });

  it('refuses in French a document whose process died (its memory budget exceeded), the main process untouched', async () => {
    const { fork } = fakeFork((child) => child.emit('exit', 134));
    const err = await utilityPdfDrawer(fork, 'pdf-worker.cjs', silentLogger, BUDGET)(DOC, CREATED).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/dépassé la mémoire réservée à sa préparation \(256 Mo\)/) });
  });

  it('turns a drawing failure in the process into an error of ours (an INTERNAL incident at dispatch)', async () => {
    const { fork } = fakeFork((child) => child.emit('message', { ok: false, message: 'police introuvable' }));
    const err = await utilityPdfDrawer(fork, 'pdf-worker.cjs', silentLogger, BUDGET)(DOC, CREATED).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(AppError);
    expect(String(err)).toContain('police introuvable');
  });

  it('runs at most `concurrency` processes at once; the others wait their turn', async () => {
    const { fork, children } = fakeFork();
    const draw = utilityPdfDrawer(fork, 'pdf-worker.cjs', silentLogger, BUDGET);
    const all = [1, 2, 3, 4].map(() => draw(DOC, CREATED));
    await new Promise((r) => setTimeout(r, 10));
    expect(children).toHaveLength(2);
    children[0]?.emit('message', { ok: true, pdf: new Uint8Array([1]) });
    await new Promise((r) => setTimeout(r, 10));
    expect(children).toHaveLength(3);
    for (const c of children.slice(1)) c.emit('message', { ok: true, pdf: new Uint8Array([2]) });
    await new Promise((r) => setTimeout(r, 10));
    children[3]?.emit('message', { ok: true, pdf: new Uint8Array([3]) });
    expect((await Promise.all(all)).map((b) => b[0])).toEqual([1, 2, 2, 3]);
  });
});

describe('the PDF worker', () => {
  it('answers a request with the PDF of the bounded document, and a malformed one with a refusal', async () => {
    const reply = await drawRequest({ document: { ...DOC, rows: [['W'.repeat(20_000), '1 000,00 €']] }, createdAt: CREATED.toISOString() });
    expect(reply.ok).toBe(true);
    if (reply.ok) expect(Buffer.from(reply.pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await drawRequest({ document: DOC, createdAt: 'hier' })).toEqual({ ok: false, message: 'demande illisible' });
    expect(await drawRequest(null)).toEqual({ ok: false, message: 'demande illisible' });
  });
});

describe('the document channels with a drawer of the door', () => {
  it('hand the drawer the document with its texts already bounded, and return what it drew', async () => {
    const tc = testCompany();
    const seen: PrintedDocument[] = [];
    tc.ctx.drawPdf = async (d) => {
      seen.push(d);
      return new TextEncoder().encode('%PDF-dessiné ailleurs');
    };
    await callOk(tc.ctx, 'company.init', companyInit);
    await callOk(tc.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
    await callOk(tc.ctx, 'dunning.templates.set', { templates: [{ kind: 'courtesy', subject: 'Rappel', letter: '{client} '.repeat(880), email: 'Bonjour' }] });
    const inv = await callOk(tc.ctx, 'invoice.create', {
      customerId: 1, date: '2026-06-01', dueDate: '2026-07-01', validate: true,
      lines: [{ description: 'Charpente', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'goods' }],
    });
    const rendered = await callOk(tc.ctx, 'document.render', { kind: 'invoice', id: inv.id });
    expect(Buffer.from(rendered.pdf, 'base64').toString('utf8')).toBe('%PDF-dessiné ailleurs');
    const scenario = await callOk(tc.ctx, 'dunning.scenario.get', {});
    const courtesy = scenario.business.find((s) => s.kind === 'courtesy');
    await callOk(tc.ctx, 'document.render', { kind: 'dunningLetter', id: inv.id, step: courtesy?.key, asOf: '2026-06-25' });
    expect(seen).toHaveLength(2);
    const longest = Math.max(...(seen[1]?.preamble ?? []).map((p) => p.length));
    expect(longest).toBeLessThanOrEqual(10_001);
    expect(seen[1]?.preamble.some((p) => p.endsWith('…'))).toBe(true);
  });
});
