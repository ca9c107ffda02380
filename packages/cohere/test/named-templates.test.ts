import { readFileSync } from "node:fs";
import { applyChatTemplate, createRegistry, getTrainingChatTemplate, type ToolDefinition } from "@training-templates/core";
import { loadTokenizer } from "@training-templates/core/node";
import { originalTemplatePath } from "@training-templates/testkit";
import { describe, expect, it } from "vitest";
import { cohereFamily, commandRV01, commandRV01Rag, commandRV01ToolUse } from "../src/index.ts";
import { deriveCohereTokenizer } from "./cohere-tokenizer.ts";

const readOriginal = (file: string) => new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(originalTemplatePath(file)));

// Command R's tokenizer_config.json holds `chat_template` as this list of named templates.
const namedOriginals = [
  { name: "default", template: readOriginal("cohere__command-r-v01.jinja") },
  { name: "tool_use", template: readOriginal("cohere__command-r-v01-tool-use.jinja") },
  { name: "rag", template: readOriginal("cohere__command-r-v01-rag.jinja") },
];
const registry = createRegistry([cohereFamily]);

const weatherTool: ToolDefinition = {
  type: "function",
  function: {
    name: "get_weather",
    description: "The weather in a city.",
    parameters: { type: "object", properties: { city: { type: "string", description: "The city." } }, required: ["city"] },
  },
};
const messages = [
  { role: "user", content: "Weather in Paris?" },
  { role: "assistant", content: "Sunny, 24 °C." },
];

describe("Command R (v01) named chat templates", () => {
  it("answers the named list with the training twin of each name", () => {
    const match = getTrainingChatTemplate({ chat_template: namedOriginals }, { registry });
    expect(match?.chatTemplate).toEqual([
      { name: "default", template: commandRV01.template },
      { name: "tool_use", template: commandRV01ToolUse.template },
      { name: "rag", template: commandRV01Rag.template },
    ]);
    expect(match?.named?.map(({ name, variant, matchedBy }) => [name, variant.id, matchedBy])).toEqual([
      ["default", "cohere-command-r-v01", "fingerprint"],
      ["tool_use", "cohere-command-r-v01-tool-use", "fingerprint"],
      ["rag", "cohere-command-r-v01-rag", "fingerprint"],
    ]);
    expect(match?.variant.id).toBe("cohere-command-r-v01");
  });

  it("masks with the tool_use training template when tools are given, with the default one otherwise", async () => {
    const tokenizer = await loadTokenizer(deriveCohereTokenizer({ chat_template: namedOriginals }));
    const endOfTurn = tokenizer.tokenToId("<|END_OF_TURN_TOKEN|>");
    const trained = (encoding: { text: string; spans: ReadonlyArray<readonly [number, number]> }) =>
      encoding.spans.map(([start, end]) => encoding.text.slice(start, end));

    const withTools = await applyChatTemplate(tokenizer, messages, { tools: [weatherTool], returnAssistantTokensMask: true, registry });
    expect(withTools.templateUsed).toEqual({
      source: "training-template",
      strategy: "fingerprint",
      trainingTemplateId: "cohere-command-r-v01-tool-use",
      matchedBy: "fingerprint",
    });
    expect(withTools.text).toContain("def get_weather(city: str) -> List[Dict]:");
    expect(trained(withTools)).toEqual(["Sunny, 24 °C.<|END_OF_TURN_TOKEN|>"]);
    const lastTrained = withTools.assistant_masks!.lastIndexOf(1);
    expect(withTools.input_ids[lastTrained]).toBe(endOfTurn);

    const withoutTools = await applyChatTemplate(tokenizer, messages, { returnAssistantTokensMask: true, registry });
    expect(withoutTools.templateUsed.trainingTemplateId).toBe("cohere-command-r-v01");
    expect(withoutTools.text).toBe(
      "<BOS_TOKEN><|START_OF_TURN_TOKEN|><|USER_TOKEN|>Weather in Paris?<|END_OF_TURN_TOKEN|>" +
        "<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>Sunny, 24 °C.<|END_OF_TURN_TOKEN|>",
    );
    expect(trained(withoutTools)).toEqual(["Sunny, 24 °C.<|END_OF_TURN_TOKEN|>"]);
  });
});
