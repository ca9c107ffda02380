import fc from "fast-check";

const WORDS = [
  "hello", "world", "the", "weather", "is", "nice", "today", "please", "help", "me", "with", "this", "code",
  "function", "answer", "question", "thanks", "ok", "yes", "no", "maybe", "data", "file", "result", "value",
  "number", "list", "item", "sure", "why", "how", "what", "about", "Paris", "tomorrow", "I", "you", "can",
];

/** Emoji that are more than one code point: ZWJ sequences, flags, skin tones, variation selectors. */
const EMOJI = ["😀", "🤖", "👍🏽", "👋🏿", "👨‍👩‍👧‍👦", "🧑🏿‍💻", "🏳️‍🌈", "🇯🇵", "🇺🇳", "❤️"];
const CJK = ["你好，世界", "こんにちは世界", "안녕하세요", "漢字とかなカナ", "中文测试。"];
/** Decomposed (NFD) letters: a renderer that normalises would change them. */
const COMBINING = ["e\u0301", "Cafe\u0301", "n\u0303o", "a\u0308\u0304", "Z\u0351a\u0364l\u0300go"];
const RIGHT_TO_LEFT = ["مرحبا بالعالم", "שלום עולם", "abc مرحبا 123", "\u200Fעברית\u200F"];
/** Text that a careless template or tokenizer could take for a control token. */
const SPECIAL_TOKEN_LOOKALIKES = [
  "<|im_end|>", "<|im_start|>assistant", "<|eot_id|>", "<|start_header_id|>user<|end_header_id|>", "<|endoftext|>",
  "<end_of_turn>", "<start_of_turn>model", "</s>", "<s>", "[INST]", "[/INST]",
];
/** Text that would change the output if anything evaluated message text as a template. */
const JINJA_LOOKALIKES = [
  "{{ x }}", "{% if %}", "{% generation %}", "{% endgeneration %}", "{# note #}", "{{", "%}", "{%- raw -%}",
];
const THINK_CLOSERS = ["</think>", "</think>\n\n"];
const PADDING = [" ", "  ", "\n", "\n\n", "\t", " \n ", "\r\n"];

const plainWords = fc
  .tuple(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }), fc.constantFrom("", ".", "?", "!"))
  .map(([words, end]) => words.join(" ") + end);

const exoticPiece = fc.oneof(
  fc.constantFrom(...EMOJI),
  fc.constantFrom(...CJK),
  fc.constantFrom(...COMBINING),
  fc.constantFrom(...RIGHT_TO_LEFT),
  fc.constantFrom(...SPECIAL_TOKEN_LOOKALIKES),
  fc.constantFrom(...JINJA_LOOKALIKES),
  fc.constantFrom(...THINK_CLOSERS),
);

/** Plain words with one or more unusual pieces among them. */
const mixedText = fc
  .tuple(
    fc.array(fc.oneof({ arbitrary: exoticPiece, weight: 2 }, { arbitrary: plainWords, weight: 1 }), {
      minLength: 1,
      maxLength: 4,
    }),
    fc.constantFrom(" ", "\n", ""),
  )
  .map(([pieces, separator]) => pieces.join(separator));

const paddedText = fc
  .tuple(fc.constantFrom(...PADDING, ""), fc.oneof(plainWords, mixedText), fc.constantFrom(...PADDING, ""))
  .filter(([before, , after]) => before !== "" || after !== "")
  .map(([before, text, after]) => before + text + after);

/** About 2000 characters in paragraphs, built from one number so a long text costs no more to draw than a short one. */
const LONG_TEXT_LENGTH = 2000;
const longText = fc.nat().map((seed) => {
  let text = "";
  for (let i = 0; text.length < LONG_TEXT_LENGTH; i++) {
    const word = WORDS[(seed + i * 7) % WORDS.length] as string;
    text += i === 0 ? word : (i % 40 === 0 ? "\n\n" : " ") + word;
  }
  return text;
});

/** Any text field: mostly a few plain words, sometimes empty, long, padded with whitespace or full of traps. */
export function textArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: plainWords, weight: 24 },
    { arbitrary: fc.constant(""), weight: 3 },
    { arbitrary: mixedText, weight: 12 },
    { arbitrary: paddedText, weight: 4 },
    { arbitrary: longText, weight: 1 },
  );
}

