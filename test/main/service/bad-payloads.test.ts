import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../src/shared/channels';
import { contract, type ChannelName } from '../../../src/shared/contract';
import { callErr, callOk, testCompany } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { badPayloads, companyInit, jeanneMartin, societeGenerale, type BadPayload } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';

/** A company with two customers, so every channel has something it could wrongly change. */
async function populated() {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', companyInit);
  await callOk(tc.ctx, 'customer.create', societeGenerale);
  await callOk(tc.ctx, 'customer.create', jeanneMartin);
  return tc;
}

async function expectRefused(ctx: Parameters<typeof callErr>[0], channel: ChannelName, bad: BadPayload) {
  const err = await callErr(ctx, channel, bad.payload);
  expect(err.code).toBe('VALIDATION');
  const fields = err.fieldErrors ?? {};
  // The summary quotes the field's path (« number » for account.create): an identifier of the API, not prose.
  expectFrench(Object.keys(fields).reduce((m, key) => m.replaceAll(`« ${key} »`, '« … »'), err.message));
  expect(Object.keys(fields).length).toBeGreaterThan(0);
  expect(fields).toHaveProperty([bad.field]);
  for (const message of Object.values(fields)) expectFrench(message);
}

it('has refused payloads for every channel of the contract', () => {
  expect(Object.keys(badPayloads).sort()).toEqual(Object.keys(contract).sort());
  expect(Object.keys(badPayloads).sort()).toEqual([...CHANNEL_NAMES].sort());
  for (const list of Object.values(badPayloads)) expect(list.length).toBeGreaterThan(0);
});

describe.each(CHANNEL_NAMES)('%s', (channel) => {
  it.each(badPayloads[channel])('refuses $why with VALIDATION, French messages and fieldErrors, writing nothing', async (bad) => {
    const { ctx, path } = await populated();
    const before = dumpDb(path);
    await expectRefused(ctx, channel, bad);
    expect(dumpDb(path)).toBe(before);
  });
});

describe('company.init on a missing file', () => {
  it.each(badPayloads['company.init'])('refuses $why without creating the file', async (bad) => {
    const { ctx, dir, path } = testCompany();
    await expectRefused(ctx, 'company.init', bad);
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
