import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootstrapRate, correlationTest, DEFAULT_PERMUTATIONS, DEFAULT_REPLICATES, DEFAULT_SEED, seededRandom } from '../src';
import { ROOT } from './helpers';

describe('the defaults of the randomized statistics have one home (src/defaults.ts)', () => {
  it('are the values the README and the --help texts state', () => {
    // README: "2000 resamples", "9999 shuffles", seed 20250513 (the date the seed was chosen)
    expect([DEFAULT_SEED, DEFAULT_REPLICATES, DEFAULT_PERMUTATIONS]).toEqual([20250513, 2000, 9999]);
  });

  it('are what a call without options uses', () => {
    const counts = [1, 0, 2, 5, 0, 1];
    const words = [100, 50, 150, 120, 80, 90];
    const implicit = bootstrapRate(counts, words);
    expect(bootstrapRate(counts, words, { seed: DEFAULT_SEED, replicates: DEFAULT_REPLICATES })).toEqual(implicit);
    // and the comparison can fail: other resamples give another interval
    expect(bootstrapRate(counts, words, { seed: DEFAULT_SEED + 1 })).not.toEqual(implicit);
    // the test text names the shuffles and the seed; the floor of p is 1/(9999 + 1)
    expect(correlationTest([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]).test).toContain('(9999 shuffles, seed 20250513; the smallest p it can give is 1/10000');
    expect(seededRandom()()).toBe(seededRandom(DEFAULT_SEED)());
  });

  it('are written nowhere else as literals (a default falling back to 2000, a flag defaulting to \'9999\')', () => {
    const src = path.join(ROOT, 'src');
    const literal = /(\?\?|(?<![<>=!])=)\s*'?(2000|9999|20250513)'?\b|defaultValue: '(2000|9999|20250513)'/;
    const found: string[] = [];
    for (const file of fs.readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && f !== 'defaults.ts')) {
      fs.readFileSync(path.join(src, file), 'utf8')
        .split('\n')
        .forEach((line, i) => literal.test(line) && found.push(`${file}:${i + 1}: ${line.trim()}`));
    }
    expect(found).toEqual([]);
  });
});
