import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PATH_FIELDS, type DialogPurpose } from '../../../src/shared/domain/dialog';
import type { ChannelName } from '../../../src/shared/contract';
import { serviceContext, silentLogger, type ServiceContext } from '../../../src/main/core/context';
import { PathGate } from '../../../src/main/core/files/path-gate';
import { runCli } from '../../../src/main/cli/run';
import { callErr, callOk, fixedClock, testCompany } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { companyInit, roundTripIn, societeGenerale } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';
import { tempDir } from '../../helpers/temp';

/**
 * Issue 15: the window named any path to the main process (`export.fec.output`, `document.*.output`,
 * `backup.create.output`, `evidence.add.file`): an evidence copy could read ~/.ssh/id_rsa. At a door
 * with a path gate (Electron's IPC, the harness) a path field takes only a token of the door's dialog.
 */

/** A door with dialogs: `answers[purpose]` is what the owner picks in it (null: closed unchosen). */
function gatedDoor(answers: Partial<Record<DialogPurpose, string | null>>) {
  const tc = testCompany();
  const asked: { purpose: DialogPurpose; suggestedName: string | undefined }[] = [];
  const paths = new PathGate((purpose, suggestedName) => {
    asked.push({ purpose, suggestedName });
    return Promise.resolve(answers[purpose] ?? null);
  });
  const ctx: ServiceContext = serviceContext({ file: tc.ctx.file, now: fixedClock, log: silentLogger, paths });
  return { ...tc, gated: ctx, asked };
}

async function withInvoice(ctx: ServiceContext) {
  await callOk(ctx, 'company.init', companyInit);
  await callOk(ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  return callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-01-10', validate: true, lines: [{ description: 'Table', quantity: '1', unitPrice: '100', vatRate: '20', kind: 'goods' }] });
}

/** Every file under `dir`, recursively, sorted (what a refusal must leave as it was). */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('a raw path over IPC or the harness', () => {
  const rawRequests = (dir: string, secret: string): [ChannelName, Record<string, unknown>, string][] => {
    const script = new Map(roundTripIn(dir).map((s) => [s.channel as string, s.payload as Record<string, unknown>]));
    return Object.keys(PATH_FIELDS).map((channel) => {
      if (channel === 'evidence.add') return [channel, { invoiceId: 1, kind: 'formal_notice', date: '2026-04-01', note: 'Clé', file: secret }, 'file'];
      if (channel === 'backup.create') return [channel, { output: join(dir, 'copie.encours') }, 'output'];
      const payload = script.get(channel);
      if (!payload) throw new Error(`no payload for ${channel}`);
      return [channel as ChannelName, payload, 'output'];
    });
  };

  it('is refused in French on every path field (FEC, PDFs, Factur-X folder, backup, evidence), before anything runs: the file and the folders unchanged', async () => {
    const { gated, path, dir } = gatedDoor({});
    await withInvoice(gated);
    const home = join(dir, 'home');
    mkdirSync(join(home, '.ssh'), { recursive: true });
    const secret = join(home, '.ssh', 'id_rsa');
    writeFileSync(secret, '-----BEGIN OPENSSH PRIVATE KEY-----');
    const requests = rawRequests(dir, secret);
    expect(requests.map(([c]) => c).sort()).toEqual(['backup.create', 'document.creditNote', 'document.facturxBatch', 'document.invoice', 'doubtful.duplicate272', 'doubtful.summary272', 'dunning.letter', 'evidence.add', 'export.fec', 'penalty.document']);
    const before = dumpDb(path);
    const files = listing(dir);
    for (const [channel, payload, field] of requests) {
      const err = await callErr(gated, channel, payload);
      expect(err.code, channel).toBe('FORBIDDEN');
      expectFrench(err.message);
      expect(err.message).toMatch(/Chemin refusé/);
      expect(Object.keys(err.fieldErrors ?? {}), channel).toEqual([field]);
      expect(dumpDb(path), channel).toBe(before);
      expect(listing(dir), channel).toEqual(files);
    }
    // No « pièces » folder, no copy of the key anywhere.
    expect(files.some((f) => f.includes('pièces'))).toBe(false);
  });

  it('is refused as well when it looks like a token the door never gave, or names « ~ » or a relative path', async () => {
    const { gated, path } = gatedDoor({});
    await withInvoice(gated);
    const before = dumpDb(path);
    for (const output of ['jeton-0123456789abcdef0123456789abcdef', '~/.ssh', '.', '../..', 'jeton-../../etc']) {
      const err = await callErr(gated, 'export.fec', { fiscalYearEnd: '2026-12-31', output });
      expect(['FORBIDDEN', 'VALIDATION']).toContain(err.code);
      expectFrench(err.fieldErrors?.output);
    }
    expect(dumpDb(path)).toBe(before);
  });
});

describe('a token of the main process’s dialog', () => {
  it('writes the FEC where the owner picked, once: spent, it is refused; one for another kind of choice too', async () => {
    const out = tempDir();
    const { gated, asked } = gatedDoor({ fecFolder: out, pdf: join(out, 'facture.pdf') });
    await withInvoice(gated);
    const choice = await callOk(gated, 'dialog.chooseFile', { purpose: 'fecFolder' });
    expect(choice).toMatchObject({ canceled: false, path: out, token: expect.stringMatching(/^jeton-[0-9a-f]{32}$/) });
    const fec = await callOk(gated, 'export.fec', { fiscalYearEnd: '2026-12-31', output: choice.token });
    expect(dirname(fec.path)).toBe(out);
    expect(existsSync(fec.path)).toBe(true);

    const again = await callErr(gated, 'export.fec', { fiscalYearEnd: '2026-12-31', output: choice.token });
    expect(again.code).toBe('VALIDATION');
    expectFrench(again.fieldErrors?.output);

    const pdf = await callOk(gated, 'dialog.chooseFile', { purpose: 'pdf', suggestedName: 'Facture F2026-00001.pdf' });
    expect((await callErr(gated, 'export.fec', { fiscalYearEnd: '2026-12-31', output: pdf.token })).fieldErrors?.output).toMatch(/choisissez de nouveau/);
    expect(asked).toEqual([{ purpose: 'fecFolder', suggestedName: undefined }, { purpose: 'pdf', suggestedName: 'Facture F2026-00001.pdf' }]);
  });

  it('draws a PDF and makes a backup copy where the owner picked', async () => {
    const out = tempDir();
    const { gated } = gatedDoor({ pdf: join(out, 'ma-facture.pdf'), backup: join(out, 'copie.encours') });
    const inv = await withInvoice(gated);
    const pdf = await callOk(gated, 'dialog.chooseFile', { purpose: 'pdf' });
    const doc = await callOk(gated, 'document.invoice', { invoiceId: inv.id, output: pdf.token });
    expect(doc.path).toBe(join(out, 'ma-facture.pdf'));
    expect(readFileSync(doc.path).subarray(0, 5).toString()).toBe('%PDF-');
    const backup = await callOk(gated, 'dialog.chooseFile', { purpose: 'backup' });
    expect((await callOk(gated, 'backup.create', { output: backup.token })).path).toBe(join(out, 'copie.encours'));
    // Without output, the FEC goes beside the company file and the backup to the backups folder, as before.
    expect(dirname((await callOk(gated, 'export.fec', { fiscalYearEnd: '2026-12-31' })).path)).toBe(dirname(gated.file.path));
  });

  it('joins the evidence file the owner picked: copied and hashed', async () => {
    const pick = join(tempDir(), 'mise-en-demeure.pdf');
    writeFileSync(pick, 'courrier recommandé');
    const { gated } = gatedDoor({ evidence: pick });
    const inv = await withInvoice(gated);
    const choice = await callOk(gated, 'dialog.chooseFile', { purpose: 'evidence' });
    expect(choice.name).toBe('mise-en-demeure.pdf');
    const ev = await callOk(gated, 'evidence.add', { invoiceId: inv.id, kind: 'formal_notice', date: '2026-04-01', note: 'Mise en demeure AR', file: choice.token });
    expect(ev.file).toMatchObject({ name: 'mise-en-demeure.pdf', intact: true, sha256: createHash('sha256').update('courrier recommandé').digest('hex') });
    expect(ev.file?.path).not.toBe(pick);
    expect(readFileSync(ev.file?.path as string, 'utf8')).toBe('courrier recommandé');
  });

  it('is not given when the dialog is closed unchosen', async () => {
    const { gated } = gatedDoor({ fecFolder: null });
    expect(await callOk(gated, 'dialog.chooseFile', { purpose: 'fecFolder' })).toEqual({ canceled: true });
  });
});

describe('the CLI', () => {
  const cli = async (argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env: { ENCOURS_TODAY: '2026-11-22' } });
    return { code, stdout, stderr };
  };

  it('still takes paths (its user names them in his own shell), and opens no dialog', async () => {
    const dir = tempDir();
    const file = join(dir, 'societe.encours');
    const out = join(dir, 'sortie');
    mkdirSync(out);
    const evidence = join(dir, 'relance.txt');
    writeFileSync(evidence, 'relance');
    for (const [channel, payload] of [
      ['company.init', companyInit],
      ['customer.create', { ...societeGenerale, creditLimit: '' }],
      ['invoice.create', { customerId: 1, date: '2026-01-10', validate: true, lines: [{ description: 'Table', quantity: '1', unitPrice: '100', vatRate: '20', kind: 'goods' }] }],
    ] as const) {
      expect((await cli(['--file', file, channel, JSON.stringify(payload)])).code).toBe(0);
    }
    const fec = await cli(['--file', file, 'export.fec', JSON.stringify({ fiscalYearEnd: '2026-12-31', output: out })]);
    expect(fec.code).toBe(0);
    expect(dirname((JSON.parse(fec.stdout) as { path: string }).path)).toBe(out);
    const pdf = await cli(['--file', file, 'document.invoice', JSON.stringify({ invoiceId: 1, output: out })]);
    expect(pdf.code).toBe(0);
    const ev = await cli(['--file', file, 'evidence.add', JSON.stringify({ invoiceId: 1, kind: 'reminder', date: '2026-03-01', note: 'Relance', file: evidence })]);
    expect(ev.code).toBe(0);
    expect((JSON.parse(ev.stdout) as { file: { name: string } }).file.name).toBe('relance.txt');

    const dialog = await cli(['--file', file, 'dialog.chooseFile', JSON.stringify({ purpose: 'fecFolder' })]);
    expect(dialog.code).toBe(1);
    const { error } = JSON.parse(dialog.stderr) as { error: { code: string; message: string } };
    expect(error.code).toBe('VALIDATION');
    expectFrench(error.message);
  });
});
