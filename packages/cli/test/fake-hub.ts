import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

export interface FakeHub {
  url: string;
  /** Every request, as `METHOD path`. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A stand-in for the Hub on 127.0.0.1, answering the calls the CLI makes as the Hub does: `POST
 * /api/models/{repo}/paths-info/{revision}` and `GET /{repo}/resolve/{revision}/{path}` (with `Range` and the
 * EntryNotFound header; RepoNotFound for a repository it does not have), and for datasets `GET
 * /api/datasets/{repo}/tree/{revision}[/{path}]?recursive=true` and `GET /datasets/{repo}/resolve/{revision}/{path}`.
 * Model repositories are folders `root/{owner}/{name}`, dataset repositories `root/datasets/{owner}/{name}` (one
 * folder per repository: revisions are not told apart); `refuse` maps repos to an HTTP status.
 */
export async function startFakeHub(root: string, refuse: Record<string, number> = {}): Promise<FakeHub> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    handle(root, refuse, request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => closeServer(server) };
}

/** A server that accepts connections and never answers: a network that hangs. */
export async function startSilentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

async function handle(root: string, refuse: Record<string, number>, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", "http://hub");
  const pathsInfo = /^\/api\/models\/([^/]+\/[^/]+)\/paths-info\/([^/]+)$/.exec(url.pathname);
  const datasetTree = /^\/api\/(datasets\/[^/]+\/[^/]+)\/tree\/([^/]+)(?:\/(.*))?$/.exec(url.pathname);
  const resolveFile = /^\/((?:datasets\/)?[^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url.pathname);
  const repo = pathsInfo?.[1] ?? datasetTree?.[1] ?? resolveFile?.[1];
  if (repo && refuse[repo]) {
    response.writeHead(refuse[repo], { "Content-Type": "application/json" }).end(JSON.stringify({ error: "Access to this model is restricted." }));
    return;
  }
  if (repo && !(await stat(join(root, repo)).then((s) => s.isDirectory(), () => false))) {
    response.writeHead(404, { "Content-Type": "application/json", "X-Error-Code": "RepoNotFound" }).end(JSON.stringify({ error: "Repository not found" }));
    return;
  }
  if (request.method === "GET" && datasetTree) {
    const base = join(root, datasetTree[1]!);
    const start = datasetTree[3] ? decodeURIComponent(datasetTree[3]) : "";
    if (!(await stat(join(base, start)).then((s) => s.isDirectory(), () => false))) {
      response.writeHead(404, { "Content-Type": "application/json", "X-Error-Code": "EntryNotFound" }).end(JSON.stringify({ error: "Entry not found" }));
      return;
    }
    const entries = await treeEntries(base, start, url.searchParams.get("recursive") === "true");
    response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(entries));
    return;
  }
  if (request.method === "POST" && pathsInfo) {
    const body = JSON.parse(await readBody(request)) as { paths: string[] };
    const found = [];
    for (const path of body.paths) {
      const file = join(root, pathsInfo[1]!, path);
      if (!(await stat(file).then((s) => s.isFile(), () => false))) continue;
      const content = await readFile(file);
      found.push({ type: "file", path, oid: createHash("sha1").update(content).digest("hex"), size: content.length });
    }
    response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(found));
    return;
  }
  if (request.method === "GET" && resolveFile) {
    const file = join(root, resolveFile[1]!, decodeURIComponent(resolveFile[3]!));
    const content = await readFile(file).catch(() => undefined);
    if (!content) {
      response.writeHead(404, { "X-Error-Code": "EntryNotFound" }).end("Entry not found");
      return;
    }
    const etag = `"${createHash("sha1").update(content).digest("hex")}"`;
    const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? "");
    if (range) {
      const start = Number(range[1]);
      const end = range[2] === "" ? content.length - 1 : Math.min(Number(range[2]), content.length - 1);
      response.writeHead(206, { ETag: etag, "Content-Range": `bytes ${start}-${end}/${content.length}`, "Content-Length": end - start + 1 });
      response.end(content.subarray(start, end + 1));
      return;
    }
    response.writeHead(200, { ETag: etag, "Content-Length": content.length }).end(content);
    return;
  }
  response.writeHead(404).end();
}

/** The Hub's tree listing: files with their git object id and size, folders, recursively when asked. */
async function treeEntries(base: string, start: string, recursive: boolean): Promise<unknown[]> {
  const entries: unknown[] = [];
  for (const entry of await readdir(join(base, start), { withFileTypes: true })) {
    const path = start === "" ? entry.name : `${start}/${entry.name}`;
    if (entry.isDirectory()) {
      entries.push({ type: "directory", path, oid: createHash("sha1").update(path).digest("hex"), size: 0 });
      if (recursive) entries.push(...(await treeEntries(base, path, true)));
    } else {
      const content = await readFile(join(base, path));
      entries.push({ type: "file", path, oid: createHash("sha1").update(content).digest("hex"), size: content.length });
    }
  }
  return entries;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.setEncoding("utf8").on("data", (chunk: string) => (body += chunk)).on("end", () => resolve(body)).on("error", reject);
  });
}
