import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CostLedger } from './ledger.ts';
import { costReportPath, CostReportWriter, pythonTimestamp } from './cost-report.ts';

describe("Sensei's cost CSV", () => {
  it('writes one row per call with the §12 columns, Python number formats and unknown costs left empty', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'simsim-cost-'));
    try {
      const path = costReportPath(dir, '2025-01-27-13-39-17');
      expect(path).toBe(join(dir, 'reports', '__cost_reports__', 'cost_report_2025-01-27-13-39-17.csv'));
      const ledger = new CostLedger({ report: new CostReportWriter(path) });
      const timestamp = new Date(2025, 0, 27, 13, 39, 23, 168);
      const usage = { inputTokens: 10, outputTokens: 20, cachedInputTokens: 0, estimated: false };
      ledger.record({
        conversation: '0_t_s.yml',
        testName: 't',
        module: 'user_simulator',
        provider: 'openai',
        model: 'gpt-4o-mini',
        usage,
        cost: { inputUsd: 0, outputUsd: 5.64e-5, totalUsd: 5.64e-5 },
        timestamp,
        inputMessage: '',
        outputMessage: 'Hi, "quoted"\nand a newline',
      });
      ledger.record({
        conversation: '0_t_s.yml',
        testName: 't',
        module: 'data_extraction',
        provider: 'vllm',
        model: 'mystery',
        usage,
        cost: null,
        timestamp,
        inputMessage: '=SUM(A1)',
        outputMessage: '{"a":1}',
      });
      await ledger.flush();
      const text = await readFile(path, 'utf8');
      expect(text).toBe(
        'Conversation,Test Name,Module,Model,Total Cost,Timestamp,Input Cost,Input Message,Output Cost,Output Message\n' +
          '0_t_s.yml,t,user_simulator,gpt-4o-mini,5.64e-05,2025-01-27 13:39:23.168000,0.0,,5.64e-05,"Hi, ""quoted""\nand a newline"\n' +
          `0_t_s.yml,t,data_extraction,mystery,,${pythonTimestamp(timestamp)},,'=SUM(A1),,"{""a"":1}"\n`,
      );
      expect(ledger.totalUsd).toBeCloseTo(5.64e-5, 15);
      expect(ledger.unpricedCalls).toBe(1);
      expect(ledger.conversationUsage('0_t_s.yml').outputTokens).toBe(40);
      expect(ledger.totals({ testName: 't' })).toMatchObject({ calls: 2, unpricedCalls: 1 });
      expect(ledger.totals({ testName: 't' }).usd).toBeCloseTo(5.64e-5, 15);
      expect(ledger.totals()).toMatchObject({ calls: 2 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
