/**
 * The one way rules are made: meta with the docs URL, the bail-out for files that are not Client
 * Access Rules, and a `check` that receives the shared model instead of AST listeners.
 */
import type { Rule, SourceCode } from "eslint";
import { getRuleSet } from "./model/index.ts";
import type { RuleSetModel } from "./model/index.ts";
import { readSettings, type PluginSettings } from "./settings.ts";
import { DOCS_BASE_URL } from "./vocabulary.ts";

export type Severity = "error" | "warn";

export interface CarRuleMeta<MessageIds extends string> {
  readonly type: "problem" | "suggestion" | "layout";
  readonly docs: {
    readonly description: string;
    /** The severity in the `recommended` config, or `false` when it is only in `all`. */
    readonly recommended: Severity | false;
  };
  readonly messages: Readonly<Record<MessageIds, string>>;
  readonly schema?: Rule.RuleMetaData["schema"];
  readonly defaultOptions?: unknown[];
  readonly fixable?: "code";
  readonly hasSuggestions?: boolean;
}

/** Anything with a source location: a JSON AST node, or a hand-made span. */
export interface Locatable {
  readonly loc: { readonly start: { line: number; column: number }; readonly end: { line: number; column: number } };
}

export type ReportData = Readonly<Record<string, string | number>>;

export interface CarSuggestion<MessageIds extends string> {
  readonly messageId: MessageIds;
  readonly data?: ReportData;
  readonly fix: Rule.ReportFixer;
}

export interface CarReport<MessageIds extends string> {
  readonly node: Locatable;
  readonly messageId: MessageIds;
  readonly data?: ReportData;
  readonly fix?: Rule.ReportFixer | null;
  readonly suggest?: readonly CarSuggestion<MessageIds>[];
}

export interface CheckContext<MessageIds extends string, Options> {
  readonly ruleSet: RuleSetModel;
  readonly settings: PluginSettings;
  readonly sourceCode: SourceCode;
  readonly options: Options;
  report(report: CarReport<MessageIds>): void;
}

export interface CarRuleDefinition<MessageIds extends string, Options> {
  readonly name: string;
  readonly meta: CarRuleMeta<MessageIds>;
  /** Merges the user's options with the defaults (ESLint 8 has no `meta.defaultOptions`). */
  readonly readOptions?: (options: readonly unknown[]) => Options;
  check(context: CheckContext<MessageIds, Options>): void;
}

export type CarRuleModule = Rule.RuleModule & {
  readonly meta: Rule.RuleMetaData & { docs: { recommended: Severity | false; url: string } };
};

export function createRule<MessageIds extends string, Options = undefined>(
  definition: CarRuleDefinition<MessageIds, Options>,
): CarRuleModule {
  const { name, meta } = definition;
  return {
    meta: {
      ...meta,
      schema: meta.schema ?? [],
      docs: { ...meta.docs, url: `${DOCS_BASE_URL}${name}.md` },
    } as CarRuleModule["meta"],
    create(context) {
      const sourceCode = context.sourceCode;
      return {
        Program() {
          const ruleSet = getRuleSet(sourceCode);
          if (!ruleSet) return;
          const options = (definition.readOptions?.(context.options) ?? undefined) as Options;
          definition.check({
            ruleSet,
            settings: readSettings(context.settings),
            sourceCode,
            options,
            report({ node, messageId, data, fix, suggest }) {
              context.report({
                loc: node.loc,
                messageId,
                ...(data ? { data } : {}),
                ...(fix ? { fix } : {}),
                ...(suggest && suggest.length > 0
                  ? {
                      suggest: suggest.map((suggestion) => ({
                        messageId: suggestion.messageId,
                        ...(suggestion.data ? { data: suggestion.data } : {}),
                        fix: suggestion.fix,
                      })),
                    }
                  : {}),
              } as Rule.ReportDescriptor);
            },
          });
        },
      };
    },
  };
}
