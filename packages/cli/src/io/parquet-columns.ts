import type { IntListColumn } from "./parquet-protocol.ts";

const INITIAL_VALUES = 1 << 16;

/**
 * One row group's `list<int32>` column, collected flat as the rows come (no array per row kept), and handed to the
 * encoding thread as two buffers it takes over.
 */
export class IntListBuilder {
  private values: Int32Array;
  private offsets: Int32Array;
  private length = 0;
  private rows = 0;
  private nullRows: number[] = [];

  constructor(
    readonly name: string,
    rowsExpected: number,
  ) {
    this.values = new Int32Array(INITIAL_VALUES);
    this.offsets = new Int32Array(rowsExpected + 1);
  }

  add(list: unknown): void {
    if (list === null || list === undefined) this.nullRows.push(this.rows);
    else {
      const items = list as ArrayLike<number>;
      const end = this.length + items.length;
      if (end > this.values.length) this.values = grown(this.values, end, this.length);
      this.values.set(items, this.length);
      this.length = end;
    }
    this.rows++;
    if (this.rows >= this.offsets.length) this.offsets = grown(this.offsets, this.rows + 1, this.rows);
    this.offsets[this.rows] = this.length;
  }

  /** The rows so far, with the buffers to transfer; the builder starts again on new buffers of the same sizes. */
  take(): { column: IntListColumn; transfer: ArrayBuffer[] } {
    const column: IntListColumn = {
      kind: "int-lists",
      name: this.name,
      values: this.values.subarray(0, this.length),
      offsets: this.offsets.subarray(0, this.rows + 1),
      nullRows: this.nullRows,
    };
    const transfer = [this.values.buffer as ArrayBuffer, this.offsets.buffer as ArrayBuffer];
    this.values = new Int32Array(this.values.length);
    this.offsets = new Int32Array(this.offsets.length);
    this.length = 0;
    this.rows = 0;
    this.nullRows = [];
    return { column, transfer };
  }
}

function grown(array: Int32Array, needed: number, used: number): Int32Array {
  const larger = new Int32Array(Math.max(needed, array.length * 2));
  larger.set(array.subarray(0, used));
  return larger;
}
