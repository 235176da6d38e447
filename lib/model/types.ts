/**
 * The typed rule-set model: what `read-rule-set.ts` builds once per file and every rule reads.
 *
 * Every key and value keeps its AST node so rules can report at the exact JSON value and fixes
 * can edit it. The plain, normalised part of each readable rule is its `spec` (RuleSpec).
 */
import type { AST } from "jsonc-eslint-parser";
import type { Action, AuthenticationType, ParameterDescriptor, Protocol, Scope } from "./vocabulary.ts";
import type { FilterProblem } from "./recipient-filter.ts";
import type { PsIssueCode } from "./powershell/simulate.ts";
import type { IpRange, PortRange, RuleSpec } from "./rule-spec.ts";

/**
 * Which input shape the rules were read from: JSON (design.md shapes 1–8; exports and
 * Microsoft365DSC objects are arrays or single rules) or PowerShell (shape 9).
 */
export type RuleSetShape =
  | "array"
  | "rules-object"
  | "single-rule"
  | "admin-api"
  | "dsc-report"
  | "powershell-script"
  | "dsc-configuration"
  /** None of the shapes, but rule objects where no shape keeps them: reported, none read. */
  | "misplaced-rules";

/** What a list parameter holds once read. */
export interface ListValueTypes {
  "protocol-list": Protocol;
  "authentication-list": AuthenticationType;
  "ip-list": IpRange;
  "port-list": PortRange;
  "pattern-list": string;
  "group-list": string;
}
export type ListKind = keyof ListValueTypes;

export interface ListItem<T> {
  /**
   * The element node; for items split out of a one-string comma list (`"POP3,IMAP4"`), the string
   * node they share.
   */
  readonly node: AST.JSONExpression;
  /** The item's text as written (trimmed), or the number's text for numeric enums. */
  readonly text: string;
  /** The normalised value; `undefined` when the item could not be read. */
  readonly value: T | undefined;
  /** True when the item came from splitting a comma list held in one string. */
  readonly fromCommaList: boolean;
}

export interface ListValue<T> {
  readonly parameter: ParameterDescriptor;
  readonly property: RuleProperty;
  /** The array node, when the value is written as an array. */
  readonly array: AST.JSONArrayExpression | undefined;
  readonly items: readonly ListItem<T>[];
}

export interface RuleProperty {
  readonly node: AST.JSONProperty;
  readonly keyNode: AST.JSONProperty["key"];
  /** The key as written. */
  readonly key: string;
  readonly valueNode: AST.JSONExpression;
  /** The parameter this key names (case-insensitively), if any. */
  readonly parameter: ParameterDescriptor | undefined;
  /** The canonical name of an accepted-and-ignored export / desired-state property, if it is one. */
  readonly ignoredAs: string | undefined;
}

/**
 * One problem the model found while reading. Blocking issues leave the rule out of the semantic
 * analysis; the others were normalised (the model reads the value as its fix would write it).
 */
export type ModelIssue =
  | { readonly kind: "not-an-object"; readonly node: AST.JSONExpression | AST.JSONProgram; readonly blocking: true }
  /** `{ "rules": { … } }`: the file's `rules` holds no list, so no rule in it is read. */
  | { readonly kind: "rules-not-a-list"; readonly node: AST.JSONExpression; readonly blocking: true }
  /**
   * Rule objects under a property (`node`: its key) or in a nested array (`node`: that array) where
   * no input shape keeps them, so no rule of the file is read. `powerShellArrayWrapper`: the
   * `{ "value": [ … ], "Count": n }` Windows PowerShell's ConvertTo-Json writes for an array passed whole.
   */
  | {
      readonly kind: "misplaced-rules";
      readonly node: AST.JSONNode;
      /** Where they are, as the messages say it: `under "value"`, `in the array nested at position 2`. */
      readonly where: string;
      readonly powerShellArrayWrapper: boolean;
      readonly blocking: true;
    }
  /** A second `rules` key: the model reads the last (as JSON.parse does); `node` is an ignored one's key. */
  | {
      readonly kind: "duplicate-rules-key";
      readonly node: AST.JSONProperty["key"];
      readonly kept: AST.JSONProperty["key"];
      readonly blocking: true;
    }
  | {
      readonly kind: "unknown-parameter";
      readonly property: RuleProperty;
      /** A parameter of New-/Set-ClientAccessRule that is not part of the rule (DomainController, Confirm, WhatIf). */
      readonly cmdletOnly: boolean;
      readonly suggestions: readonly string[];
      readonly blocking: true;
    }
  | {
      readonly kind: "duplicate-parameter";
      readonly property: RuleProperty;
      readonly parameter: string;
      readonly first: RuleProperty;
      readonly blocking: true;
    }
  | {
      readonly kind: "wrong-type";
      readonly node: AST.JSONExpression;
      readonly parameter: string;
      readonly expected: string;
      readonly blocking: true;
    }
  | {
      readonly kind: "invalid-enum";
      readonly node: AST.JSONExpression;
      readonly parameter: string;
      readonly value: string;
      readonly allowed: readonly string[];
      readonly suggestions: readonly string[];
      /** Set when the value sits inside a one-string comma list. */
      readonly inCommaList: boolean;
      readonly blocking: true;
    }
  | {
      /** `padded-value`: a name, pattern, address or port with spaces around it, read trimmed. */
      readonly kind: "enum-case" | "enum-alias" | "padded-value";
      readonly node: AST.JSONExpression;
      readonly parameter: string;
      readonly value: string;
      readonly canonical: string;
      readonly blocking: false;
    }
  | {
      readonly kind: "numeric-enum";
      readonly node: AST.JSONExpression;
      readonly parameter: string;
      readonly value: number;
      readonly canonical: string;
      readonly blocking: false;
    }
  | {
      readonly kind: "comma-list";
      readonly node: AST.JSONStringLiteral;
      readonly parameter: string;
      readonly items: readonly string[];
      /** True when the string is the property's whole value rather than an array element. */
      readonly standalone: boolean;
      /**
       * Groups and patterns, whose values may hold a comma: the string is read as one value and
       * the split is only suggested. Enum, address and port lists are read as their items.
       */
      readonly readAsOneValue: boolean;
      readonly blocking: false;
    }
  | { readonly kind: "missing-name" | "missing-action"; readonly node: AST.JSONObjectExpression; readonly blocking: true }
  | { readonly kind: "invalid-priority"; readonly node: AST.JSONExpression; readonly blocking: true }
  | { readonly kind: "invalid-enabled"; readonly node: AST.JSONExpression; readonly blocking: true }
  | { readonly kind: "invalid-port"; readonly node: AST.JSONExpression; readonly text: string; readonly blocking: true }
  | {
      /**
       * An authentication-type condition New-ClientAccessRule refuses ("Chosen authentication type
       * and protocol combination is invalid"): either list without AnyOfProtocols
       * (`without-protocols`, `node`: the list's value), or ExceptAnyOfAuthenticationTypes without
       * AnyOfAuthenticationTypes (`except-alone`, `node`: its key). Such a rule never exists in the
       * organization. Reported by no-unsupported-condition.
       */
      readonly kind: "rejected-authentication";
      readonly node: AST.JSONNode;
      readonly parameter: "AnyOfAuthenticationTypes" | "ExceptAnyOfAuthenticationTypes";
      readonly reason: "without-protocols" | "except-alone";
      readonly blocking: true;
    }
  | {
      readonly kind: "invalid-ip";
      readonly node: AST.JSONExpression;
      readonly parameter: string;
      readonly text: string;
      readonly message: string;
      /** A form documented for other Exchange IP lists only: not known to be rejected. */
      readonly undocumented?: true;
      readonly blocking: true;
    }
  | {
      /**
       * What the PowerShell reader could not read or apply (design.md shape 9): an unknown or
       * ambiguous parameter, a value that is not statically known, a command in a loop or
       * function, pipeline input, a rule the file never creates; or, not blocking, a parameter
       * written as a prefix of its name.
       */
      readonly kind: "powershell";
      readonly node: AST.JSONExpression;
      readonly code: PsIssueCode;
      readonly data: Readonly<Record<string, string>>;
      /** For `parameter-prefix`: the full parameter as it should be written (`-AnyOfProtocols`). */
      readonly replacement: string | undefined;
      readonly blocking: boolean;
    }
  | {
      /** `-and` and `-or` mixed without parentheses: valid, read left to right (a hint, not blocking). */
      readonly kind: "mixed-recipient-filter";
      readonly node: AST.JSONStringLiteral;
      readonly start: number;
      readonly end: number;
      readonly parenthesized: string;
      readonly blocking: false;
    }
  | {
      /**
       * A user name pattern, group or recipient filter holding U+FFFD, what a UTF-8 reader makes of
       * bytes that are not UTF-8 (text-encoding.ts): what the value is in the file is unknown.
       */
      readonly kind: "undecodable-value";
      readonly node: AST.JSONExpression;
      readonly parameter: string;
      readonly value: string;
      readonly blocking: true;
    }
  | {
      readonly kind: "invalid-recipient-filter";
      readonly node: AST.JSONStringLiteral;
      readonly problems: readonly FilterProblem[];
      readonly blocking: true;
    };


export interface RecipientFilterValue {
  readonly property: RuleProperty;
  readonly node: AST.JSONStringLiteral;
  readonly text: string;
  /** Canonical text (the opaque analysis atom); `undefined` when the filter has problems. */
  readonly normalized: string | undefined;
}

export interface CarRule {
  /** Position in the rules array (0 for a single-rule file). */
  readonly index: number;
  readonly node: AST.JSONObjectExpression;
  readonly properties: readonly RuleProperty[];
  /** Microsoft365DSC `Ensure: "Absent"`: the rule is ignored by every rule. */
  readonly absent: boolean;
  readonly name: string | undefined;
  /** The Name (or Identity) value node, the usual place to report a whole-rule finding. */
  readonly nameNode: AST.JSONExpression | undefined;
  readonly action: Action | undefined;
  readonly priority: number | undefined;
  readonly enabled: boolean;
  readonly scope: Scope;
  /** List parameters the rule sets, by canonical parameter name. */
  readonly lists: ReadonlyMap<string, ListValue<unknown>>;
  readonly recipientFilter: RecipientFilterValue | undefined;
  readonly issues: readonly ModelIssue[];
  /** The normalised rule for analysis; `undefined` when the model could not read the rule. */
  readonly spec: RuleSpec | undefined;
  /** The first property for a parameter (canonical name), matched case-insensitively. */
  get(parameterName: string): RuleProperty | undefined;
  /** The list read for a list parameter (canonical name), if the rule sets it. */
  list<K extends ListKind>(parameterName: string, kind: K): ListValue<ListValueTypes[K]> | undefined;
}

export interface RuleSetModel {
  readonly shape: RuleSetShape;
  readonly program: AST.JSONProgram;
  /** The array holding the rules (array and rules-object shapes). */
  readonly rulesArray: AST.JSONArrayExpression | undefined;
  /** Issues about the file or its entries (for example an entry that is not an object). */
  readonly issues: readonly ModelIssue[];
  /** Every rule object in file order, `Ensure: "Absent"` ones included (see `absent`). */
  readonly allRules: readonly CarRule[];
  /** The rules every lint rule looks at: `allRules` without `Ensure: "Absent"` ones. */
  readonly rules: readonly CarRule[];
  /** Specs of the readable rules (disabled ones included), in file order. */
  readonly specs: readonly RuleSpec[];
  /**
   * PowerShell scripts: a second `New-ClientAccessRule` with a Name already in use, which fails
   * and changes nothing (no-duplicate-name reports it).
   */
  readonly duplicateCreations?: readonly DuplicateCreation[];
  /** The rule a spec was read from. */
  ruleOf(spec: RuleSpec): CarRule;
}

export interface DuplicateCreation {
  readonly name: string;
  /** The `-Name` value of the command that fails. */
  readonly nameNode: AST.JSONExpression;
  /** The rule that already has the name. */
  readonly first: CarRule;
}
