/** A growable list of 32-bit integers over a typed array (no boxing, amortized O(1) push). */
export class IntList {
  data: Int32Array<ArrayBuffer>;
  length = 0;

  constructor(capacity = 64) {
    this.data = new Int32Array(Math.max(1, capacity));
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}
