import fc from "fast-check";
import { textArbitrary } from "./text.ts";

/**
 * Retrieved documents as RAG templates receive them (`documents=[{"title": …, "text": …}]` in transformers): dicts
 * of strings whose keys templates print in order (`document.items()`) or dump whole (`doc | tojson`). Mostly
 * `title` and `text`, sometimes a `url` too or only a `text`.
 */
const documentArbitrary: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { arbitrary: fc.record({ title: textArbitrary(), text: textArbitrary() }), weight: 4 },
  {
    arbitrary: fc.record({
      title: textArbitrary(),
      text: textArbitrary(),
      url: fc.constantFrom("https://example.com/a", "https://例え.jp/ページ?q=1&r=2"),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ text: textArbitrary() }), weight: 1 },
);

/** One to three documents, now and then an empty list. */
export function documentsArbitrary(): fc.Arbitrary<Array<Record<string, unknown>>> {
  return fc.oneof(
    { arbitrary: fc.array(documentArbitrary, { minLength: 1, maxLength: 3 }), weight: 9 },
    { arbitrary: fc.constant<Array<Record<string, unknown>>>([]), weight: 1 },
  );
}
