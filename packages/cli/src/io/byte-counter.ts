import { asyncBufferFromFile, type AsyncBuffer } from "hyparquet";

/** The bytes a run actually read from its input files: what `summary.json` reports as `input.bytesRead`. */
export class ByteCounter {
  bytes = 0;

  add(count: number): void {
    this.bytes += count;
  }
}

/** A Parquet file whose every read (footer, column chunks) is counted. */
export async function countedParquetFile(path: string, counter: ByteCounter): Promise<AsyncBuffer> {
  const file = await asyncBufferFromFile(path);
  return {
    byteLength: file.byteLength,
    slice(start: number, end?: number) {
      counter.add((end ?? file.byteLength) - start);
      return file.slice(start, end);
    },
  };
}
