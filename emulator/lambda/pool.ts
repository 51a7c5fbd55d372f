/**
 * The instances of one function. An invocation takes an idle instance of the current code, or
 * starts a new one (a cold start) up to the function's limit; beyond it, invocations wait in
 * order. Concurrent invocations therefore never share an instance or its module state.
 */
import type { Instance } from './instance.ts';

export interface PoolStats {
  instances: number;
  idle: number;
  busy: number;
  frozen: number;
}

export class FunctionPool {
  private readonly instances = new Set<Instance>();
  private readonly leased = new Set<Instance>();
  private readonly waiters: Array<{ resolve: (i: Instance) => void; reject: (e: Error) => void }> = [];
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
  ) {}

  acquire(): Promise<Instance> {
    if (this.stopped) return Promise.reject(new Error('The Lambda host has stopped.'));
    const instance = this.takeIdle() ?? this.spawnIfRoom();
    if (instance) return Promise.resolve(instance);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Hands the instance back after an invocation; discarded if it must not be reused. */
  release(instance: Instance): void {
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
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('The Lambda host has stopped.'));
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
    while (this.waiters.length > 0 && !this.stopped) {
      const instance = this.takeIdle() ?? this.spawnIfRoom();
      if (!instance) return;
      this.waiters.shift()?.resolve(instance);
    }
  }
}
