import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harness, unlock } from '../http/http-harness.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir, tx } from '../support/temp-vault.ts';

/** The budget and the timeline through the two faces derived from the operations table. */

interface BudgetBody {
  figures: { incomeMinor: number; spendingMinor: number; netMinor: number; savingsRate: number | null };
  categories: { id: string; totalMinor: number; count: number; children: { id: string; totalMinor: number }[] }[];
  transactions?: { id: string; label: string; category: string; origin: string }[];
}

describe('mesinfos insights budget (CLI)', () => {
  it('shows a month’s budget from imported statements, takes a correction, and shows the timeline', async () => {
    const t = await tempDir();
    try {
      const vault = join(t.dir, 'v.mesinfos');
      const cli = (...args: string[]) => runCli(['--vault', vault, ...args]);
      expect((await cli('init')).code).toBe(0);
      const file = join(t.dir, 'releve.jsonl');
      const records = [
        tx(1, { day: '2025-03-31', label: 'VIR SEPA DUPONT ET FILS SALAIRE MARS', amountMinor: 250_000 }),
        tx(2, { day: '2025-03-05', label: 'PRLV SEPA FONCIA LOYER MARS', amountMinor: -82_000 }),
        tx(3, { day: '2025-03-08', label: 'CB CARREFOUR MARKET 07/03', amountMinor: -6_420 }),
        tx(4, { day: '2025-03-15', label: 'CB CHEZ PAULETTE 14/03', amountMinor: -3_150 }),
        tx(5, { day: '2025-03-22', label: 'CB CHEZ PAULETTE 21/03', amountMinor: -2_890 }),
      ];
      await writeFile(file, records.map((r) => JSON.stringify(r)).join('\n'));
      expect((await cli('import', file)).code).toBe(0);

      const shown = await cli('insights', 'budget', '--month', '2025-03');
      expect(shown.code).toBe(0);
      expect(shown.stdout).toContain('Income 2500.00 EUR · spending 944.60 EUR · saved 1555.40 EUR · savings rate 62.2 %');
      expect(shown.stdout).toMatch(/Rent and charges\s+-820\.00 EUR/);

      const before = JSON.parse((await cli('insights', 'budget', '--month', '2025-03', '--transactions', '--json')).stdout) as BudgetBody;
      expect(before.figures).toMatchObject({ incomeMinor: 250_000, spendingMinor: 94_460, netMinor: 155_540, savingsRate: 0.6222 });
      const paulette = before.transactions!.filter((x) => x.label.startsWith('CB CHEZ PAULETTE'));
      expect(paulette.map((x) => x.category)).toEqual(['other.uncategorised', 'other.uncategorised']);

      const fix = await cli('budget', 'categorise', paulette[0]!.id, 'food.restaurants');
      expect(fix.code).toBe(0);
      expect(fix.stdout).toContain('Rule: labels with "CHEZ PAULETTE" (payments) → food.restaurants; 1 other transaction(s) follow it.');
      const food = JSON.parse((await cli('insights', 'budget', '--month', '2025-03', '--category', 'food', '--json')).stdout) as BudgetBody;
      expect(food.transactions!.map((x) => [x.label, x.category, x.origin])).toEqual([
        ['CB CARREFOUR MARKET 07/03', 'food.groceries', 'rule'],
        ['CB CHEZ PAULETTE 14/03', 'food.restaurants', 'person'],
        ['CB CHEZ PAULETTE 21/03', 'food.restaurants', 'rule'],
      ]);
      expect(food.categories.find((c) => c.id === 'food')!.totalMinor).toBe(-6_420 - 3_150 - 2_890);
      const rules = JSON.parse((await cli('budget', 'rules', '--json')).stdout) as { rules: { pattern: string }[] };
      expect(rules.rules.map((r) => r.pattern)).toEqual(['CHEZ PAULETTE']);

      const wrong = await cli('budget', 'categorise', paulette[0]!.id, 'food.caviar');
      expect(wrong.code).toBe(3);
      expect(wrong.stderr).toContain('food.caviar');

      const timeline = JSON.parse((await cli('insights', 'timeline', '--limit', '2', '--json')).stdout) as { entries: { title: string }[]; facets: { total: number } };
      expect(timeline.entries.map((e) => e.title)).toEqual(['VIR SEPA DUPONT ET FILS SALAIRE MARS', 'CB CHEZ PAULETTE 21/03']);
      expect(timeline.facets.total).toBe(5);
    } finally {
      await t.cleanup();
    }
  });
});

describe('/api/me/insights/budget (HTTP)', () => {
  it('answers the person’s budget and takes a categorisation through a CSRF-protected POST', async () => {
    const h = await harness();
    try {
      const s = await unlock(h.app);
      const get = async () => {
        const res = await h.app.inject({ url: '/api/me/insights/budget?month=2025-03&transactions=true', headers: { cookie: s.cookie } });
        expect(res.statusCode).toBe(200);
        return res.json() as BudgetBody;
      };
      const before = await get();
      // The harness's vault: three card payments of 10.01 (a bakery), 10.02 and 10.03 € in March 2025.
      expect(before.figures).toMatchObject({ incomeMinor: 0, spendingMinor: 3_006, savingsRate: null });
      expect(before.categories.map((c) => [c.id, c.totalMinor])).toEqual([['food', -1_001], ['other', -2_005]]);
      const target = before.transactions!.find((x) => x.label === 'CB COMMERCE 2')!;
      const noCsrf = await h.app.inject({ method: 'POST', url: '/api/me/budget/categorise', headers: { cookie: s.cookie }, payload: { id: target.id, category: 'leisure.culture' } });
      expect(noCsrf.statusCode).toBe(403);
      const post = await h.app.inject({ method: 'POST', url: '/api/me/budget/categorise', headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken }, payload: { id: target.id, category: 'leisure.culture', onlyThis: true } });
      expect(post.statusCode).toBe(200);
      expect(post.json()).toMatchObject({ category: 'leisure.culture', rule: null, similar: 0 });
      const after = await get();
      expect(after.transactions!.find((x) => x.id === target.id)).toMatchObject({ category: 'leisure.culture', origin: 'person' });
      expect(after.categories.find((c) => c.id === 'leisure')).toMatchObject({ totalMinor: -1_002, count: 1 });
      const timeline = await h.app.inject({ url: '/api/me/insights/timeline?limit=2&type=bank.transaction', headers: { cookie: s.cookie } });
      expect(timeline.statusCode).toBe(200);
      expect((timeline.json() as { entries: unknown[]; nextCursor: string | null }).entries).toHaveLength(2);
      const anonymous = await h.app.inject({ url: '/api/me/insights/budget?month=2025-03' });
      expect(anonymous.statusCode).toBe(401);
    } finally {
      await h.cleanup();
    }
  });
});
