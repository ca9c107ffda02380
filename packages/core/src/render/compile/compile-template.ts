import type { Node } from "./ast.ts";
import { UnsupportedConstruct } from "./ast.ts";
import { namespaceFunction } from "./namespace.ts";
import { compileBlock, type Stmt } from "./statements.ts";
import { Scope } from "./values.ts";

/** A template compiled to closures: renders the marked text from the template variables (plain values). */
export type CompiledRender = (globals: Readonly<Record<string, unknown>>) => string;

export type Compilation = { render: CompiledRender; unsupported?: undefined } | { render?: undefined; unsupported: string };

function usesLoopControl(node: unknown): boolean {
  if (!node || typeof node !== "object") return false;
  if (Array.isArray(node)) return node.some(usesLoopControl);
  const { type } = node as Node;
  if (type === "Break" || type === "Continue") return true;
  return Object.values(node).some((child) => typeof child === "object" && usesLoopControl(child));
}

/**
 * Compiles a parsed template (the `Program` renderChat parses) into a render function with the adjusted interpreter's
 * semantics, or says which construct it does not support. A compiled render that meets something it does not
 * reproduce at run time throws; the caller then renders with the interpreter.
 */
export function compileTemplate(program: unknown): Compilation {
  let body: Stmt;
  try {
    body = compileBlock((program as Node).body ?? [], { loopControl: usesLoopControl(program) });
  } catch (error) {
    // Whatever stops compilation keeps the template on the interpreter, which then reports any real error.
    return { unsupported: error instanceof UnsupportedConstruct ? error.message : `compiler error: ${(error as Error).message}` };
  }
  return {
    render: (globals) => {
      const root = new Scope(null);
      root.vars.set("namespace", namespaceFunction);
      for (const key of Object.keys(globals)) root.vars.set(key, globals[key]);
      return body(root);
    },
  };
}
