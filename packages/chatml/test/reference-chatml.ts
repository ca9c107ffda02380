/**
 * The ChatML format as documented, written independently of the training template and without markers: OpenAI's
 * ChatML (`<|im_start|>{role}\n{content}<|im_end|>\n`, generation prompt `<|im_start|>assistant\n`), Qwen2.5's tool
 * block in the first system block (without its default system prompt), Hermes/Qwen `<tool_call>` JSON blocks after
 * the content, tool results as role `tool`, `reasoning_content` as `<think>\n…\n</think>\n\n` before the content.
 * There is no vendor original for base models; the conformance kit takes this as the original to match.
 */
export const REFERENCE_CHATML = String.raw`{%- macro text(content) -%}
    {%- if content is string -%}
        {{- content -}}
    {%- elif content is not none and content is defined -%}
        {%- if content is mapping or content is not iterable -%}
            {{- raise_exception('content must be a string, text parts or null') -}}
        {%- endif -%}
        {%- for part in content -%}
            {%- if part is not mapping or part.type != 'text' or part.text is not string -%}
                {{- raise_exception('only text parts') -}}
            {%- endif -%}
            {{- part.text -}}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro -%}
{%- set tool_instructions = "# Tools\n\nYou may call one or more functions to assist with the user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>" -%}
{%- set call_instructions = "\n</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>" -%}
{%- set merge_system = tools and messages[0].role == 'system' -%}
{%- if tools -%}
    {%- set ns = namespace(listed='') -%}
    {%- for tool in tools -%}
        {%- set ns.listed = ns.listed + '\n' + tool | tojson -%}
    {%- endfor -%}
    {{- '<|im_start|>system\n' + (text(messages[0].content) + '\n\n' if merge_system else '') + tool_instructions + ns.listed + call_instructions + '<|im_end|>\n' -}}
{%- endif -%}
{%- for message in (messages[1:] if merge_system else messages) -%}
    {%- if message.role != 'assistant' -%}
        {{- '<|im_start|>' + message.role + '\n' + text(message.content) + '<|im_end|>\n' -}}
    {%- else -%}
        {%- set body = text(message.content) -%}
        {%- set calls = namespace(blocks=[]) -%}
        {%- for call in message.tool_calls or [] -%}
            {%- set fn = call.function if call.function is defined else call -%}
            {%- set arguments = fn.arguments if fn.arguments is string else fn.arguments | tojson -%}
            {%- set calls.blocks = calls.blocks + ['<tool_call>\n' + '{"name": ' + fn.name | tojson + ', "arguments": ' + arguments + '}' + '\n</tool_call>'] -%}
        {%- endfor -%}
        {%- set thought = message.reasoning_content if message.reasoning_content is string else '' -%}
        {{- '<|im_start|>' + message.role + '\n' -}}
        {{- ('<think>\n' + thought + '\n</think>\n\n' if thought else '') + body + ('\n' if body and calls.blocks else '') + calls.blocks | join('\n') -}}
        {{- '<|im_end|>\n' -}}
    {%- endif -%}
{%- endfor -%}
{%- if add_generation_prompt -%}
    {{- '<|im_start|>assistant\n' -}}
{%- endif -%}
`;
