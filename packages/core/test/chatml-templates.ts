/** Small ChatML training templates for CLI tests: every assistant reply and its end token in one generation block. */

const loop = (roleCheck: string[]) => [
  "{%- for message in messages %}",
  ...roleCheck,
  "{{- '<|im_start|>' + message.role + '\\n' }}",
  "{%- if message.role == 'assistant' %}{% generation %}{{- message.content + '<|im_end|>' }}{% endgeneration %}{{- '\\n' }}",
  "{%- else %}{{- message.content + '<|im_end|>\\n' }}{%- endif %}",
  "{%- endfor %}",
  "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}",
];

export const CHATML = loop([]).join("\n");

/** The same, refusing roles it does not know, as many vendors' templates do. */
export const STRICT_CHATML = loop([
  "{%- if message.role not in ['system', 'user', 'assistant'] %}{{ raise_exception('Unsupported role: ' + message.role) }}{%- endif %}",
]).join("\n");
