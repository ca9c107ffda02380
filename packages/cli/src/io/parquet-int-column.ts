import type { writeColumn } from "hyparquet-writer/src/column.js";
import { writeDataPageV2 } from "hyparquet-writer/src/datapage.js";
import { writeDictionaryPage } from "hyparquet-writer/src/dictionary.js";

type ColumnEncoder = Parameters<typeof writeColumn>[0]["column"];
type Writer = Parameters<typeof writeColumn>[0]["writer"];
type ColumnResult = ReturnType<typeof writeColumn>;
type ColumnMetadata = NonNullable<ColumnResult["chunk"]["meta_data"]>;
type OffsetIndex = NonNullable<ColumnResult["offsetIndex"]>;

/** A list<int32> column with a value in every slot (no null or empty list): its ids and the levels of each. */
export interface DenseIntLists {
  values: Int32Array;
  definitionLevels: Uint8Array;
  repetitionLevels: Uint8Array;
  maxDefinitionLevel: number;
}

/** useDictionary's sampling: a column whose sampled distinct bytes exceed this share of the sampled bytes is plain. */
const SAMPLE_REJECTION_RATIO = 0.9;
const SAMPLE_SIZE = 1000;
/** A dictionary looked up by value in an array when the values span at most this many integers, else in a Map. */
const DIRECT_LOOKUP_SPAN = 1 << 22;

/**
 * hyparquet-writer's `writeColumn` for an INT32 leaf whose every slot holds a value, as it runs with the options the
 * shard writer gives it (statistics, offset index, no column index, bloom filter or forced encoding): the same
 * dictionary decision and order, pages, statistics and chunk metadata, so the same bytes. What it does per value
 * (statistics, dictionary lookups, page sizes) runs over typed arrays here; the pages are written by
 * hyparquet-writer's own `writeDataPageV2` and `writeDictionaryPage`. A column with null or empty lists goes through
 * `writeColumn` itself.
 */
export function writeDenseIntColumn(writer: Writer, column: ColumnEncoder, data: DenseIntLists): ColumnResult {
  const { values, definitionLevels, repetitionLevels, maxDefinitionLevel } = data;
  const { element, schemaPath, pageSize } = column;
  if (element.type !== "INT32" || element.converted_type !== undefined || element.logical_type !== undefined) {
    throw new Error(`parquet column ${column.columnName} is not a plain INT32 column`);
  }
  if (column.bloomFilter || column.columnIndex || column.encoding !== undefined || column.dictionarySize !== undefined || !column.stats) {
    throw new Error(`parquet column ${column.columnName}: options this writer does not follow`);
  }
  const offsetStart = writer.offset;
  let uncompressedSize = 0;
  const encodings: ColumnMetadata["encodings"] = [];
  const statistics = int32Statistics(values);
  const dictionary = int32Dictionary(values, statistics);

  let dictionaryPageOffset: bigint | undefined;
  let writeValues: Int32Array;
  let encoding: "PLAIN" | "RLE_DICTIONARY";
  if (dictionary) {
    writeValues = dictionary.indexes;
    encoding = "RLE_DICTIONARY";
    dictionaryPageOffset = BigInt(writer.offset);
    uncompressedSize += writeDictionaryPage(writer, column, dictionary.values);
    encodings.push("PLAIN");
  } else {
    writeValues = values;
    encoding = "PLAIN";
  }
  encodings.push(encoding);

  const pages = pageBoundaries(writeValues.length, repetitionLevels, pageSize);

  const offsetIndex: OffsetIndex | undefined = column.offsetIndex && pages.length > 1 ? { page_locations: [] } : undefined;
  const dataPageOffset = BigInt(writer.offset);
  let firstRowIndex = 0n;
  let previousStart = 0;
  for (const page of pages) {
    const pageOffset = writer.offset;
    const pageData = {
      values: writeValues.slice(page.start, page.end),
      definitionLevels: definitionLevels.slice(page.start, page.end),
      repetitionLevels: repetitionLevels.slice(page.start, page.end),
      maxDefinitionLevel,
    };
    // hyparquet-writer types these as plain arrays; it only reads them by index.
    uncompressedSize += writeDataPageV2({ writer, column, encoding, pageData: pageData as unknown as Parameters<typeof writeDataPageV2>[0]["pageData"] });
    if (offsetIndex) {
      for (let index = previousStart + 1; index <= page.start; index++) if (repetitionLevels[index] === 0) firstRowIndex++;
      offsetIndex.page_locations.push({ offset: BigInt(pageOffset), compressed_page_size: writer.offset - pageOffset, first_row_index: firstRowIndex });
    }
    previousStart = page.start;
  }

  const encodingStats: NonNullable<ColumnMetadata["encoding_stats"]> = [];
  if (dictionaryPageOffset !== undefined) encodingStats.push({ page_type: "DICTIONARY_PAGE", encoding: "PLAIN", count: 1 });
  encodingStats.push({ page_type: "DATA_PAGE_V2", encoding, count: pages.length });

  return {
    chunk: {
      meta_data: {
        type: "INT32",
        encodings,
        path_in_schema: schemaPath.slice(1).map((part) => part.name),
        codec: column.codec ?? "UNCOMPRESSED",
        num_values: BigInt(values.length),
        total_compressed_size: BigInt(writer.offset - offsetStart),
        total_uncompressed_size: BigInt(uncompressedSize),
        data_page_offset: dataPageOffset,
        dictionary_page_offset: dictionaryPageOffset,
        statistics,
        encoding_stats: encodingStats,
        geospatial_statistics: undefined,
      },
      file_offset: BigInt(offsetStart),
    },
    columnIndex: undefined,
    offsetIndex,
    bloomFilter: undefined,
  };
}

/**
 * hyparquet-writer's `getPageBoundaries` when every slot holds a 4-byte value: a page ends at the first row start
 * (repetition level 0) at which it holds `pageSize` bytes, counting the value there.
 */
function pageBoundaries(count: number, repetitionLevels: Uint8Array, pageSize: number): Array<{ start: number; end: number }> {
  if (!pageSize) return [{ start: 0, end: count }];
  const valuesPerPage = Math.ceil(pageSize / 4);
  const pages: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (;;) {
    let end = Math.max(start + 1, start + valuesPerPage - 1);
    while (end < count && repetitionLevels[end] !== 0) end++;
    if (end >= count) break;
    pages.push({ start, end });
    start = end;
  }
  if (start < count) pages.push({ start, end: count });
  return pages;
}

interface Int32Statistics {
  min_value: number | undefined;
  max_value: number | undefined;
  null_count: bigint;
  nan_count: undefined;
}

/** As hyparquet-writer's `getStatistics` for integers: the least and greatest, zero written as -0 and +0. */
function int32Statistics(values: Int32Array): Int32Statistics {
  if (values.length === 0) return { min_value: undefined, max_value: undefined, null_count: 0n, nan_count: undefined };
  let min = values[0]!;
  let max = min;
  for (let index = 1; index < values.length; index++) {
    const value = values[index]!;
    if (value < min) min = value;
    else if (value > max) max = value;
  }
  return { min_value: min === 0 ? -0 : min, max_value: max === 0 ? 0 : max, null_count: 0n, nan_count: undefined };
}

/**
 * hyparquet-writer's `useDictionary` for INT32 values with none missing: rejected when a sample of 1,000 spread over
 * the column is more than 90% distinct, else built (values in order of first appearance) and kept if the dictionary
 * and its bit-packed indexes take at most half the plain bytes.
 */
function int32Dictionary(values: Int32Array, statistics: Int32Statistics): { values: number[]; indexes: Int32Array } | undefined {
  const count = values.length;
  const sampleSize = Math.min(count, SAMPLE_SIZE);
  const sampled = new Set<number>();
  for (let i = 0; i < sampleSize; i++) sampled.add(values[sampleSize === 1 ? 0 : Math.floor((i * (count - 1)) / (sampleSize - 1))]!);
  // Every sampled value is 4 bytes: distinct bytes over sampled bytes is distinct values over the sample.
  if (sampleSize === 0 || sampled.size / sampleSize > SAMPLE_REJECTION_RATIO) return undefined;

  const dictionary: number[] = [];
  const indexes = new Int32Array(count);
  const min = statistics.min_value ?? 0;
  const span = (statistics.max_value ?? 0) - min + 1;
  if (span <= DIRECT_LOOKUP_SPAN) {
    // Index + 1 of each value seen, by value - min (0: not seen yet).
    const seen = new Int32Array(span);
    for (let i = 0; i < count; i++) {
      const slot = values[i]! - min;
      let index = seen[slot]! - 1;
      if (index < 0) {
        index = dictionary.length;
        dictionary.push(values[i]!);
        seen[slot] = index + 1;
      }
      indexes[i] = index;
    }
  } else {
    const seen = new Map<number, number>();
    for (let i = 0; i < count; i++) {
      let index = seen.get(values[i]!);
      if (index === undefined) {
        index = dictionary.length;
        dictionary.push(values[i]!);
        seen.set(values[i]!, index);
      }
      indexes[i] = index;
    }
  }
  const bitWidth = Math.ceil(Math.log2(dictionary.length));
  const indexBytes = Math.ceil((count * bitWidth) / 8);
  if (2 * (dictionary.length * 4 + indexBytes) > count * 4) return undefined;
  return { values: dictionary, indexes };
}
