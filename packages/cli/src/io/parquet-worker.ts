import { open, type FileHandle } from "node:fs/promises";
import { parentPort, workerData } from "node:worker_threads";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import { CliError, messageOf } from "../cli-error.ts";
import { failureOf, type ThreadFailure } from "../thread-failure.ts";
import type { EncoderJob, EncoderReply, EncoderRequest, EncoderSetup, SchemaElement } from "./parquet-protocol.ts";
import { writeRowGroup } from "./parquet-row-group.ts";

// The thread that encodes and writes Parquet shards for `ParquetShardWriter`: the jobs it is sent, one at a time, in
// the order sent. After a failure it does no more work (every later job fails alike) but still closes the open file.
const port = parentPort!;
const setup = workerData as EncoderSetup;

interface OpenFile {
  path: string;
  handle: FileHandle;
  byteWriter: FileByteWriter;
  writer: ParquetWriter | undefined;
}

let file: OpenFile | undefined;
let failure: ThreadFailure | undefined;
let queue = Promise.resolve();

port.on("message", (request: EncoderRequest) => {
  queue = queue.then(() => answer(request));
});

async function answer(request: EncoderRequest): Promise<void> {
  if (failure && request.type !== "abandon") return post({ type: "failed", id: request.id, failure });
  try {
    await perform(request);
    post({ type: "done", id: request.id });
  } catch (error) {
    failure ??= failureOf(error);
    post({ type: "failed", id: request.id, failure });
  }
}

async function perform(job: EncoderJob): Promise<void> {
  switch (job.type) {
    case "open": {
      if (file) throw new Error(`${job.path} opened while ${file.path} is still open`);
      let handle: FileHandle;
      try {
        handle = await open(job.path, "w");
      } catch (error) {
        throw new CliError("OUTPUT", `cannot write ${job.path}: ${messageOf(error)}`, { cause: error });
      }
      file = { path: job.path, handle, byteWriter: new FileByteWriter(handle, job.path), writer: undefined };
      return;
    }
    case "row-group": {
      const current = openFile();
      current.writer ??= parquetWriter(current.byteWriter, job.schema);
      await writeRowGroup(current.writer, job.columns, job.rows);
      return;
    }
    case "finish": {
      const current = openFile();
      current.writer ??= parquetWriter(current.byteWriter, job.schema);
      await current.writer.finish();
      await current.handle.close();
      // Only now: a file whose footer could not be written is still closed by `abandon`.
      file = undefined;
      return;
    }
    case "abandon": {
      await file?.handle.close().catch(() => undefined);
      file = undefined;
      return;
    }
  }
}

function openFile(): OpenFile {
  if (!file) throw new Error("no Parquet file is open");
  return file;
}

function parquetWriter(byteWriter: FileByteWriter, schema: SchemaElement[]): ParquetWriter {
  return new ParquetWriter({ writer: byteWriter, schema, kvMetadata: setup.kvMetadata, createdBy: setup.createdBy });
}

function post(reply: EncoderReply): void {
  port.postMessage(reply);
}

/** hyparquet-writer's byte buffer, emptied into the file after each row group: memory holds one row group. */
class FileByteWriter extends ByteWriter {
  constructor(
    private readonly handle: FileHandle,
    private readonly path: string,
  ) {
    super(1 << 20);
  }

  async flush(): Promise<void> {
    if (this.index === 0) return;
    try {
      await this.handle.write(new Uint8Array(this.buffer, 0, this.index));
    } catch (error) {
      throw new CliError("OUTPUT", `cannot write ${this.path}: ${messageOf(error)}`, { cause: error });
    }
    this.index = 0;
  }

  override finish(): Promise<void> {
    return this.flush();
  }
}
