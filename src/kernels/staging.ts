/**
 * Per-call staging of kernel operands: arrays already in kernel memory are used in place; the others
 * are copied into one reusable scratch block before the kernel runs (inputs) and copied back after it
 * (outputs). Kernel calls are synchronous and never nested, so one block serves every call.
 */
import { allocBytes, f64At, freeBytes, i32At, isResident } from './kernel-memory.js';

let block = 0;
let blockSize = 0;

const ALIGN = 64;
const up = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

/**
 * Collects the operands of one kernel call; see the module comment.
 *
 * @example
 * const s = new Staging();
 * const a = s.input(A), o = s.output(out);
 * s.commit();
 * kernels.dot(s.ptr(a), s.ptr(a), A.length);
 * s.finish();
 */
export class Staging {
  private size = 0;
  private readonly inputs: { a: Float64Array | Int32Array; off: number }[] = [];
  private readonly outputs: { a: Float64Array; off: number }[] = [];
  private readonly scratch: number[] = [];
  private base = 0;

  /** Address of an input array (staged when not resident). Returns a slot id to resolve later. */
  input(a: Float64Array | Int32Array): number {
    if (isResident(a)) return -a.byteOffset - 1;
    const off = this.size;
    this.size += up(a.byteLength);
    this.inputs.push({ a, off });
    return off;
  }

  /** Address of an array the kernel writes (and may read first: it is copied in as well). */
  inout(a: Float64Array): number {
    const off = this.input(a);
    if (off >= 0) this.outputs.push({ a, off });
    return off;
  }

  /** Address of an array the kernel only writes (not copied in). */
  output(a: Float64Array): number {
    if (isResident(a)) return -a.byteOffset - 1;
    const off = this.size;
    this.size += up(a.byteLength);
    this.outputs.push({ a, off });
    return off;
  }

  /** Reserves `bytes` of scratch. */
  reserve(bytes: number): number {
    const off = this.size;
    this.size += up(bytes);
    this.scratch.push(off);
    return off;
  }

  /** Makes room and copies the inputs in; after this, {@link ptr} resolves slot ids. */
  commit(): void {
    if (this.size > blockSize) {
      if (block !== 0) freeBytes(block);
      // Grow geometrically so a sequence of slightly larger calls does not reallocate each time.
      blockSize = Math.max(this.size, Math.floor(blockSize * 1.5));
      block = allocBytes(blockSize);
    }
    this.base = block;
    for (const { a, off } of this.inputs) {
      const view = a instanceof Float64Array ? f64At(this.base + off, a.length) : i32At(this.base + off, a.length);
      view.set(a);
    }
  }

  /** Byte address for a slot id from input/inout/output/reserve. */
  ptr(slot: number): number {
    return slot < 0 ? -slot - 1 : this.base + slot;
  }

  /** Copies the staged outputs back into the caller's arrays. */
  finish(): void {
    for (const { a, off } of this.outputs) a.set(f64At(this.base + off, a.length));
  }
}
