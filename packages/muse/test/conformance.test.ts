import { describeConformance, describeFamilyConformance, originalTemplatePath, type ConformanceOptions } from "@training-templates/testkit";
import { museFamily, museGlimmer } from "../src/index.ts";
import { museTokenizer } from "./muse-tokenizer.ts";

const glimmer: Omit<ConformanceOptions, "variant"> = {
  original: { path: originalTemplatePath("muse__glimmer.jinja") },
  tokenizer: museTokenizer,
  features: {
    tools: true,
    media: "mixed",
    // Channel blocks the template reads off each assistant message (`recipient`, `end_turn`), and one turn written
    // as several assistant messages, which is where the original's <|eom|>/<|eot|> choice broke prefixes.
    followUpAssistantMessages: true,
    assistantFields: { recipient: ["self", "user", "get_weather"], end_turn: [true, false, null] },
  },
  // An answer to the user ends with <|eot|>; a block to `self` or a tool, or with end_turn false, with <|eom|>.
  endOfTurnTokens: ["<|eot|>", "<|eom|>"],
  // Without a system message and without current_date, the original dates the system block with strftime_now.
  now: new Date(2026, 1, 3, 9, 15, 0),
  kwargsSets: [
    {},
    {
      knowledge_cutoff: "2025-06-01",
      current_date: "2025-07-26",
      reasoning_strength: "low",
      tool_namespace_descriptions: { get_weather: "Weather lookups.", search_web: "Searches the web." },
    },
  ],
};

describeFamilyConformance(museFamily, { "muse-glimmer": glimmer });

// Every message's content as a list of blocks: the system, assistant and tool list branches of render_content too.
describeConformance({ variant: museGlimmer, ...glimmer, features: { ...glimmer.features, media: "lists" }, kwargsSets: [{}] });
