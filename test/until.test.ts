import { describe, expect, it } from 'vitest';
import { until } from './until.js';

describe('until', () => {
  it('resolves with the first observation that holds', async () => {
    let n = 0;
    const seen = await until(
      'n to reach 3',
      () => ++n,
      (v) => v >= 3,
      { intervalMs: 1 },
    );
    expect(seen).toBe(3);
  });

  it('fails with what it last saw', async () => {
    await expect(
      until(
        'never',
        () => ({ posts: 2 }),
        () => false,
        { timeoutMs: 20, intervalMs: 5 },
      ),
    ).rejects.toThrow(/waiting for never; last saw: \{ posts: 2 \}/);
  });
});
