/**
 * The instances of one function. An invocation takes an idle instance of the current code, or
 * starts a new one (a cold start) up to the function's limit; beyond it, invocations wait in
 * a fair queue (see FairQueue). Concurrent invocations therefore never share an instance or its
 * module state.
 */

import { FairQueue, QueueAbortedError } from './fair-queue.ts';
import type { Instance } from './instance.ts';

export { QueueAbortedError };

export interface AcquireOptions {
  /**
   * Who the invocation is for (the gateway's connection id): each key gets its turn in the queue,
   * and holds at most `perKeyLimit` instances at once. No key: no bound (direct invocations).
   */
  key?: string | undefined;
  /** Aborted while still queued: the invocation is dropped and never runs. */
  signal?: AbortSignal | undefined;
}

export interface PoolStats {
  instances: number;
  idle: number;
  busy: number;
  frozen: number;
}

export class FunctionPool {
  private readonly instances = new Set<Instance>();
  private readonly leased = new Set<Instance>();
  private readonly waiters = new FairQueue<Instance>();
  // ---- fair queueing (security): which key holds which instance, and how many each holds ----
  private readonly holder = new Map<Instance, string>();
  private readonly held = new Map<string, number>();
  private readonly perKeyLimit: number;
  private generation = 0;
  private stopped = false;
  /** Idle instances' reclaim timers (see release()). */
  private readonly idleTimers = new Map<Instance, NodeJS.Timeout>();

  constructor(
    private readonly maxInstances: number,
    private readonly spawn: (generation: number) => Instance,
    /** Lambda reclaims an execution environment left idle this long; the callback says so. */
    private readonly idle: { ms: number; onReclaim: (instance: Instance) => void } = {
      ms: Number.POSITIVE_INFINITY,
      onReclaim: () => {},
    },
    /**
     * Instances one key (connection) may hold at once. Two: a client rarely has more than one
     * message in flight, and a flooding one then starts two cold instances, not ten, so the
     * machine stays free for everyone else's invocations.
     */
    perKeyLimit?: number,
  ) {
    this.perKeyLimit = perKeyLimit ?? Math.min(2, maxInstances);
  }

  acquire(options: AcquireOptions = {}): Promise<Instance> {
    if (this.stopped) return Promise.reject(new Error('The Lambda host has stopped.'));
    if (options.signal?.aborted) return Promise.reject(new QueueAbortedError());
    const key = options.key ?? '';
    // Nobody waiting: take a free slot at once. Otherwise join the queue, so that a newcomer
    // cannot overtake the keys already waiting.
    if (this.waiters.size === 0 && this.mayHoldMore(key)) {
      const instance = this.takeIdle() ?? this.spawnIfRoom();
      if (instance) {
        this.hold(instance, key);
        return Promise.resolve(instance);
      }
    }
    const queued = this.waiters.enqueue(key, options.signal);
    // Others wait, but this key may be next in the round and an instance may be free or startable.
    this.serveWaiters();
    return queued;
  }

  private mayHoldMore(key: string): boolean {
    return key === '' || (this.held.get(key) ?? 0) < this.perKeyLimit;
  }

  private hold(instance: Instance, key: string): void {
    if (key === '') return;
    this.holder.set(instance, key);
    this.held.set(key, (this.held.get(key) ?? 0) + 1);
  }

  private letGo(instance: Instance): void {
    const key = this.holder.get(instance);
    if (key === undefined) return;
    this.holder.delete(instance);
    const n = (this.held.get(key) ?? 1) - 1;
    if (n > 0) this.held.set(key, n);
    else this.held.delete(key);
  }
  // ---- end of fair queueing ----

  /** Hands the instance back after an invocation; discarded if it must not be reused. */
  release(instance: Instance): void {
    this.letGo(instance);
    this.leased.delete(instance);
    if (instance.dead || instance.retired || instance.initError || this.stopped) this.discard(instance);
    this.serveWaiters();
    if (this.instances.has(instance) && !this.leased.has(instance)) this.startIdleTimer(instance);
  }

  private startIdleTimer(instance: Instance): void {
    if (!Number.isFinite(this.idle.ms)) return;
    const timer = setTimeout(() => {
      this.idleTimers.delete(instance);
      if (this.leased.has(instance) || !this.instances.has(instance)) return;
      this.discard(instance);
      this.idle.onReclaim(instance);
    }, this.idle.ms);
    timer.unref();
    this.idleTimers.set(instance, timer);
  }

  private clearIdleTimer(instance: Instance): void {
    clearTimeout(this.idleTimers.get(instance));
    this.idleTimers.delete(instance);
  }

  /** The instance's process has ended, whatever the reason. */
  onExit(instance: Instance): void {
    this.letGo(instance);
    this.clearIdleTimer(instance);
    this.instances.delete(instance);
    this.leased.delete(instance);
    this.serveWaiters();
  }

  /** New code: idle instances of older code go now, busy ones after their invocation. */
  newGeneration(generation: number): void {
    this.generation = generation;
    for (const instance of this.instances) {
      if (instance.generation === generation) continue;
      instance.retired = true;
      if (!this.leased.has(instance)) this.discard(instance);
    }
  }

  stats(): PoolStats {
    let frozen = 0;
    for (const instance of this.instances) if (instance.frozen) frozen++;
    return {
      instances: this.instances.size,
      busy: this.leased.size,
      idle: this.instances.size - this.leased.size,
      frozen,
    };
  }

  all(): Instance[] {
    return [...this.instances];
  }

  stop(): void {
    this.stopped = true;
    this.waiters.rejectAll(new Error('The Lambda host has stopped.'));
  }

  private takeIdle(): Instance | undefined {
    for (const instance of this.instances) {
      if (this.leased.has(instance) || instance.dead || instance.retired) continue;
      this.clearIdleTimer(instance);
      this.leased.add(instance);
      return instance;
    }
    return undefined;
  }

  private spawnIfRoom(): Instance | undefined {
    if (this.instances.size >= this.maxInstances) return undefined;
    const instance = this.spawn(this.generation);
    this.instances.add(instance);
    this.leased.add(instance);
    return instance;
  }

  private discard(instance: Instance): void {
    this.clearIdleTimer(instance);
    this.instances.delete(instance);
    void instance.kill();
  }

  private serveWaiters(): void {
    while (this.waiters.size > 0 && !this.stopped) {
      // Round-robin over the keys that may hold one more instance.
      const key = this.waiters.nextKey((k) => this.mayHoldMore(k));
      if (key === undefined) return;
      const instance = this.takeIdle() ?? this.spawnIfRoom();
      if (!instance) return;
      this.hold(instance, key);
      this.waiters.serve(key, instance);
    }
  }
}
