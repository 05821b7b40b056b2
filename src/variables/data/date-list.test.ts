import { describe, expect, it } from 'vitest';
import { createRng } from '../../base/random/rng.ts';
import { dateList } from './date-list.ts';

const NOW = new Date('2024-11-05T10:00:00Z');
const dates = (spec: Record<string, unknown>, seed = 1) => dateList(spec, createRng(seed), NOW);
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{1,4})$/;

describe('date generators (§5.1)', () => {
  it('random: unpadded valid dates in years 0–3000', () => {
    const out = dates({ random: 50 });
    expect(out).toHaveLength(50);
    for (const d of out) {
      const [, day, month, year] = DMY.exec(d)!.map(Number);
      expect(month).toBeGreaterThanOrEqual(1);
      expect(month).toBeLessThanOrEqual(12);
      expect(day).toBeGreaterThanOrEqual(1);
      expect(day).toBeLessThanOrEqual(31);
      expect(year).toBeLessThanOrEqual(3000);
      expect(d).not.toMatch(/^0|\/0/);
    }
  });

  it('set: n padded dates 1–365 days after or before today, from the injected clock', () => {
    const after = dates({ set: '>today(20)' });
    const before = dates({ set: '<today(20)' });
    const parse = (d: string) => {
      const [day, month, year] = d.split('/').map(Number);
      return Date.UTC(year!, month! - 1, day);
    };
    const today = Date.UTC(2024, 10, 5);
    for (const d of after) expect(parse(d) - today).toBeGreaterThanOrEqual(86_400_000);
    for (const d of before) expect(today - parse(d)).toBeGreaterThanOrEqual(86_400_000);
    for (const d of [...after, ...before]) expect(d).toMatch(/^\d\d\/\d\d\/\d{4}$/);
    expect(after).toHaveLength(20);
  });

  it('range with day/month/year steps keeps adding until it passes max', () => {
    expect(dates({ range: { min: '1/1/2024', max: '3/1/2024', step: 'day(1)' } })).toEqual([
      '01/01/2024',
      '02/01/2024',
      '03/01/2024',
    ]);
    expect(dates({ range: { min: '1/1/2024', max: '4/1/2024', step: 'day(2)' } })).toEqual([
      '01/01/2024',
      '03/01/2024',
      '05/01/2024',
    ]);
    expect(dates({ range: { min: '1/1/2024', max: '15/2/2024', step: 'month(1)' } })).toEqual([
      '01/01/2024',
      '31/01/2024',
      '01/03/2024',
    ]);
    expect(dates({ range: { min: '1/1/2023', max: '1/1/2024', step: 'year(1)' } })).toEqual([
      '01/01/2023',
      '01/01/2024',
    ]);
  });

  it('range with linspace spreads n dates from min to max', () => {
    expect(dates({ range: { min: '1/1/2024', max: '11/1/2024', step: 'linspace(3)' } })).toEqual([
      '01/01/2024',
      '06/01/2024',
      '11/01/2024',
    ]);
  });

  it('range with random draws n days between min and max', () => {
    const out = dates({ range: { min: '1/1/2024', max: '10/1/2024', random: 30 } });
    expect(out).toHaveLength(30);
    for (const d of out) expect(d).toMatch(/^(0[1-9]|10)\/01\/2024$/);
  });

  it('fake: distinct impossible dates', () => {
    const out = dates({ fake: 30 });
    expect(new Set(out).size).toBe(30);
    for (const d of out) {
      const [day, month, year] = d.split('/').map(Number);
      expect(day).toBeGreaterThanOrEqual(29);
      expect(month).toBeGreaterThanOrEqual(13);
      expect(year).toBeGreaterThanOrEqual(2000);
    }
  });

  it('joins the parts in Sensei order: random, set, range, fake, custom', () => {
    const out = dates({
      custom: ['x', 'y'],
      fake: 1,
      range: { min: '1/1/2024', max: '1/1/2024', step: 'day(1)' },
      set: '>today(1)',
      random: 1,
    });
    expect(out).toHaveLength(6);
    expect(out.slice(-2)).toEqual(['x', 'y']);
    expect(out[2]).toBe('01/01/2024');
    expect(dates({ custom: 'only' })).toEqual(['only']);
  });

  it('is reproducible for a seed and rejects malformed specs', () => {
    expect(dates({ random: 5, fake: 3 }, 9)).toEqual(dates({ random: 5, fake: 3 }, 9));
    expect(() => dates({ set: 'tomorrow' })).toThrow(/today/);
    expect(() => dates({ range: { min: '31/2/2024', max: '1/3/2024', step: 'day(1)' } })).toThrow(/not a real date/);
    expect(() => dates({ range: { min: '1/1/2024', max: '2/1/2024', step: 'week(1)' } })).toThrow(/day\(k\)/);
    expect(() => dates({ range: { min: '1/1/2024', max: '2/1/2024' } })).toThrow(/step/);
  });
});
