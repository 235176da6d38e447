/**
 * Builds the JSON Schema (draft-07, the draft VS Code's JSON language service supports best) for
 * Client Access Rules files from the vocabulary, so editors offer IntelliSense for every input
 * shape. `schema/client-access-rules.schema.json` is this module's output, checked in and shipped.
 *
 * Deliberate choices (docs/editor.md explains them to users):
 * - Property names are the canonical spellings only. PowerShell and the plugin match them
 *   case-insensitively, but JSON Schema cannot without a case-folding regex per name; canonical
 *   keys give clean completion, and an unknown (or oddly cased) key is flagged at the key.
 * - Enum values are the documented names. The `Allow`/`Deny` aliases and other casings are not
 *   accepted: `valid-schema` reports them too, with an autofix.
 * - The integer enum values Windows PowerShell 5.1 exports write are accepted (the plugin reads
 *   them) but carry `deprecationMessage`, so VS Code marks them, as `valid-schema` does.
 * - `null` is accepted for every parameter as "not set", lists also as one value.
 * - VS Code keywords (`markdownDescription`, `deprecationMessage`, `doNotSuggest`) sit beside
 *   the standard ones; most validators ignore them (Ajv 8 rejects them unless declared).
 */
import {
  DESIRED_STATE_PROPERTIES,
  DSC_REPORT_PROPERTIES,
  DSC_RESOURCE_NAME,
  ENSURE_VALUES,
  ENUM_VALUES,
  NUMERIC_ENUMS,
  PARAMETERS,
  READ_ONLY_EXPORT_PROPERTIES,
  type EnumName,
  type ParameterDescriptor,
  type ParameterKind,
} from "./vocabulary.ts";

export const SCHEMA_ID =
  "https://raw.githubusercontent.com/client-access-rules/eslint-plugin-client-access-rules/main/schema/client-access-rules.schema.json";

/** The keywords VS Code understands beyond the standard; validators must be told to ignore them. */
export const EDITOR_KEYWORDS = ["markdownDescription", "deprecationMessage", "doNotSuggest"] as const;

export type JsonSchema = { readonly [keyword: string]: unknown };

const NULL_MEANS_NOT_SET: JsonSchema = { type: "null", description: "Not set." };

/** Enum definitions are named by EnumName (`protocol`, `authenticationType`, `action`, `scope`). */
function ref(definition: string): JsonSchema {
  return { $ref: `#/definitions/${definition}` };
}

/** `description` for editors without Markdown, `markdownDescription` for VS Code. */
function described(markdown: string): JsonSchema {
  return { description: markdown.replaceAll("`", ""), markdownDescription: markdown };
}

/**
 * A documented name, or the integer Windows PowerShell 5.1 exports write for it. The integer's
 * deprecation warning sits in `then`, outside `anyOf`: VS Code treats a branch with a warning as
 * failing, and would then report the integer as "Incorrect type" against the name branch.
 */
function enumValueDefinition(enumName: EnumName): JsonSchema {
  const names = NUMERIC_ENUMS[enumName];
  const mapping = names.map((name, index) => `${index} = ${name}`).join(", ");
  const advice = `A numeric enum value as Windows PowerShell 5.1's ConvertTo-Json writes it (${mapping}); write the name instead.`;
  return {
    anyOf: [
      { type: "string", enum: [...ENUM_VALUES[enumName]] },
      { type: "integer", minimum: 0, maximum: names.length - 1, description: advice },
    ],
    if: { type: "integer" },
    then: { deprecationMessage: advice },
  };
}

function listOf(item: JsonSchema, single: JsonSchema): JsonSchema {
  return { anyOf: [{ type: "array", items: item, uniqueItems: true }, single, NULL_MEANS_NOT_SET] };
}

const NON_EMPTY_STRING: JsonSchema = { type: "string", minLength: 1 };

const PORT: JsonSchema = {
  anyOf: [
    { type: "integer", minimum: 1, maximum: 65535 },
    { type: "string", pattern: "^\\s*\\d{1,5}(-\\d{1,5})?\\s*$" },
  ],
};

/** The value schema of each parameter kind, before its description is attached. */
function valueSchema(kind: ParameterKind): JsonSchema {
  switch (kind) {
    case "name":
      return { type: ["string", "null"] };
    case "action":
      return { anyOf: [ref("action"), NULL_MEANS_NOT_SET] };
    case "priority":
      return { type: ["integer", "null"], minimum: 0 };
    case "enabled":
      return { type: ["boolean", "null"] };
    case "scope":
      return { anyOf: [ref("scope"), NULL_MEANS_NOT_SET] };
    case "protocol-list":
      return listOf(ref("protocol"), ref("protocol"));
    case "authentication-list":
      return listOf(ref("authenticationType"), ref("authenticationType"));
    case "port-list":
      return listOf(PORT, PORT);
    case "ip-list":
    case "pattern-list":
    case "group-list":
      // One string may also be "" (not set), as exports write it.
      return listOf(NON_EMPTY_STRING, { type: "string" });
    case "recipient-filter":
      return { type: ["string", "null"] };
  }
}

function parameterSchema(parameter: ParameterDescriptor, description = parameter.description): JsonSchema {
  return {
    ...described(description),
    ...valueSchema(parameter.kind),
    // Completion should not offer what Microsoft reserves; exports still carry them empty.
    ...(parameter.reserved ? { doNotSuggest: true } : {}),
  };
}

function ruleProperties(): Record<string, JsonSchema> {
  const properties: Record<string, JsonSchema> = {};
  for (const parameter of PARAMETERS) {
    properties[parameter.name] = parameterSchema(parameter);
    for (const alias of parameter.aliases ?? []) {
      properties[alias] = parameterSchema(
        parameter,
        `\`${alias}\` is read as \`${parameter.name}\` (exports and Microsoft365DSC write it). ${parameter.description}`,
      );
    }
  }
  for (const name of READ_ONLY_EXPORT_PROPERTIES) {
    properties[name] =
      name === "Identity"
        ? described(
            "Read-only in `Get-ClientAccessRule` output; Microsoft365DSC keys rules by it, and it serves as the rule's name when there is no `Name`.",
          )
        : {
            ...described(`Read-only \`Get-ClientAccessRule\` output, accepted and ignored.`),
            doNotSuggest: true,
          };
  }
  for (const name of DESIRED_STATE_PROPERTIES) {
    properties[name] =
      name === "Ensure"
        ? {
            ...described(
              "Microsoft365DSC: `Present` keeps the rule, `Absent` removes it; every lint rule ignores an `Absent` rule.",
            ),
            anyOf: [{ type: "string", enum: [...ENSURE_VALUES] }, NULL_MEANS_NOT_SET],
          }
        : { ...described("Microsoft365DSC connection setting, accepted and ignored."), doNotSuggest: true };
  }
  return properties;
}

/** OData annotations of the admin API (`AnyOfProtocols@odata.type`, `@odata.context`): ignored. */
const ANNOTATION_KEYS: Record<string, JsonSchema> = {
  "^@|@[Oo][Dd][Aa][Tt][Aa]\\.|@[Aa][Dd][Mm][Ii][Nn][Aa][Pp][Ii]\\.|@[Dd][Aa][Tt][Aa]\\.[Tt][Yy][Pp][Ee]": {
    ...described("An OData annotation of the Exchange admin API, ignored."),
    doNotSuggest: true,
  },
};

const RULE_DESCRIPTION =
  "One Client Access Rule, as written for New-ClientAccessRule, exported by `Get-ClientAccessRule | ConvertTo-Json`, or configured with Microsoft365DSC's EXOClientAccessRule.";

export function buildSchema(): JsonSchema {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: SCHEMA_ID,
    title: "Exchange Client Access Rules",
    ...described(
      "Exchange Client Access Rules, linted by eslint-plugin-client-access-rules: an array of rules, an object with `rules`, or one rule.",
    ),
    anyOf: [ref("ruleList"), ref("ruleSetDocument"), ref("rule"), ref("adminApiDocument"), ref("dscReport")],
    definitions: {
      ruleSetDocument: {
        type: "object",
        ...described("A rule set with an optional `$schema` for editor IntelliSense."),
        properties: {
          $schema: { type: "string", ...described("The JSON Schema of this file, for editor IntelliSense.") },
          rules: ref("ruleList"),
        },
        required: ["rules"],
        additionalProperties: false,
      },
      ruleList: {
        type: "array",
        ...described("Client Access Rules, evaluated in ascending `Priority`; the first matching rule decides."),
        items: ref("rule"),
      },
      adminApiDocument: {
        type: "object",
        ...described("The Exchange admin API's answer: the rules in `value`, OData annotations beside them (ignored)."),
        // Completion offers what people write by hand; this wrapper is only ever exported.
        properties: { value: { ...ref("ruleList"), doNotSuggest: true } },
        patternProperties: ANNOTATION_KEYS,
        required: ["value"],
        additionalProperties: false,
      },
      dscReport: {
        type: "array",
        ...described(
          "A Microsoft365DSC JSON report (`New-M365DSCReportFromConfiguration -Type JSON`): the `EXOClientAccessRule` entries are rules, every other resource is left alone.",
        ),
        // Only an array whose every entry names its resource is a report.
        items: { type: "object", required: ["ResourceName"] },
        if: { contains: { type: "object", properties: { ResourceName: { const: DSC_RESOURCE_NAME } }, required: ["ResourceName"] } },
        then: { items: { if: { type: "object", properties: { ResourceName: { const: DSC_RESOURCE_NAME } } }, then: ref("dscReportRule") } },
      },
      dscReportRule: {
        type: "object",
        ...described(`An \`${DSC_RESOURCE_NAME}\` entry of a Microsoft365DSC report; the string "$null" means not set.`),
        properties: {
          ...ruleProperties(),
          ...Object.fromEntries(DSC_REPORT_PROPERTIES.map((name) => [name, { ...described("Microsoft365DSC report metadata, ignored."), doNotSuggest: true }])),
        },
        additionalProperties: false,
        else: { required: ["Action"], anyOf: [{ required: ["Name"] }, { required: ["Identity"] }] },
        if: { properties: { Ensure: { const: "Absent" } }, required: ["Ensure"] },
      },
      rule: {
        type: "object",
        ...described(RULE_DESCRIPTION),
        properties: ruleProperties(),
        patternProperties: ANNOTATION_KEYS,
        additionalProperties: false,
        // Exchange requires a name and an action; Microsoft365DSC removes `Ensure: "Absent"` rules
        // whatever else they say, and names rules by Identity.
        if: { properties: { Ensure: { const: "Absent" } }, required: ["Ensure"] },
        else: { required: ["Action"], anyOf: [{ required: ["Name"] }, { required: ["Identity"] }] },
      },
      ...Object.fromEntries(
        (Object.keys(ENUM_VALUES) as EnumName[]).map((enumName) => [enumName, enumValueDefinition(enumName)]),
      ),
    },
  };
}

/** The exact text of `schema/client-access-rules.schema.json`. */
export function renderSchema(): string {
  return `${JSON.stringify(buildSchema(), null, 2)}\n`;
}
