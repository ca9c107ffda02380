/** Template shapes the corpus of originals lacks, written here as a vendor might. */
export const ALPACA = `{% for m in messages %}{% if m.role == 'user' %}### Instruction:
{{ m.content }}

{% elif m.role == 'assistant' %}### Response:
{{ m.content }}{{ eos_token }}

{% endif %}{% endfor %}{% if add_generation_prompt %}### Response:
{% endif %}`;

export const VICUNA = `{% if messages[0].role == 'system' %}{{ messages[0].content }}

{% endif %}{% for m in messages %}{% if m.role == 'user' %}USER: {{ m.content }} {% elif m.role == 'assistant' %}ASSISTANT: {{ m.content }}{{ eos_token }}{% endif %}{% endfor %}{% if add_generation_prompt %}ASSISTANT:{% endif %}`;

/** `[INST]` with a BOS per exchange, as Llama 2 writes it. */
export const INST_BOS_PER_EXCHANGE = `{% for m in messages %}{% if m.role == 'user' %}{{ bos_token }}[INST] {{ m.content }} [/INST]{% elif m.role == 'assistant' %} {{ m.content }} {{ eos_token }}{% endif %}{% endfor %}`;

/** The eos only after the last turn: earlier turns end with a newline. */
export const EOS_LAST_ONLY = `{% for m in messages %}<|{{ m.role }}|>
{{ m.content }}{% if loop.last and m.role == 'assistant' %}{{ eos_token }}{% else %}
{% endif %}{% endfor %}{% if add_generation_prompt %}<|assistant|>
{% endif %}`;

/** Tool calls written by a macro. */
export const TOOL_MACRO = `{% macro call(tc) %}<tool_call>{"name": "{{ tc.function.name }}", "arguments": {{ tc.function.arguments | tojson }}}</tool_call>{% endmacro %}{% for m in messages %}<|im_start|>{{ m.role }}
{% if m.content %}{{ m.content }}{% endif %}{% for tc in m.tool_calls or [] %}{{ call(tc) }}{% endfor %}<|im_end|>
{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant
{% endif %}`;

/** A generation prompt that opens a think block the history turns do not have. */
export const THINK_PROMPT = `{% for m in messages %}<|im_start|>{{ m.role }}
{{ m.content }}<|im_end|>
{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant
<think>
{% endif %}`;

/** Reasoning rendered only for the last assistant turn: history is rewritten as turns are appended. */
export const REASONING_LAST_ONLY = `{% for m in messages %}<|im_start|>{{ m.role }}
{% if m.role == 'assistant' and loop.last and m.reasoning_content %}<think>{{ m.reasoning_content }}</think>{% endif %}{{ m.content }}<|im_end|>
{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant
{% endif %}`;

/** ChatML that writes `bos_token` first. */
export const CHATML_WITH_BOS = `{{ bos_token }}{% for m in messages %}<|im_start|>{{ m.role }}
{{ m.content }}<|im_end|>
{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant
{% endif %}`;

/** Phi-4-mini's published format (system, tools listed in `<|tool|>`, `<|end|>` after each turn), written from its documentation. */
export const PHI4_STYLE = `{% for m in messages %}{% if m.role == 'system' and tools %}<|system|>{{ m.content }}<|tool|>{{ tools | tojson }}<|/tool|><|end|>{% else %}<|{{ m.role }}|>{{ m.content }}<|end|>{% endif %}{% endfor %}{% if add_generation_prompt %}<|assistant|>{% else %}{{ eos_token }}{% endif %}`;

/** Granite's role markers (`<|start_of_role|>…<|end_of_role|>`, `<|end_of_text|>` after each turn), written from its documentation. */
export const GRANITE_STYLE = `{% for m in messages %}<|start_of_role|>{{ m.role }}<|end_of_role|>{{ m.content }}<|end_of_text|>
{% endfor %}{% if add_generation_prompt %}<|start_of_role|>assistant<|end_of_role|>{% endif %}`;
