import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { facturxPrinted, invoiceFacturx } from '../../../src/main/core/printing/facturx';
import { drawRequest } from '../../../src/main/electron/pdf-worker';
import { callOk } from '../../helpers/context';
import { makeTempDir } from '../../helpers/temp';
import { pdfFonts, requirePoppler } from '../documents/pdf-tools';
import { facturxCorpus, type CorpusDocument } from './facturx-corpus';
import { XSD } from './facturx-validators';

/**
 * The Factur-X PDF holds its XML: written by `document.invoice` / `document.creditNote` with
 * `format: "facturx"`, it carries factur-x.xml (poppler's pdfdetach gets it back, byte for byte the XML
 * the validation tests validate), every font embedded, the sRGB output intent, and the XMP declares
 * PDF/A-3b and the Factur-X profile EN 16931.
 */

// The PDF process's entry needs no Electron at run time (its port is given by the process).
vi.mock('electron', () => ({}));

function run(tool: string, args: string[]): string {
  const res = spawnSync(tool, args, { encoding: 'utf8' });
  if (res.error) throw res.error;
  if (res.status !== 0) throw new Error(`${tool} ${args.join(' ')} : ${res.stderr}`);
  return res.stdout;
}

describe('Factur-X PDF/A-3b', () => {
  let docs: CorpusDocument[];
  let dispose = () => {};
  const temp = makeTempDir();
  beforeAll(async () => {
    requirePoppler();
    ({ docs, dispose } = await facturxCorpus());
  }, 60_000);
  afterAll(() => {
    dispose();
    temp.remove();
  });

  async function facturxPdf(d: CorpusDocument, format: 'facturx' | 'pdf' = 'facturx'): Promise<string> {
    const dir = join(temp.dir, `${d.name}-${format}`);
    mkdirSync(dir, { recursive: true });
    const { path } = d.kind === 'invoice'
      ? await callOk(d.ctx, 'document.invoice', { invoiceId: d.id, output: dir, format })
      : await callOk(d.ctx, 'document.creditNote', { creditNoteId: d.id, output: dir, format });
    return path;
  }

  it('carries factur-x.xml, byte for byte the XML of the same document, valid against the Factur-X XSD', async () => {
    for (const name of ['debits-business-3-rates-discounts-escompte', 'debits-credit-note', 'debits-penalty-invoice', 'franchise-consumer-discount']) {
      const d = docs.find((x) => x.name === name)!;
      const path = await facturxPdf(d);
      expect(path).toMatch(/ Factur-X\.pdf$/);
      expect(run('pdfdetach', ['-list', path])).toMatch(/^1 embedded files\n1: factur-x\.xml$/m);
      const out = join(temp.dir, `${name}-extracted.xml`);
      run('pdfdetach', ['-savefile', 'factur-x.xml', '-o', out, path]);
      expect(readFileSync(out)).toEqual(Buffer.from(d.xml, 'utf8'));
      expect(spawnSync('xmllint', ['--noout', '--schema', XSD, out], { encoding: 'utf8' }).status).toBe(0);
    }
  });

  it('embeds every font, declares PDF/A-3b and the Factur-X EN 16931 profile in its XMP, with its sRGB output intent and /AF', async () => {
    const d = docs.find((x) => x.name === 'debits-business-3-rates-discounts-escompte')!;
    const path = await facturxPdf(d);
    const fonts = pdfFonts(path);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toEqual({ name: f.name, embedded: true });
    const xmp = run('pdfinfo', ['-meta', path]);
    expect(xmp).toMatch(/<pdfaid:part>3<\/pdfaid:part>\s*<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(xmp).toContain('<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>');
    expect(xmp).toContain('<fx:DocumentType>INVOICE</fx:DocumentType>');
    expect(xmp).toContain('<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>');
    expect(xmp).toContain('<fx:Version>1.0</fx:Version>');
    expect(xmp).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
    expect(run('pdfinfo', [path])).toMatch(/^PDF version:\s+1\.7$/m);
    const raw = readFileSync(path, 'latin1');
    expect(raw).toMatch(/\/AFRelationship \/Alternative/);
    expect(raw).toMatch(/\/AF \[\d+ 0 R\]/);
    expect(raw).toMatch(/\/S \/GTS_PDFA1/);
    expect(raw).toMatch(/\/Subtype \/text#2Fxml/);
  });

  it('the XMP stays well-formed XML when the company’s name holds « & » and « < »', async () => {
    const d = docs.find((x) => x.name === 'receipts-business-services')!;
    await callOk(d.ctx, 'company.update', { name: 'Dupont & Fils <Ateliers>' });
    const path = await facturxPdf(d);
    const xmp = run('pdfinfo', ['-meta', path]);
    const check = spawnSync('xmllint', ['--noout', '-'], { input: xmp.replace(/^\s*<\?xpacket[^>]*>/, '').replace(/<\?xpacket[^>]*>\s*$/, ''), encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(xmp).toContain('Dupont &amp; Fils &lt;Ateliers&gt;');
    expect(run('pdfinfo', [path])).toMatch(/^Author:\s+Dupont & Fils <Ateliers>$/m);
  });

  it('the PDF process (what Electron’s utility process runs) draws the Factur-X from the document it is sent, XML attached', async () => {
    const d = docs.find((x) => x.name === 'debits-penalty-invoice')!;
    const document = facturxPrinted(invoiceFacturx(d.ctx.file.db(), await callOk(d.ctx, 'company.get', {}), d.id));
    // What crosses the process boundary: a structured clone of the request.
    const reply = await drawRequest(structuredClone({ document, createdAt: '2026-11-22T10:00:00.000Z' }));
    if (!reply.ok) throw new Error(reply.message);
    const path = join(temp.dir, 'from-worker.pdf');
    writeFileSync(path, reply.pdf);
    const out = join(temp.dir, 'from-worker.xml');
    run('pdfdetach', ['-savefile', 'factur-x.xml', '-o', out, path]);
    expect(readFileSync(out, 'utf8')).toBe(d.xml);
  });

  it('the preview’s Factur-X of a penalty invoice (document.render, by the penalty invoice’s own id) carries the same XML', async () => {
    const d = docs.find((x) => x.name === 'debits-penalty-invoice')!;
    const { fileName, pdf } = await callOk(d.ctx, 'document.render', { kind: 'penaltyInvoice', id: d.penaltyId!, format: 'facturx' });
    expect(fileName).toMatch(/^Facture PEN2026-\d{5} Factur-X\.pdf$/);
    const path = join(temp.dir, 'penalty-render.pdf');
    writeFileSync(path, Buffer.from(pdf, 'base64'));
    const out = join(temp.dir, 'penalty-render.xml');
    run('pdfdetach', ['-savefile', 'factur-x.xml', '-o', out, path]);
    expect(readFileSync(out, 'utf8')).toBe(d.xml);
  });

  it('the plain PDF stays a plain PDF: no attachment, no PDF/A claim', async () => {
    const d = docs.find((x) => x.name === 'debits-consumer')!;
    const path = await facturxPdf(d, 'pdf');
    expect(run('pdfdetach', ['-list', path])).toMatch(/^0 embedded files/m);
    expect(run('pdfinfo', ['-meta', path])).not.toContain('pdfaid:part');
  });
});
