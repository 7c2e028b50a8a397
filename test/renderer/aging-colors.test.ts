import { describe, expect, it } from 'vitest';
import { bucketColor } from '../../src/renderer/features/dashboard/AgingChart';

describe('the aged balance’s colours', () => {
  it('gives each late bucket its own colour, the oldest apart from 61–90 days (they looked alike)', () => {
    const colours = [0, 1, 2, 3].map((i) => bucketColor(i, 4));
    expect(new Set(colours).size).toBe(4);
    expect(bucketColor(3, 4)).not.toBe(bucketColor(2, 4));
    // With more buckets, the oldest keeps its own colour.
    expect(bucketColor(5, 6)).toBe(bucketColor(3, 4));
  });
});
