import { CliError } from "../cli-error.ts";

const PREFIX = "hf://datasets/";

/** `hf://datasets/OWNER/NAME[@REVISION][/PATH]`, as `huggingface_hub`'s file system spells dataset paths. */
export interface HubDatasetRef {
  repo: string;
  revision: string;
  /** A folder, a file or a file-name wildcard inside the repository; "" for all of it. */
  path: string;
}

export function isHubDatasetUri(spec: string): boolean {
  return spec.startsWith(PREFIX);
}

/** The revision may be a branch, tag or commit; `refs/convert/parquet` is written `refs%2Fconvert%2Fparquet`. */
export function parseHubDatasetUri(spec: string): HubDatasetRef {
  const match = /^([A-Za-z0-9][\w.-]*)\/([A-Za-z0-9][\w.-]*)(?:@([^/]+))?(?:\/(.*))?$/.exec(spec.slice(PREFIX.length));
  if (!match) throw new CliError("USAGE", `--input ${spec}: expected hf://datasets/OWNER/NAME[@REVISION][/PATH]`);
  return { repo: `${match[1]}/${match[2]}`, revision: decodeURIComponent(match[3] ?? "main"), path: (match[4] ?? "").replace(/\/+$/, "") };
}
