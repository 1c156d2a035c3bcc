import { Worker } from "node:worker_threads";
import { inlineDigests, type BlockHasher, type BlockRange, type Submitted } from "./block-hasher.ts";
import { SHA_WORKER_SOURCE } from "./sha-worker-source.ts";

interface Job {
  slot: number;
  length: number;
  blocks: readonly BlockRange[];
  resolve: (digests: string[]) => void;
}

export interface WorkerBlockHasherOptions {
  /** Largest piece (bytes) one slot holds. */
  slotBytes?: number;
  /** Slots: pieces in flight before `submit` waits (backpressure). */
  depth?: number;
  /** Worker source (tests inject a crashing one). */
  source?: string;
}

/**
 * sha256 of blocks in a worker thread, so verify's md5 (on the calling thread) and sha256 overlap on
 * two cores. Pieces are copied into SharedArrayBuffer slots (a copy costs far less than hashing it).
 * A piece larger than a slot is hashed inline. If the worker dies, its pending pieces are hashed inline from their slots and every later piece
 * too: the result is the same, only slower (`crashed` says why).
 */
export class WorkerBlockHasher implements BlockHasher {
  readonly depth: number;
  readonly slotBytes: number;
  crashed: Error | null = null;
  readonly #slots: SharedArrayBuffer[] = [];
  readonly #free: number[] = [];
  readonly #waiting: Array<() => void> = [];
  readonly #jobs = new Map<number, Job>();
  #worker: Worker | null;
  #nextId = 0;

  constructor(options: WorkerBlockHasherOptions = {}) {
    this.slotBytes = options.slotBytes ?? 4 * 1024 * 1024;
    this.depth = options.depth ?? 3;
    for (let i = 0; i < this.depth; i++) {
      this.#slots.push(new SharedArrayBuffer(this.slotBytes));
      this.#free.push(i);
    }
    const worker = new Worker(options.source ?? SHA_WORKER_SOURCE, { eval: true });
    worker.on("message", (m: { id: number; digests: string[] }) => this.#done(m.id, m.digests));
    worker.on("error", (e) => this.#die(e));
    worker.on("exit", (code) => this.#die(new Error(`sha256 worker exited with code ${code}`)));
    // An idle worker never keeps the process alive (unref after the listeners: adding one re-refs);
    // while pieces are in flight it does, or a process awaiting only them would exit.
    worker.unref();
    this.#worker = worker;
  }

  async submit(piece: Uint8Array, blocks: readonly BlockRange[]): Promise<Submitted> {
    if (piece.length > this.slotBytes || !this.#worker) return { digests: Promise.resolve(inlineDigests(piece, blocks)) };
    const slot = await this.#takeSlot();
    if (!this.#worker) {
      this.#release(slot);
      return { digests: Promise.resolve(inlineDigests(piece, blocks)) };
    }
    new Uint8Array(this.#slots[slot] as SharedArrayBuffer, 0, piece.length).set(piece);
    const id = this.#nextId++;
    const digests = new Promise<string[]>((resolve) => this.#jobs.set(id, { slot, length: piece.length, blocks, resolve }));
    if (this.#jobs.size === 1) this.#worker.ref();
    this.#worker.postMessage({ id, sab: this.#slots[slot], length: piece.length, blocks: blocks.flatMap((b) => [b.offset, b.length]) });
    return { digests };
  }

  async close(): Promise<void> {
    const w = this.#worker;
    this.#worker = null;
    if (w) await w.terminate();
    this.#failPending();
  }

  #takeSlot(): Promise<number> {
    const slot = this.#free.pop();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((resolve) => this.#waiting.push(() => resolve(this.#free.pop() as number)));
  }

  #release(slot: number): void {
    this.#free.push(slot);
    this.#waiting.shift()?.();
  }

  #done(id: number, digests: string[]): void {
    const job = this.#jobs.get(id);
    if (!job) return;
    this.#jobs.delete(id);
    if (this.#jobs.size === 0) this.#worker?.unref();
    this.#release(job.slot);
    job.resolve(digests);
  }

  #die(e: Error): void {
    if (!this.#worker) return; // closed on purpose
    this.crashed = e;
    this.#worker = null;
    this.#failPending();
  }

  /** Pending pieces are still in their slots: hash them here. */
  #failPending(): void {
    for (const [id, job] of this.#jobs) {
      const piece = new Uint8Array(this.#slots[job.slot] as SharedArrayBuffer, 0, job.length);
      this.#done(id, inlineDigests(piece, job.blocks));
    }
  }
}
