import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../src/shared/channels';
import { call, callOk, makeTestCompany } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { roundTripIn } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';

/*
 * Hostile input at every door: each channel gets its valid request with one value replaced by something
 * hostile (half characters, NUL, bidi overrides, formulas, 200 000 characters, huge or fractional numbers,
 * impossible dates, wrong types, unknown keys), or something else entirely. Whatever comes, the answer is a
 * success or a French refusal — never INTERNAL — and a refusal leaves the file exactly as it was.
 */

const HOSTILE_STRINGS = [
  '', ' ', '\u200B\u200D', 'Dupont\u0000SARL', `x${'😀'.slice(0, 1)}`, 'Facture\u202Eexe.pdf', '=HYPERLINK("http://x","y")', '+33 6', '@SUM(A1)',
  '-1', '−5,00', '0', '0.001', '1e308', '99999999999999999999', 'NaN', '2026-02-30', '0000-00-00', '9999-12-31', '31/12/2026', '../../etc/passwd',
  'DROP TABLE entry;--', '%E0%A4%A', 'x'.repeat(200_000), '\t|\n', 'C99999', 'FR00000000000', '<script>alert(1)</script>',
];
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));
const hostileNumber = fc.oneof(fc.constantFrom(0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308, Number.NaN, Number.POSITIVE_INFINITY), fc.integer(), fc.double());
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(hostileString, hostileNumber), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), hostileString, { maxKeys: 2 }),
);

/** Every leaf of a request (path from the root), where a hostile value may go. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.length ? value.flatMap((v, i) => leaves(v, [...path, i])) : [path];
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length ? entries.flatMap(([k, v]) => leaves(v, [...path, k])) : [path];
  }
  return [path];
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  copy[head] = setAt(copy[head], rest, value);
  return copy;
}

/** Paths the test must keep inside its folder: the doors only write or read files where they are told. */
const PATH_KEYS = new Set(['output', 'file']);

const mutation = (template: unknown) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...leaves(template)), hostileValue).map(([path, v]) => (PATH_KEYS.has(String(path.at(-1))) ? template : setAt(template, path, v))) },
    { weight: 1, arbitrary: hostileValue.map((v) => ({ ...(template as object), zz_inconnu: v })) },
    { weight: 1, arbitrary: hostileValue.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)) },
  );

describe('every channel against hostile input', () => {
  it('answers a success or a French refusal, never INTERNAL, and a refusal changes nothing in the file', async () => {
    const tc = makeTestCompany();
    try {
      const { ctx, dir, path } = tc;
      const script = roundTripIn(dir);
      // The file as the round trip leaves it before closing the year: something for every channel to act on.
      for (const step of script) {
        if (['period.close', 'fiscalYear.createNext'].includes(step.channel)) continue;
        await call(ctx, step.channel, step.payload);
      }
      await callOk(ctx, 'ledger.verify', {});
      const templates = new Map(script.map((s) => [s.channel, s.payload]));
      const failures: string[] = [];
      const refused = new Set<string>();
      for (const channel of CHANNEL_NAMES) {
        const template = templates.get(channel) ?? {};
        await fc.assert(
          fc.asyncProperty(mutation(template), async (payload) => {
            // What crosses IPC or HTTP is JSON: NaN and Infinity become null, undefined keys vanish.
            const sent = JSON.parse(JSON.stringify(payload ?? null)) as unknown;
            const before = dumpDb(path);
            const result = await call(ctx, channel, sent);
            if (result.ok) return;
            refused.add(channel);
            if (result.error.code === 'INTERNAL') failures.push(`${channel} ${JSON.stringify(sent).slice(0, 200)}`);
            expect(result.error.code, `${channel}: ${JSON.stringify(sent).slice(0, 300)}`).not.toBe('INTERNAL');
            // The field named between « » is the request's own key (the CLI's user types it): not prose.
            expectFrench(result.error.message.replace(/« [\w.]+ »/g, '« champ »'));
            expect(dumpDb(path) === before, `${channel}: refused, yet the file changed`).toBe(true);
          }),
          { numRuns: 12 },
        );
      }
      expect(failures).toEqual([]);
      // The hostile values did reach the checks: nearly every channel refused some of them.
      expect(refused.size).toBeGreaterThan(CHANNEL_NAMES.length - 10);
      expect(await callOk(ctx, 'ledger.verify', {})).toMatchObject({ ok: true });
    } finally {
      tc.dispose();
    }
  }, 600_000);
});
