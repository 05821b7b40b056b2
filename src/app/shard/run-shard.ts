import { relative } from 'node:path';
import { UsageError } from '../../base/errors.ts';
import { packageVersion } from '../../base/package-paths.ts';
import type { RunSpend } from '../../cost/run-spend.ts';
import { listFinishedRefs } from '../../output/finished-conversations.ts';
import type { Project } from '../../load/project.ts';
import type { PlannedProfile } from '../run/prepare-run.ts';
import { planHash } from './plan-hash.ts';
import {
  readShardManifest,
  shardManifestPath,
  SHARD_MANIFEST_FORMAT,
  writeShardManifest,
  type ShardManifest,
} from './shard-manifest.ts';
import { shardText, type ShardSpec } from './shard-spec.ts';
import { shardShare } from './shard-share.ts';
import { unitKey } from './work-units.ts';

/** What `simsim run --shard` asks for. */
export interface ShardRequest {
  readonly spec: ShardSpec;
  /** `--run-id`: recorded, and the seed is made from it when no --seed is given. */
  readonly runId?: string | undefined;
  /** `--max-cost-per-shard`: this shard's cap, instead of an even share of `--max-cost`. */
  readonly maxCostPerShardUsd?: number | undefined;
}

export interface ShardStart {
  readonly serial: string;
  readonly seed: number;
  readonly trials: number | undefined;
  readonly prepared: readonly PlannedProfile[];
  readonly startedAt: Date;
  readonly maxCostUsd: number | undefined;
}

export interface ShardEnd {
  readonly serial: string;
  /** The run's test folders: profile file -> folder. */
  readonly folders: ReadonlyMap<string, string>;
  readonly spend: RunSpend;
  readonly endedAt: Date;
  readonly stopReason: string;
}

/**
 * One shard of a run: which of the plan's work units it plays, its share of the cost cap, and
 * its `shard.json`. Every shard plans the whole run from the same seed and deals the units the
 * same way (work-units.ts), so together they play each unit exactly once with no coordinator.
 */
export class RunShard {
  private manifest: ShardManifest | undefined;
  private own = new Set<string>();

  readonly spec: ShardSpec;
  private readonly request: ShardRequest | undefined;
  private readonly runId: string | null;

  private constructor(spec: ShardSpec, request: ShardRequest | undefined, runId: string | null) {
    this.spec = spec;
    this.request = request;
    this.runId = runId;
  }

  /**
   * The shard of this run: the one asked for, or, when resuming a shard's folder, the one it
   * started as (a resume may repeat --shard but not change it). Undefined for an unsharded run.
   */
  static async open(
    request: ShardRequest | undefined,
    options: { readonly outputDir: string; readonly resumedSerial?: string | undefined },
  ): Promise<RunShard | undefined> {
    const recorded = options.resumedSerial === undefined ? undefined : await readShardManifest(options.outputDir);
    const started = recorded?.serial === options.resumedSerial ? recorded : undefined;
    if (started === undefined) {
      if (request !== undefined && options.resumedSerial !== undefined)
        throw new UsageError(`run ${options.resumedSerial} in ${options.outputDir} was not started as a shard`, {
          hint: 'Drop --shard to resume it as it started, or start the shard anew in another --output folder.',
        });
      return request === undefined ? undefined : new RunShard(request.spec, request, request.runId ?? null);
    }
    if (request !== undefined && shardText(request.spec) !== shardText(started.shard))
      throw new UsageError(
        `--shard ${shardText(request.spec)} differs from shard ${shardText(started.shard)} that ${shardManifestPath(options.outputDir)} started as`,
        { hint: 'Drop --shard: a resumed shard keeps its own.' },
      );
    if (request?.runId !== undefined && started.runId !== null && request.runId !== started.runId)
      throw new UsageError(
        `--run-id ${request.runId} differs from the run id ${started.runId} the shard started with`,
        {
          hint: 'Drop --run-id: a resumed shard keeps its own.',
        },
      );
    const shard = new RunShard(started.shard, request, started.runId);
    shard.manifest = started;
    return shard;
  }

  /** This shard's cost cap: `--max-cost-per-shard`, else an even share of the run's cap. */
  costCap(runCapUsd: number | undefined): number | undefined {
    if (this.request?.maxCostPerShardUsd !== undefined) return this.request.maxCostPerShardUsd;
    return runCapUsd === undefined ? undefined : runCapUsd / this.spec.total;
  }

  /**
   * This shard's share of a profile's `max_cost`: an even one, with or without
   * `--max-cost-per-shard` (which replaces the run's cap, not the profiles'). A profile's cap
   * covers what the whole run spends, and each shard's ledger sees only its own spending.
   */
  profileCap(profileCapUsd: number | undefined): number | undefined {
    return profileCapUsd === undefined ? undefined : profileCapUsd / this.spec.total;
  }

  /** Deals the plan's units and records the shard (before its first conversation). */
  async start(project: Project, start: ShardStart): Promise<void> {
    const { assignment } = shardShare(start.prepared, start.seed, start.trials, this.spec);
    this.own = new Set(assignment[this.spec.index - 1]);
    const { settings } = project;
    this.manifest = {
      format: SHARD_MANIFEST_FORMAT,
      runId: this.runId,
      shard: this.spec,
      serial: start.serial,
      seed: start.seed,
      planHash: planHash(start.prepared, start.seed, start.trials),
      trials: start.trials ?? 1,
      profiles: start.prepared.map((p) => ({ file: p.profile.file, hash: p.profile.hash })),
      config: {
        simsim: packageVersion(),
        technology: settings.chatbot.connector === undefined ? (settings.chatbot.technology ?? null) : null,
        // A path inside the project, the same on every machine that checks it out.
        connector:
          settings.chatbot.connector === undefined
            ? null
            : relative(project.dir, settings.chatbot.connector).split('\\').join('/'),
        model: settings.model ?? null,
      },
      maxCostUsd: start.maxCostUsd ?? null,
      assignment,
      played: this.manifest?.played ?? null,
      spend: this.manifest?.spend ?? null,
      startedAt: this.manifest?.startedAt ?? start.startedAt.toISOString(),
      endedAt: null,
      stopReason: null,
    };
    await writeShardManifest(settings.outputDir, this.manifest);
  }

  /** Whether this shard plays the conversation (`start` has dealt the units). */
  owns(profileFile: string, index: number, trial: number | undefined): boolean {
    return this.own.has(unitKey(profileFile, index, trial));
  }

  /** Records what the shard played and spent, once its reports are written. */
  async finish(outputDir: string, end: ShardEnd): Promise<void> {
    if (this.manifest === undefined) return;
    const profileOf = new Map([...end.folders].map(([file, folder]) => [folder, file]));
    const finished = await listFinishedRefs(outputDir, end.serial);
    this.manifest = {
      ...this.manifest,
      played: finished.map((c) => unitKey(profileOf.get(c.folder) ?? c.folder, c.index, c.trial)),
      spend: { usd: end.spend.usd, calls: end.spend.calls },
      endedAt: end.endedAt.toISOString(),
      stopReason: end.stopReason,
    };
    await writeShardManifest(outputDir, this.manifest);
  }
}
