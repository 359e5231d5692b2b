/** Growable typed-array columns, for building instances without an object per edge. */

type Numbers = Int32Array | Float64Array;

/** A typed array that grows by doubling; `finish()` gives the filled part. */
export class Column<T extends Numbers> {
  length = 0;
  private data: T;

  constructor(private readonly make: (length: number) => T) {
    this.data = make(1024);
  }

  push(x: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, this.make(2 * this.length));
    this.data[this.length++] = x;
  }

  finish(): T {
    return trim(this.data, this.length);
  }
}

/** `to` (a larger array) with `from` copied to its start, for hot loops that grow their own arrays. */
export function grow<T extends Numbers>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** The first `length` values; a copy only when more than a quarter of the buffer would be slack. */
export function trim<T extends Numbers>(data: T, length: number): T {
  return (length * 4 < data.length * 3 ? data.slice(0, length) : data.subarray(0, length)) as T;
}

export const int32Column = () => new Column((n) => new Int32Array(n));
export const float64Column = () => new Column((n) => new Float64Array(n));
