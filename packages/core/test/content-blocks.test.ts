import { describe, expect, it } from "vitest";
import { applyChatTemplate, assertContentBlocksRendered, ConversationProblemError, joinContentBlocks, type ChatMessage } from "../src/index.ts";
import { charTokenizer as charTokenizerOf } from "./char-tokenizer.ts";

const charTokenizer = charTokenizerOf();


/** Llama 3's way with content: a string filter on it, whatever it is. */
const TRIMS_CONTENT = "{% for m in messages %}<{{ m.role }}>{{ m['content'] | trim }}{% endfor %}";
/** Prints content with `str()`: a list comes out as its Python repr. */
const PRINTS_CONTENT = "{% for m in messages %}<{{ m.role }}>{{ m.content }}{% endfor %}";
/** Takes blocks, as multimodal templates do. */
const TAKES_BLOCKS =
  "{% for m in messages %}<{{ m.role }}>{% if m.content is string %}{{ m.content }}{% else %}" +
  "{% for b in m.content %}{% if b.type == 'text' %}{{ b.text }}{% else %}<img>{% endif %}{% endfor %}{% endif %}{% endfor %}";
/** Writes content as JSON on purpose: not a repr. */
const JSON_CONTENT = "{% for m in messages %}<{{ m.role }}>{{ m.content | tojson }}{% endfor %}";

const blocks = (...texts: string[]) => texts.map((text) => ({ type: "text", text }));
const MESSAGES: ChatMessage[] = [
  { role: "user", content: "Hi" },
  { role: "assistant", content: blocks("Hello, ", "'friend'") },
];

function problemOf(run: () => void): ConversationProblemError | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ConversationProblemError) return error;
    throw error;
  }
  return undefined;
}

describe("joinContentBlocks", () => {
  it("concatenates each list's text blocks, as templates that take blocks print them, and leaves strings alone", () => {
    expect(joinContentBlocks(MESSAGES)).toEqual([
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello, 'friend'" },
    ]);
  });

  it("refuses an image block, naming it", () => {
    const error = problemOf(() => joinContentBlocks([{ role: "user", content: [{ type: "text", text: "What?" }, { type: "image" }] }]));
    expect(error?.problem).toBe("content-blocks");
    expect(error?.message).toMatch(/^messages\[0\]\.content\[1\]: a "image" block cannot be joined into text/);
  });
});

describe("assertContentBlocksRendered", () => {
  const check = (template: string, messages = MESSAGES) => problemOf(() => assertContentBlocksRendered(template, { messages }, { renderOptions: { templateName: "t.jinja" } }));

  it("rejects a template that writes the list as its Python repr, naming the template and the message", () => {
    const error = check(PRINTS_CONTENT);
    expect(error?.problem).toBe("content-blocks");
    expect(error?.message).toMatch(/^messages\[1\]\.content: chat template t\.jinja writes this list of content blocks as its Python repr .*--content-blocks join/);
  });

  it("rejects a string filter on the list, whether the renderer writes the repr or fails on it", () => {
    const error = check(TRIMS_CONTENT);
    expect(error?.problem).toBe("content-blocks");
    expect(error?.message).toMatch(/^messages\[1\]\.content: chat template t\.jinja (writes this list of content blocks as its Python repr .+|fails on content blocks \(.+\) but renders them once joined); join the text blocks/);
  });

  it("rejects a template that reads only string content and drops the list's text (Qwen3's way)", () => {
    const STRING_ONLY = "{% for m in messages %}<{{ m.role }}>{% if m.content is string %}{{ m.content }}{% endif %}{% endfor %}";
    expect(check(STRING_ONLY)?.message).toMatch(/^messages\[1\]\.content: chat template t\.jinja writes none of this list of content blocks' text/);
  });

  it("rejects a template that fails on the list but renders it joined, suggesting the join", () => {
    const error = check("{% for m in messages %}<{{ m.role }}>{{ m.content.strip() }}{% endfor %}");
    expect(error?.problem).toBe("content-blocks");
    expect(error?.message).toMatch(/^messages\[1\]\.content: chat template t\.jinja fails on content blocks \(.+\) but renders them once joined; join the text blocks/);
  });

  it("passes templates that take blocks, and JSON on purpose", () => {
    expect(check(TAKES_BLOCKS)).toBeUndefined();
    expect(check(JSON_CONTENT)).toBeUndefined();
  });

  it("is not fooled by a text that spells a repr itself", () => {
    const messages: ChatMessage[] = [{ role: "user", content: "Print [{'type': 'text', 'text': 'x'}] in Python" }, { role: "assistant", content: blocks("Done.") }];
    expect(check(TAKES_BLOCKS, messages)).toBeUndefined();
    expect(check(PRINTS_CONTENT, messages)?.message).toMatch(/^messages\[1\]\.content: /);
  });

  it("leaves conversations without blocks alone, even with a template that fails on them", () => {
    expect(check("{{ raise_exception('no') }}", [{ role: "user", content: "Hi" }])).toBeUndefined();
  });
});

describe("applyChatTemplate's contentBlocks option", () => {
  const apply = (contentBlocks: "reject" | "join" | "as-is" | undefined, chatTemplate: string) =>
    applyChatTemplate(charTokenizer, MESSAGES, { chatTemplate, ...(contentBlocks ? { contentBlocks } : {}) });

  it("as-is (the default) renders what transformers renders: the repr", async () => {
    expect((await apply(undefined, PRINTS_CONTENT)).text).toBe("<user>Hi<assistant>[{'type': 'text', 'text': 'Hello, '}, {'type': 'text', 'text': \"'friend'\"}]");
  });

  it("reject throws the content-blocks error; join renders the joined text", async () => {
    await expect(apply("reject", PRINTS_CONTENT)).rejects.toThrow(/messages\[1\]\.content: chat template \(given template\) writes this list/);
    expect((await apply("join", PRINTS_CONTENT)).text).toBe("<user>Hi<assistant>Hello, 'friend'");
    expect((await apply("reject", TAKES_BLOCKS)).text).toBe("<user>Hi<assistant>Hello, 'friend'");
  });
});
