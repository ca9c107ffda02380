import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { buildTemplateContext, renderChat, sampleConversations, TrainingTemplatesError } from "@training-templates/core";
import { expect, it } from "vitest";
import { originalTemplatePath } from "../src/originals.ts";
import { renderWithPython } from "../src/python/render-reference.ts";
import { describeFirstDifference } from "../src/report.ts";

interface IndexEntry {
  file: string | null;
  alias_of?: string | null;
  bos_token?: string | null;
  eos_token?: string | null;
}

/**
 * Our rendering layer over @huggingface/jinja against Python Jinja2 with transformers' settings, on every vendor
 * original in the corpus: the same text, and the same conversations rejected. Each difference found here was a fix
 * in core's Python-compatible interpreter (see the core README for what remains).
 */
it("renders every original in the corpus as Python Jinja2 does, on generated conversations", async () => {
  const dir = dirname(originalTemplatePath("index.json"));
  const index = JSON.parse(readFileSync(`${dir}/index.json`, "utf8")) as IndexEntry[];
  const originals = index.filter((entry) => entry.file && !entry.alias_of);
  expect(originals.length).toBeGreaterThan(40);
  const conversations = sampleConversations({ seed: 7, count: 40 });
  const now = new Date(2025, 6, 26, 10, 30);
  const jobs = originals.flatMap((entry) => {
    const template = new TextDecoder().decode(readFileSync(`${dir}/${entry.file}`));
    const specialTokens = { bos_token: entry.bos_token ?? "<s>", eos_token: entry.eos_token ?? "</s>" };
    return conversations.map((conversation) => ({ file: entry.file!, template, context: buildTemplateContext(conversation, specialTokens), now }));
  });
  const python = await renderWithPython(jobs);
  const problems: string[] = [];
  let rendered = 0;
  for (const [i, job] of jobs.entries()) {
    let ours: { text: string } | { error: string };
    try {
      ours = { text: renderChat(job.template, job.context, { now: () => now }).text };
    } catch (error) {
      if (!(error instanceof TrainingTemplatesError)) throw error;
      ours = { error: error.message };
    }
    const theirs = python[i]!;
    if ("text" in ours && "text" in theirs) {
      rendered++;
      if (ours.text !== theirs.text) problems.push(`${job.file}: ${describeFirstDifference(theirs.text, ours.text)}`);
    } else if ("text" in ours !== "text" in theirs) {
      problems.push(`${job.file}: ${"error" in theirs ? `Python rejects (${theirs.error})` : `we reject (${(ours as { error: string }).error})`}, the other renders`);
    }
  }
  expect(rendered, "conversations rendered by both").toBeGreaterThan(jobs.length / 2);
  expect(problems.slice(0, 5).join("\n\n")).toBe("");
}, 300_000);
