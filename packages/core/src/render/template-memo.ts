/**
 * Remembers `compute(template)` for the last `size` distinct templates (the oldest is forgotten first): chat templates
 * are few and conversations many, so what depends on the template alone is worked out once. A `compute` that throws
 * remembers nothing.
 */
export function memoizeByTemplate<T>(size: number, compute: (template: string) => T): (template: string) => T {
  const cache = new Map<string, T>();
  return (template) => {
    if (cache.has(template)) return cache.get(template)!;
    const value = compute(template);
    if (cache.size >= size) cache.delete(cache.keys().next().value!);
    cache.set(template, value);
    return value;
  };
}
