/**
 * Shared settings, read from `settings["client-access-rules"]` in the ESLint config.
 */
import { DEFAULT_MAX_RULES, type RestSemantics, type Target } from "../model/vocabulary.ts";

export type { RestSemantics, Target };

/**
 * What users write under `settings["client-access-rules"]`: every key is optional (see
 * DEFAULT_SETTINGS), so `{ target: "exchange-server" }` alone type-checks.
 */
export interface PluginSettings {
  readonly target?: Target;
  readonly restSemantics?: RestSemantics;
  readonly maxRules?: number;
}

/** The settings every rule reads: the user's, with the defaults filled in. */
export type ResolvedSettings = Required<PluginSettings>;

export const DEFAULT_SETTINGS: ResolvedSettings = {
  target: "exchange-online",
  restSemantics: "coupled",
  maxRules: DEFAULT_MAX_RULES,
};

/** Reads the plugin's settings, falling back to the defaults for anything missing or malformed. */
export function readSettings(settings: unknown): ResolvedSettings {
  const ours =
    settings && typeof settings === "object"
      ? (settings as Record<string, unknown>)["client-access-rules"]
      : undefined;
  if (!ours || typeof ours !== "object") return DEFAULT_SETTINGS;
  const { target, restSemantics, maxRules } = ours as Record<string, unknown>;
  return {
    target: target === "exchange-server" ? "exchange-server" : DEFAULT_SETTINGS.target,
    restSemantics: restSemantics === "independent" ? "independent" : DEFAULT_SETTINGS.restSemantics,
    maxRules:
      typeof maxRules === "number" && Number.isInteger(maxRules) && maxRules >= 0
        ? maxRules
        : DEFAULT_SETTINGS.maxRules,
  };
}
