import type { AppContext } from "../../kernel/app-context.js";
import { findBundle, listBundles } from "../recommendations/index.js";
import { usesBundle } from "./rules/push-text.js";
import { pushTexts as texts } from "./texts.js";

/**
 * A push's `套餐:<name>` against its text: the bundle's id when both are there, nothing when neither is,
 * and a refusal for one without the other, a bundle that does not exist, or a bundle on a group post
 * (priced per member; {套餐} itself is refused there before, as a per-member placeholder).
 */
export async function resolvePushBundle(
  app: AppContext,
  input: { bundle?: string; variants: readonly string[]; rooms: boolean },
): Promise<{ bundleId: number | null } | { invalid: string }> {
  const offers = input.variants.some((v) => usesBundle(v));
  if (input.bundle === undefined) return offers ? { invalid: texts.bundlePlaceholderWithoutBundle } : { bundleId: null };
  if (input.rooms) return { invalid: texts.roomBundle };
  const bundle = await findBundle(app, { name: input.bundle });
  if (!bundle)
    return {
      invalid: texts.unknownBundle(
        input.bundle,
        (await listBundles(app)).map((b) => b.name),
      ),
    };
  if (!offers) return { invalid: texts.bundleWithoutPlaceholder };
  return { bundleId: bundle.id };
}
