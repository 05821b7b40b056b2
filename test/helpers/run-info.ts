import type { RunInfo } from '../../src/app/run/run-info.ts';

export function fixtureRunInfo(overrides: Partial<RunInfo> = {}): RunInfo {
  return {
    simsimVersion: '0.1.0',
    serial: '2025-01-27-13-39-17',
    seed: '42',
    options: { seed: 42, concurrency: 2, output: 'out' },
    profiles: [
      { file: 'profiles/other/pizza.yml', testName: 'pizza_order_test_custom', hash: 'sha256:c' },
      { file: 'profiles/pizza_order_test_custom.yml', testName: 'pizza_order_test_custom', hash: 'sha256:a' },
      { file: 'profiles/pizza_order_test_predefined.yml', testName: 'pizza_order_test_predefined', hash: 'sha256:b' },
    ],
    startedAt: '2025-01-27T13:39:17.000Z',
    endedAt: '2025-01-27T13:40:02.500Z',
    stopReason: 'completed',
    ...overrides,
  };
}
