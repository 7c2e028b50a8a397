import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../src/shared/channels';
import { contract } from '../../../src/shared/contract';
import { runCli } from '../../../src/main/cli/run';
import { roundTripIn, SMTP_CHANNELS } from '../../helpers/fixtures';
import { tempDir } from '../../helpers/temp';

describe('the CLI door', () => {
  it('serves every channel of the contract, each call opening the file anew, each answer matching the contract', async () => {
    const dir = tempDir();
    const file = join(dir, 'societe.encours');
    const steps = roundTripIn(dir);
    // The one channel of a door with dialogs (path-gate.test.ts): the CLI refuses it, its user names paths.
    // The channels that need an SMTP server run against a real one in test/main/mail/cli.test.ts.
    expect(new Set(steps.map((s) => s.channel))).toEqual(new Set(CHANNEL_NAMES.filter((c) => c !== 'dialog.chooseFile' && !SMTP_CHANNELS.includes(c))));
    const failures: string[] = [];
    for (const step of steps) {
      let stdout = '';
      let stderr = '';
      const code = await runCli(['--file', file, step.channel, JSON.stringify(step.payload)], {
        stdout: (s) => void (stdout += s),
        stderr: (s) => void (stderr += s),
        // The script closes 2026: the day is after its end.
        env: { ENCOURS_TODAY: '2027-01-15' },
      });
      if (code !== 0) {
        failures.push(`${step.channel}: exit ${code} ${stderr}`);
        continue;
      }
      if (!contract[step.channel].response.safeParse(JSON.parse(stdout)).success) failures.push(`${step.channel}: answer outside the contract`);
    }
    expect(failures).toEqual([]);
  });
});
