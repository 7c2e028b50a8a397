import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { expect } from 'vitest';

/**
 * The official artifacts (test/fixtures/facturx, see its README) run on documents: the Factur-X 1.09
 * EN 16931 XSD through xmllint, the Factur-X EN 16931 schematron and the French CTC schematron
 * (BR-FR-Flux2) through Saxon HE. Each tool runs once for a whole folder (a JVM start and a schematron
 * compilation cost seconds, not the documents).
 */

const run = promisify(execFile);
const ARTIFACTS = resolve(import.meta.dirname, '../../fixtures/facturx');
export const XSD = join(ARTIFACTS, 'facturx-en16931/Factur-X_EN16931.xsd');
export const SCHEMATRONS = {
  en16931: join(ARTIFACTS, 'facturx-en16931/Factur-X_1.09_EN16931.xsl'),
  frCtc: join(ARTIFACTS, 'cii-schematron-fr-ctc/BR-FR-Flux2-Schematron-CII.xslt'),
} as const;
export const SAXON_JAR = '/usr/share/java/Saxon-HE.jar';

/** What is missing to run the schematrons here (Debian: libsaxonhe-java default-jre-headless), or null. */
export async function missingValidators(): Promise<string | null> {
  if (!existsSync(SAXON_JAR)) return `Saxon HE absent (${SAXON_JAR}) : installez libsaxonhe-java (bash .ci/run le fait).`;
  try {
    await run('java', ['-version']);
  } catch {
    return 'java absent : installez default-jre-headless (bash .ci/run le fait).';
  }
  try {
    await run('xmllint', ['--version']);
  } catch {
    return 'xmllint absent : installez libxml2-utils (bash .ci/run le fait).';
  }
  return null;
}

export interface FailedAssert {
  schematron: keyof typeof SCHEMATRONS;
  id: string;
  flag: string;
  text: string;
}

export interface Validation {
  name: string;
  /** xmllint's complaints about this file; empty when it validates. */
  xsdErrors: string[];
  failed: FailedAssert[];
  /** How many rules fired (a schematron that fires nothing has checked nothing). */
  firedRules: Record<keyof typeof SCHEMATRONS, number>;
}

const svrlParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, isArray: () => true, parseTagValue: false });

type SvrlNode = { [key: string]: SvrlNode[] | string | undefined };

function failedAsserts(svrl: string, schematron: keyof typeof SCHEMATRONS): { failed: FailedAssert[]; fired: number } {
  const doc = svrlParser.parse(svrl) as SvrlNode;
  const root = (doc['schematron-output'] as SvrlNode[] | undefined)?.[0];
  if (!root) throw new Error(`SVRL illisible (${schematron})`);
  const asserts = (root['failed-assert'] as SvrlNode[] | undefined) ?? [];
  const fired = ((root['fired-rule'] as SvrlNode[] | undefined) ?? []).length;
  const failed = asserts.map((a) => {
    const textNode = (a.text as (SvrlNode | string)[] | undefined)?.[0];
    const text = typeof textNode === 'string' ? textNode : String((textNode as SvrlNode | undefined)?.['#text'] ?? '');
    return { schematron, id: String(a['@id'] ?? ''), flag: String(a['@flag'] ?? ''), text: text.replace(/\s+/g, ' ').trim() };
  });
  return { failed, fired };
}

/** Validates every document (by name, a file-safe name) with the XSD and both schematrons. */
export async function validateFacturx(docs: readonly { name: string; xml: string }[], workDir: string): Promise<Validation[]> {
  const inDir = join(workDir, 'xml');
  mkdirSync(inDir, { recursive: true });
  for (const d of docs) writeFileSync(join(inDir, `${d.name}.xml`), d.xml);
  const files = docs.map((d) => join(inDir, `${d.name}.xml`));

  // xmllint: one run for all; its stderr names each failing file.
  let xsdOut = '';
  try {
    const r = await run('xmllint', ['--noout', '--schema', XSD, ...files], { maxBuffer: 64 * 1024 * 1024 });
    xsdOut = r.stderr;
  } catch (e) {
    xsdOut = String((e as { stderr?: string }).stderr ?? e);
  }

  const results = new Map<string, Validation>(
    docs.map((d) => [d.name, { name: d.name, xsdErrors: [], failed: [], firedRules: { en16931: 0, frCtc: 0 } }]),
  );
  for (const line of xsdOut.split('\n')) {
    const file = files.find((f) => line.startsWith(f));
    if (!file || line.endsWith(' validates')) continue;
    const name = file.slice(inDir.length + 1, -'.xml'.length);
    results.get(name)?.xsdErrors.push(line);
  }
  for (const d of docs) if (!xsdOut.includes(`${join(inDir, d.name)}.xml validates`) && results.get(d.name)!.xsdErrors.length === 0) results.get(d.name)!.xsdErrors.push(xsdOut);

  for (const key of Object.keys(SCHEMATRONS) as (keyof typeof SCHEMATRONS)[]) {
    const outDir = join(workDir, `svrl-${key}`);
    mkdirSync(outDir, { recursive: true });
    await run('java', ['-jar', SAXON_JAR, `-s:${inDir}`, `-xsl:${SCHEMATRONS[key]}`, `-o:${outDir}`], { maxBuffer: 64 * 1024 * 1024 });
    for (const d of docs) {
      const { failed, fired } = failedAsserts(readFileSync(join(outDir, `${d.name}.xml`), 'utf8'), key);
      const v = results.get(d.name)!;
      v.failed.push(...failed);
      v.firedRules[key] = fired;
    }
  }
  return docs.map((d) => results.get(d.name)!);
}

/**
 * Whether a failed assertion blocks the document: flag fatal or error, and also no flag at all — the
 * Factur-X EN 16931 schematron flags its warnings only (`warning`), its errors (BR-CO-15…) carry none.
 */
export const blocking = (f: FailedAssert) => f.flag !== 'warning' && f.flag !== 'information' && f.flag !== 'info';

/**
 * Each document ran both schematrons' rules (more than a token few) and failed no fatal or error
 * assertion; the warnings left are printed under `label`, for the record.
 */
export function expectSchematronsPassed(results: readonly Validation[], label: string) {
  for (const r of results) {
    expect(r.firedRules.en16931, r.name).toBeGreaterThan(50);
    expect(r.firedRules.frCtc, r.name).toBeGreaterThan(20);
    expect({ name: r.name, failed: r.failed.filter(blocking) }).toEqual({ name: r.name, failed: [] });
  }
  const warnings = results.flatMap((r) => r.failed.filter((f) => !blocking(f)).map((f) => `${r.name}: ${f.id} ${f.flag} ${f.text}`));
  if (warnings.length) console.info(`${label} : avertissements restants\n${warnings.join('\n')}`);
}
