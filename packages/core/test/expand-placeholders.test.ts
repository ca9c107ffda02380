import { describe, expect, it } from "vitest";
import { expandPlaceholders, InvalidConversationError } from "../src/index.ts";

const IMAGE = 9;
const VIDEO = 8;

describe("expandPlaceholders", () => {
  it("expands images in several turns, keeping every row aligned", () => {
    // user: [img] hi | assistant: ok </s> | user: [img] [video] more | assistant: yes </s>
    const rows = {
      input_ids: [1, IMAGE, 2, 3, 4, 5, IMAGE, VIDEO, 6, 7, 5],
      attention_mask: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
      assistant_masks: [0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1],
      labels: [-100, -100, -100, 3, 4, -100, -100, -100, -100, 7, 5],
    };
    const out = expandPlaceholders(rows, [
      { tokenId: IMAGE, lengths: [3, 2] },
      { tokenId: VIDEO, lengths: 4, expandedId: 99 },
    ]);
    expect(out.input_ids).toEqual([1, 9, 9, 9, 2, 3, 4, 5, 9, 9, 99, 99, 99, 99, 6, 7, 5]);
    expect(out.assistant_masks).toEqual([0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect(out.labels).toEqual([-100, -100, -100, -100, -100, 3, 4, -100, -100, -100, -100, -100, -100, -100, -100, 7, 5]);
    expect(out.attention_mask).toHaveLength(out.input_ids.length);
    // The trained ids are the same tokens before and after: only media tokens moved them.
    const trained = (ids: number[], masks: number[]) => ids.filter((_, i) => masks[i]);
    expect(trained(out.input_ids, out.assistant_masks!)).toEqual(trained(rows.input_ids, rows.assistant_masks));
  });

  it("says when the lengths do not match the placeholders", () => {
    expect(() => expandPlaceholders({ input_ids: [IMAGE, IMAGE] }, [{ tokenId: IMAGE, lengths: [4] }])).toThrow(InvalidConversationError);
    expect(() => expandPlaceholders({ input_ids: [IMAGE] }, [{ tokenId: IMAGE, lengths: [4, 4] }])).toThrow(/2 lengths were given but the text has 1/);
  });

  it("leaves rows it was not given absent", () => {
    expect(expandPlaceholders({ input_ids: [IMAGE, 1] }, [{ tokenId: IMAGE, lengths: 2 }])).toEqual({ input_ids: [IMAGE, IMAGE, 1] });
  });
});
