import { Worker } from "node:worker_threads";
import { allocateAlignedShared } from "../aligned-memory.ts";
import { inlineDigests, type BlockHasher, type BlockRange, type Submitted } from "./block-hasher.ts";
import { SHA_WORKER_SOURCE } from "./sha-worker-source.ts";

interface Job {
  slot: number;
  length: number;
  blocks: readonly BlockRange[];
  resolve: (digests: string[]) => void;
  /** The caller took the slot (`takeSlot`) and releases it itself: the reply does not free it. */
  owned: boolean;
}

/** A slot the caller fills itself (a read lands in it, no copy), hashes with `hashSlot`, then releases. */
export interface HashSlot {
  readonly index: number;
  /** The whole slot (`slotBytes`), shared with the worker. */
  readonly bytes: Uint8Array;
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
  /** Each slot's bytes: views into one page-aligned shared memory (so a restore can write them with O_DIRECT), else one SharedArrayBuffer each. */
  readonly #slots: Uint8Array[] = [];
  readonly #free: number[] = [];
  readonly #waiting: Array<() => void> = [];
  readonly #jobs = new Map<number, Job>();
  #worker: Worker | null;
  #nextId = 0;

  constructor(options: WorkerBlockHasherOptions = {}) {
    this.slotBytes = options.slotBytes ?? 4 * 1024 * 1024;
    this.depth = options.depth ?? 3;
    const whole = this.slotBytes % 65536 === 0 ? allocateAlignedShared(this.slotBytes * this.depth) : null;
    for (let i = 0; i < this.depth; i++) {
      this.#slots.push(
        whole ? new Uint8Array(whole, i * this.slotBytes, this.slotBytes) : new Uint8Array(new SharedArrayBuffer(this.slotBytes)),
      );
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
    (this.#slots[slot] as Uint8Array).set(piece);
    return { digests: this.#post(slot, piece.length, blocks, false) };
  }

  /** A free slot for the caller to fill (waits while all are in use: backpressure). */
  async takeSlot(): Promise<HashSlot> {
    const index = await this.#takeSlot();
    return { index, bytes: this.#slots[index] as Uint8Array };
  }

  /** Digests of `blocks` of the slot's first `length` bytes; the slot stays taken (the caller reads it meanwhile). */
  hashSlot(slot: HashSlot, length: number, blocks: readonly BlockRange[]): Promise<string[]> {
    if (!this.#worker) return Promise.resolve(inlineDigests(slot.bytes.subarray(0, length), blocks));
    return this.#post(slot.index, length, blocks, true);
  }

  releaseSlot(slot: HashSlot): void {
    this.#release(slot.index);
  }

  #post(slot: number, length: number, blocks: readonly BlockRange[], owned: boolean): Promise<string[]> {
    const worker = this.#worker as Worker;
    const id = this.#nextId++;
    const digests = new Promise<string[]>((resolve) => this.#jobs.set(id, { slot, length, blocks, resolve, owned }));
    if (this.#jobs.size === 1) worker.ref();
    const bytes = this.#slots[slot] as Uint8Array;
    worker.postMessage({ id, sab: bytes.buffer, base: bytes.byteOffset, length, blocks: blocks.flatMap((b) => [b.offset, b.length]) });
    return digests;
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
    if (!job.owned) this.#release(job.slot);
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
      const piece = (this.#slots[job.slot] as Uint8Array).subarray(0, job.length);
      this.#done(id, inlineDigests(piece, job.blocks));
    }
  }
}
