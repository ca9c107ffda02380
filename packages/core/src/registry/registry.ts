import type { FamilyPlugin, TrainingTemplate } from "../template-types.ts";

/** The known training templates: plain data, built from family plugins. */
export interface Registry {
  readonly families: readonly FamilyPlugin[];
  readonly variants: readonly TrainingTemplate[];
  get(id: string): TrainingTemplate | undefined;
}

/** Groups family plugins into a registry; refuses two variants with one id, or a fingerprint claimed twice. */
export function createRegistry(families: readonly FamilyPlugin[]): Registry {
  const byId = new Map<string, TrainingTemplate>();
  const byFingerprint = new Map<string, string>();
  for (const family of families) {
    for (const variant of family.variants) {
      if (byId.has(variant.id)) throw new Error(`Two training templates share the id "${variant.id}"`);
      byId.set(variant.id, variant);
      for (const sha of variant.originalSha256) {
        const owner = byFingerprint.get(sha);
        if (owner) throw new Error(`The original fingerprint ${sha} is claimed by both "${owner}" and "${variant.id}"`);
        byFingerprint.set(sha, variant.id);
      }
    }
  }
  return {
    families,
    variants: [...byId.values()],
    get: (id) => byId.get(id),
  };
}
