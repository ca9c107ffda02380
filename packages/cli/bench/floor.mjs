// The floor of issue 17, run by prepare-floor.bench.ts as its own process: what `prepare` cannot avoid doing, given
// the texts already rendered. It reads them, tokenizes them with the native binding's `encodeBatch`, 256 at a time
// (its Rust thread pool uses every core), and writes the four arrays `prepare` writes, as JSON Lines.
//   node bench/floor.mjs --tokenizer DIR --input TEXTS.jsonl --output ROWS.jsonl
// Each input line is { "text": string, "trained": [[start, end], ...] }: the rendered text, and the token ranges
// whose assistant_masks are 1 (given, as the text is: finding them is the pipeline's work, not the floor's).
// At the end it prints, as `prepare`'s summary does, `records:`, `tokens:` and `time: S s` on stderr; the clock runs
// from the tokenizer being loaded to the last row written, as `prepare`'s does.
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { Tokenizer } from "tokenizers";

const BATCH = 256;

const { values } = parseArgs({ options: { tokenizer: { type: "string" }, input: { type: "string" }, output: { type: "string" } } });
if (!values.tokenizer || !values.input || !values.output) {
  process.stderr.write("usage: node floor.mjs --tokenizer DIR --input TEXTS.jsonl --output ROWS.jsonl\n");
  process.exit(2);
}

const tokenizer = Tokenizer.fromFile(join(values.tokenizer, "tokenizer.json"));
tokenizer.disableTruncation();
tokenizer.disablePadding();

const started = performance.now();
const output = createWriteStream(values.output);
let records = 0;
let tokens = 0;

/** Tokenizes one batch and writes its rows. */
async function writeBatch(batch) {
  const encodings = await tokenizer.encodeBatch(
    batch.map((item) => item.text),
    { addSpecialTokens: false },
  );
  let chunk = "";
  for (const [index, encoding] of encodings.entries()) {
    const ids = encoding.getIds();
    const masks = new Array(ids.length).fill(0);
    for (const [start, end] of batch[index].trained) masks.fill(1, start, end);
    const labels = ids.map((id, position) => (masks[position] === 1 ? id : -100));
    chunk += `${JSON.stringify({ input_ids: ids, attention_mask: new Array(ids.length).fill(1), assistant_masks: masks, labels })}\n`;
    tokens += ids.length;
  }
  records += batch.length;
  if (!output.write(chunk)) await once(output, "drain");
}

let batch = [];
for await (const line of createInterface({ input: createReadStream(values.input), crlfDelay: Infinity })) {
  if (line === "") continue;
  batch.push(JSON.parse(line));
  if (batch.length === BATCH) {
    await writeBatch(batch);
    batch = [];
  }
}
if (batch.length > 0) await writeBatch(batch);
output.end();
await once(output, "finish");
const seconds = (performance.now() - started) / 1000;
process.stderr.write(`records: ${records}\ntokens: ${tokens}\ntime: ${seconds.toFixed(3)} s\n`);
