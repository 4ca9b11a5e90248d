import { describe, expect, it } from 'vitest';
import { openDemoVault } from '../support/demo-vault.ts';

describe('the shared demo vault', () => {
  it('holds the ten-year demo person, and a copy can change without touching it', async () => {
    const shared = await openDemoVault({ copy: false });
    const copy = await openDemoVault({ copy: true });
    try {
      const total = (await shared.vault.stats()).total;
      expect(total).toBeGreaterThan(200_000);
      const [first] = (await copy.vault.query({ types: ['bank.transaction'], limit: 1 })).records;
      await copy.vault.delete(first!.id, 'test');
      expect((await copy.vault.stats()).total).toBe(total - 1);
      expect((await shared.vault.stats()).total).toBe(total);
    } finally {
      await copy.cleanup();
      await shared.cleanup();
    }
  });
});
