import { BudgetExceededError, PriceUnknownError, type CapScope } from './errors.ts';
import type { CostJournal, JournalLine } from './cost-journal.ts';
import type { CostReportWriter } from './cost-report.ts';
import type { RunSpend } from './run-spend.ts';
import { pricingOverrideExample, type CallCost, type ModelPrice } from './pricing.ts';
import { addUsage, ZERO_USAGE, type Usage } from './usage.ts';

/** Input estimates come from a tokenizer estimate, so caps add this margin to them. */
export const INPUT_ESTIMATE_MARGIN = 1.1;

/** Below this many affordable output tokens a call is not worth making: the cap is reached. */
export const DEFAULT_MIN_OUTPUT_TOKENS = 16;

export interface CapRequest {
  readonly provider: string;
  readonly model: string;
  readonly price: ModelPrice | null;
  /** A number, or how to compute it (only a cap needs it). */
  readonly estimatedInputTokens: number | (() => number);
  /** The output bound the caller asked for; the ledger may lower it. */
  readonly maxTokens: number;
  readonly conversation?: string | undefined;
  /** The profile's `conversation.max_cost` (Sensei: a cap on the whole run's spend). */
  readonly runCapUsd?: number | undefined;
  /** The profile's `goal_style.max_cost`: a cap on this conversation's spend. */
  readonly conversationCapUsd?: number | undefined;
}

/** Money set aside for one call in flight; settle it with the real cost, or release it. */
export interface Reservation {
  /** The output bound to send: the requested one, lowered to what the budget still allows. */
  readonly maxTokens: number;
  readonly usd: number;
  readonly conversation: string | undefined;
  /** Its journal id, when it set money aside and the run keeps a journal. */
  readonly id?: string | undefined;
}

export interface LedgerCall {
  readonly conversation: string;
  readonly testName: string;
  readonly module: string;
  readonly provider: string;
  readonly model: string;
  readonly usage: Usage;
  /** null when the model's price is unknown. */
  readonly cost: CallCost | null;
  readonly timestamp: Date;
  readonly inputMessage: string;
  readonly outputMessage: string;
}

export interface LedgerOptions {
  /** Run-wide cap (`--max-cost`); profiles may set a lower one per call. */
  readonly runCapUsd?: number | undefined;
  readonly report?: CostReportWriter | undefined;
  /** Where every reservation and call is persisted as it happens (see cost-journal.ts). */
  readonly journal?: CostJournal | undefined;
  readonly minOutputTokens?: number | undefined;
}

/** `usd` counts priced calls only; with `unpricedCalls > 0` it is a lower bound. */
export interface LedgerTotals {
  readonly usd: number;
  readonly usage: Usage;
  readonly calls: number;
  readonly unpricedCalls: number;
}

interface Totals {
  spent: number;
  reserved: number;
  /** Calls of earlier attempts cut off by a kill or an interrupt: their reserved worst case. */
  unsettled: number;
  usage: Usage;
  calls: number;
  unpricedCalls: number;
}

const emptyTotals = (): Totals => ({
  spent: 0,
  reserved: 0,
  unsettled: 0,
  usage: ZERO_USAGE,
  calls: 0,
  unpricedCalls: 0,
});

/**
 * Records every LLM call and enforces the hard caps. Before a call, `reserve` sets aside the
 * worst case (estimated input cost with a margin, plus `max_tokens` at the output rate) and
 * lowers `max_tokens` to what the caps still allow; concurrent calls cannot spend the same
 * money twice. Overshoot is bounded by the in-flight calls: only their input underestimate
 * (beyond the margin) or a server ignoring `max_tokens` can push spend past a cap.
 */
export class CostLedger {
  readonly #runCap: number | undefined;
  readonly #report: CostReportWriter | undefined;
  readonly #journal: CostJournal | undefined;
  readonly #minOutput: number;
  readonly #run = emptyTotals();
  readonly #conversations = new Map<string, Totals>();
  readonly #testNames = new Map<string, Totals>();
  /** Per conversation, per module (user_simulator, data_gathering, ...). */
  readonly #modules = new Map<string, Map<string, Totals>>();
  /** Per module over the whole run, earlier attempts included. */
  readonly #runModules = new Map<string, Totals>();
  /** This process's journaled reservations not settled yet, by id. */
  readonly #open = new Map<string, number>();

  constructor(options: LedgerOptions = {}) {
    this.#runCap = options.runCapUsd;
    this.#report = options.report;
    this.#journal = options.journal;
    this.#minOutput = options.minOutputTokens ?? DEFAULT_MIN_OUTPUT_TOKENS;
  }

  /** The run-wide cap (`--max-cost` or run.yml's `max_cost`), if any. */
  get runCapUsd(): number | undefined {
    return this.#runCap;
  }

  /** Worst case of calls cut off in earlier attempts of the run (read back from the journal). */
  get unsettledUsd(): number {
    return this.#run.unsettled;
  }

  get totalUsd(): number {
    return this.#run.spent;
  }

  get usage(): Usage {
    return this.#run.usage;
  }

  get calls(): number {
    return this.#run.calls;
  }

  /** Calls whose cost is unknown: totals are then a lower bound. */
  get unpricedCalls(): number {
    return this.#run.unpricedCalls;
  }

  /** Spend, usage and call counts of one conversation, one test name (profile), or the run. */
  /** One conversation's totals by module; a module with an unpriced call has `usd: null`. */
  moduleTotals(
    conversation: string,
  ): Record<string, { calls: number; inputTokens: number; outputTokens: number; usd: number | null }> {
    const out: Record<string, { calls: number; inputTokens: number; outputTokens: number; usd: number | null }> = {};
    for (const [module, t] of this.#modules.get(conversation) ?? []) {
      out[module] = {
        calls: t.calls,
        inputTokens: t.usage.inputTokens,
        outputTokens: t.usage.outputTokens,
        usd: t.unpricedCalls > 0 ? null : t.spent,
      };
    }
    return out;
  }

  totals(scope: { conversation?: string; testName?: string } = {}): LedgerTotals {
    const t =
      scope.conversation !== undefined
        ? this.#conversations.get(scope.conversation)
        : scope.testName !== undefined
          ? this.#testNames.get(scope.testName)
          : this.#run;
    return {
      usd: t?.spent ?? 0,
      usage: t?.usage ?? ZERO_USAGE,
      calls: t?.calls ?? 0,
      unpricedCalls: t?.unpricedCalls ?? 0,
    };
  }

  conversationUsd(conversation: string): number {
    return this.#conversations.get(conversation)?.spent ?? 0;
  }

  conversationUsage(conversation: string): Usage {
    return this.#conversations.get(conversation)?.usage ?? ZERO_USAGE;
  }

  #totals(conversation: string | undefined): Totals | undefined {
    if (conversation === undefined) return undefined;
    let totals = this.#conversations.get(conversation);
    if (!totals) {
      totals = emptyTotals();
      this.#conversations.set(conversation, totals);
    }
    return totals;
  }

  reserve(request: CapRequest): Reservation {
    const runCap = minDefined(this.#runCap, request.runCapUsd);
    const conversationCap = request.conversation === undefined ? undefined : request.conversationCapUsd;
    if (runCap === undefined && conversationCap === undefined) {
      return { maxTokens: request.maxTokens, usd: 0, conversation: request.conversation };
    }
    const price = request.price;
    if (price === null)
      throw new PriceUnknownError(request.provider, request.model, pricingOverrideExample(request.model));
    const estimated =
      typeof request.estimatedInputTokens === 'function'
        ? request.estimatedInputTokens()
        : request.estimatedInputTokens;
    const inputUsd = (estimated * INPUT_ESTIMATE_MARGIN * price.inputPerMTok) / 1_000_000;
    const conv = this.#totals(request.conversation);
    const caps: { scope: CapScope; cap: number; totals: Totals }[] = [];
    if (runCap !== undefined) caps.push({ scope: 'run', cap: runCap, totals: this.#run });
    if (conversationCap !== undefined && conv) caps.push({ scope: 'conversation', cap: conversationCap, totals: conv });

    let remaining = Number.POSITIVE_INFINITY;
    for (const { scope, cap, totals } of caps) {
      const left = cap - committed(totals);
      if (left <= inputUsd) throw new BudgetExceededError(scope, cap, committed(totals));
      remaining = Math.min(remaining, left);
    }
    const outputRate = price.outputPerMTok / 1_000_000;
    const affordable = outputRate > 0 ? Math.floor((remaining - inputUsd) / outputRate) : Number.POSITIVE_INFINITY;
    const maxTokens = Math.min(request.maxTokens, affordable);
    if (maxTokens < Math.min(this.#minOutput, request.maxTokens)) {
      const tightest = caps.reduce((a, b) => (a.cap - committed(a.totals) <= b.cap - committed(b.totals) ? a : b));
      throw new BudgetExceededError(tightest.scope, tightest.cap, committed(tightest.totals));
    }
    const usd = inputUsd + maxTokens * outputRate;
    this.#run.reserved += usd;
    if (conv) conv.reserved += usd;
    const id = this.#journal?.newId();
    if (id !== undefined) {
      this.#journal?.append({ kind: 'reserve', id, usd, conversation: request.conversation ?? '' });
      this.#open.set(id, usd);
    }
    return { maxTokens, usd, conversation: request.conversation, id };
  }

  /** Gives back a reservation whose call failed (failed attempts are not billed). */
  release(reservation: Reservation): void {
    this.#unreserve(reservation);
    if (reservation.id !== undefined) {
      this.#journal?.append({ kind: 'release', id: reservation.id });
      this.#open.delete(reservation.id);
    }
  }

  #unreserve(reservation: Reservation): void {
    this.#run.reserved -= reservation.usd;
    const conv = reservation.conversation === undefined ? undefined : this.#conversations.get(reservation.conversation);
    if (conv) conv.reserved -= reservation.usd;
  }

  /** Records a finished call, replacing its reservation with the real cost. */
  record(call: LedgerCall, reservation?: Reservation): void {
    if (reservation) this.#unreserve(reservation);
    if (reservation?.id !== undefined) this.#open.delete(reservation.id);
    this.#add(
      call.conversation,
      call.testName,
      call.module,
      call.usage,
      call.cost === null ? null : call.cost.totalUsd,
    );
    this.#journal?.append({
      kind: 'call',
      id: reservation?.id,
      conversation: call.conversation,
      testName: call.testName,
      module: call.module,
      provider: call.provider,
      model: call.model,
      usage: call.usage,
      totalUsd: call.cost?.totalUsd ?? null,
      inputUsd: call.cost?.inputUsd ?? null,
      outputUsd: call.cost?.outputUsd ?? null,
      timestamp: call.timestamp.toISOString(),
      inputMessage: call.inputMessage,
      outputMessage: call.outputMessage,
    });
    this.#report?.append({
      conversation: call.conversation,
      testName: call.testName,
      module: call.module,
      model: call.model,
      totalUsd: call.cost?.totalUsd ?? null,
      inputUsd: call.cost?.inputUsd ?? null,
      outputUsd: call.cost?.outputUsd ?? null,
      timestamp: call.timestamp,
      inputMessage: call.inputMessage,
      outputMessage: call.outputMessage,
    });
  }

  /**
   * Takes in what earlier attempts of this run spent, from its journal: their calls count in every
   * total and cap, and their calls cut off by a kill count at their reserved worst case.
   */
  async restore(lines: AsyncIterable<JournalLine>): Promise<void> {
    const open = new Map<string, { usd: number; conversation: string }>();
    for await (const line of lines) {
      if (line.kind === 'reserve') open.set(line.id, { usd: line.usd, conversation: line.conversation });
      else if (line.kind === 'release') open.delete(line.id);
      else {
        if (line.id !== undefined) open.delete(line.id);
        this.#add(line.conversation, line.testName, line.module, line.usage, line.totalUsd);
      }
    }
    for (const { usd, conversation } of open.values()) {
      this.#run.unsettled += usd;
      const conv = this.#totals(conversation === '' ? undefined : conversation);
      if (conv) conv.unsettled += usd;
    }
  }

  /** Resolves once everything recorded so far is in the journal on disk. */
  async durable(): Promise<void> {
    await this.#journal?.durable();
  }

  /**
   * What the run really spent, every attempt included: the same figures as reading its journal
   * back (readRunSpend), from memory.
   */
  spend(): RunSpend {
    let unsettled = this.#run.unsettled;
    for (const usd of this.#open.values()) unsettled += usd;
    const byModule = Object.fromEntries(
      [...this.#runModules].map(([name, t]) => [
        name,
        {
          calls: t.calls,
          inputTokens: t.usage.inputTokens,
          outputTokens: t.usage.outputTokens,
          usd: t.unpricedCalls > 0 ? null : roundUsd(t.spent),
        },
      ]),
    );
    const run = this.#run;
    return {
      usd: run.unpricedCalls > 0 ? null : roundUsd(run.spent),
      calls: run.calls,
      unpricedCalls: run.unpricedCalls,
      unsettledUsd: roundUsd(unsettled),
      byModule,
    };
  }

  /** Drops a finished conversation's totals: a long run keeps none of its ended conversations. */
  forget(conversation: string): void {
    this.#conversations.delete(conversation);
    this.#modules.delete(conversation);
  }

  #add(conversation: string, testName: string, module: string, usage: Usage, usd: number | null): void {
    let runModule = this.#runModules.get(module);
    if (!runModule) this.#runModules.set(module, (runModule = emptyTotals()));
    const targets = [this.#run, runModule];
    const conv = conversation === '' ? undefined : this.#totals(conversation);
    if (conv) targets.push(conv);
    if (conversation !== '') {
      let modules = this.#modules.get(conversation);
      if (!modules) this.#modules.set(conversation, (modules = new Map<string, Totals>()));
      let byModule = modules.get(module);
      if (!byModule) modules.set(module, (byModule = emptyTotals()));
      targets.push(byModule);
    }
    if (testName !== '') {
      let byTest = this.#testNames.get(testName);
      if (!byTest) this.#testNames.set(testName, (byTest = emptyTotals()));
      targets.push(byTest);
    }
    for (const totals of targets) {
      totals.spent += usd ?? 0;
      totals.usage = addUsage(totals.usage, usage);
      totals.calls += 1;
      if (usd === null) totals.unpricedCalls += 1;
    }
  }

  /** Waits for the cost CSV and the journal to be on disk, and closes the journal. */
  async flush(): Promise<void> {
    await this.#report?.flush();
    await this.#journal?.close();
  }
}

const roundUsd = (usd: number) => Math.round(usd * 1e8) / 1e8;

/** Money a cap must count: spent, set aside for calls in flight, and cut off in earlier attempts. */
function committed(totals: Totals): number {
  return totals.spent + totals.reserved + totals.unsettled;
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
