import { readFileSync } from "node:fs";
import { applyChatTemplate, createRegistry, getTrainingChatTemplate, type ToolDefinition } from "@training-templates/core";
import { loadTokenizer } from "@training-templates/core/node";
import { originalTemplatePath } from "@training-templates/testkit";
import { describe, expect, it } from "vitest";
import { cohere2Family, commandR7b, commandR7bRag, commandR7bToolUse } from "../src/index.ts";
import { deriveCohere2Tokenizer } from "./cohere2-tokenizer.ts";

const readOriginal = (file: string) => new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(originalTemplatePath(file)));

// Command R7B's tokenizer_config.json holds `chat_template` as this list of named templates.
const namedOriginals = [
  { name: "default", template: readOriginal("cohere2__command-r7b-12-2024.jinja") },
  { name: "tool_use", template: readOriginal("cohere2__command-r7b-12-2024-tool-use.jinja") },
  { name: "rag", template: readOriginal("cohere2__command-r7b-12-2024-rag.jinja") },
];
const registry = createRegistry([cohere2Family]);

const weatherTool: ToolDefinition = {
  type: "function",
  function: {
    name: "get_weather",
    description: "The weather in a city.",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};
const messages = [
  { role: "user", content: "Weather in Paris?" },
  { role: "assistant", content: "Sunny, 24 °C." },
];

describe("Command R7B named chat templates", () => {
  it("answers the named list with the training twin of each name", () => {
    const match = getTrainingChatTemplate({ chat_template: namedOriginals }, { registry });
    expect(match?.chatTemplate).toEqual([
      { name: "default", template: commandR7b.template },
      { name: "tool_use", template: commandR7bToolUse.template },
      { name: "rag", template: commandR7bRag.template },
    ]);
    expect(match?.named?.map(({ name, variant, matchedBy }) => [name, variant.id, matchedBy])).toEqual([
      ["default", "cohere2-command-r7b", "fingerprint"],
      ["tool_use", "cohere2-command-r7b-tool-use", "fingerprint"],
      ["rag", "cohere2-command-r7b-rag", "fingerprint"],
    ]);
    expect(match?.variant.id).toBe("cohere2-command-r7b");
  });

  it("masks with the tool_use training template when tools are given, with the default one otherwise", async () => {
    const tokenizer = await loadTokenizer(deriveCohere2Tokenizer({ chat_template: namedOriginals }));
    const endOfTurn = tokenizer.tokenToId("<|END_OF_TURN_TOKEN|>");
    const trained = (encoding: { text: string; spans: ReadonlyArray<readonly [number, number]> }) =>
      encoding.spans.map(([start, end]) => encoding.text.slice(start, end));

    const withTools = await applyChatTemplate(tokenizer, messages, { tools: [weatherTool], returnAssistantTokensMask: true, registry });
    expect(withTools.templateUsed).toEqual({
      source: "training-template",
      strategy: "fingerprint",
      trainingTemplateId: "cohere2-command-r7b-tool-use",
      matchedBy: "fingerprint",
    });
    expect(withTools.text).toContain('{"name": "get_weather", "description": "The weather in a city."');
    // In the tool-use format the model opens its reply with <|START_RESPONSE|> itself.
    expect(trained(withTools)).toEqual(["<|START_RESPONSE|>Sunny, 24 °C.<|END_RESPONSE|><|END_OF_TURN_TOKEN|>"]);
    expect(withTools.input_ids[withTools.assistant_masks!.lastIndexOf(1)]).toBe(endOfTurn);
    expect(withTools.text.endsWith("<|END_OF_TURN_TOKEN|>")).toBe(true);

    const withoutTools = await applyChatTemplate(tokenizer, messages, { returnAssistantTokensMask: true, registry });
    expect(withoutTools.templateUsed.trainingTemplateId).toBe("cohere2-command-r7b");
    expect(withoutTools.text).toBe(
      "<BOS_TOKEN><|START_OF_TURN_TOKEN|><|SYSTEM_TOKEN|><|END_OF_TURN_TOKEN|>" +
        "<|START_OF_TURN_TOKEN|><|USER_TOKEN|>Weather in Paris?<|END_OF_TURN_TOKEN|>" +
        "<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|><|START_RESPONSE|>Sunny, 24 °C.<|END_RESPONSE|><|END_OF_TURN_TOKEN|>",
    );
    expect(trained(withoutTools)).toEqual(["Sunny, 24 °C.<|END_RESPONSE|><|END_OF_TURN_TOKEN|>"]);
  });
});
