/**
 * The JSON Schema: generated from the vocabulary (the checked-in file must not be stale), a valid
 * draft-07 schema under Ajv's strict mode, its enums equal to the vocabulary's, and it accepts
 * every example meant to be valid and each input shape while rejecting the typical mistakes.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { getStaticJSONValue, parseJSON } from "jsonc-eslint-parser";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EDITOR_KEYWORDS, SCHEMA_ID, buildSchema, renderSchema } from "../../lib/model/schema.ts";
import {
  ACTION_ALIASES,
  DESIRED_STATE_PROPERTIES,
  ENSURE_VALUES,
  ENUM_VALUES,
  NUMERIC_ENUMS,
  PARAMETERS,
  READ_ONLY_EXPORT_PROPERTIES,
  type EnumName,
} from "../../lib/model/vocabulary.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const schemaPath = path.join(root, "schema/client-access-rules.schema.json");
const examplesDir = path.join(root, "examples");
/** The one example written to show mistakes; examples/README.md lists its 21 findings. */
const INVALID_EXAMPLE = "typical-mistakes.car.jsonc";

type Json = unknown;
type Schema = Record<string, any>;

function createAjv(): Ajv {
  // strictRequired would insist that `required` in if/else repeat each property's definition.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  for (const keyword of EDITOR_KEYWORDS) ajv.addKeyword(keyword);
  return ajv;
}

const ajv = createAjv();
const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as Schema;
const validate = ajv.compile(schema);
const validateRuleSetDocument = ajv.getSchema(`${SCHEMA_ID}#/definitions/ruleSetDocument`)!;

function readJsonc(filePath: string): Json {
  return getStaticJSONValue(parseJSON(readFileSync(filePath, "utf8")));
}

function errorsOf(validator: ValidateFunction, document: Json): ErrorObject[] {
  return validator(document) ? [] : [...(validator.errors ?? [])];
}

/** The leaf errors, as `path keyword detail`, without the anyOf/if summaries Ajv adds. */
function describeErrors(errors: readonly ErrorObject[]): string[] {
  const detail = (error: ErrorObject): string => {
    if (error.keyword === "additionalProperties") return String(error.params["additionalProperty"]);
    if (error.keyword === "required") return String(error.params["missingProperty"]);
    return "";
  };
  const leaves = errors.filter((error) => error.keyword !== "anyOf" && error.keyword !== "if");
  return [...new Set(leaves.map((error) => `${error.instancePath} ${error.keyword} ${detail(error)}`.trim()))];
}

describe("the checked-in schema", () => {
  it("is what the generator writes from the vocabulary (run `npm run generate:schema` when this fails)", () => {
    const checkedIn = readFileSync(schemaPath, "utf8");
    expect(checkedIn === renderSchema(), "schema/client-access-rules.schema.json is stale: run npm run generate:schema").toBe(
      true,
    );
  });

  it("is a draft-07 schema that compiles under Ajv's strict mode", () => {
    expect(schema["$schema"]).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema["$id"]).toBe(SCHEMA_ID);
    expect(() => createAjv().compile(buildSchema())).not.toThrow();
  });

  it("is pure JSON: generating twice gives the same text", () => {
    expect(renderSchema()).toBe(renderSchema());
  });
});

describe("enums and properties come from the vocabulary", () => {
  const definitions = schema["definitions"] as Record<string, Schema>;
  const ruleProperties = definitions["rule"]!["properties"] as Record<string, Schema>;

  it.each(Object.keys(ENUM_VALUES) as EnumName[])("%s: the names, then integers for the export order", (enumName) => {
    const [names, numeric] = definitions[enumName]!["anyOf"] as Schema[];
    expect(names!["enum"]).toEqual(ENUM_VALUES[enumName]);
    expect([numeric!["minimum"], numeric!["maximum"]]).toEqual([0, NUMERIC_ENUMS[enumName].length - 1]);
  });

  it("leaves the Allow/Deny aliases out of the Action enum (valid-schema reports and fixes them)", () => {
    const actionNames = (definitions["action"]!["anyOf"] as Schema[])[0]!["enum"] as string[];
    for (const alias of ACTION_ALIASES.keys()) {
      expect(actionNames.map((name) => name.toLowerCase())).not.toContain(alias);
    }
  });

  it("Ensure takes the Microsoft365DSC values", () => {
    expect((ruleProperties["Ensure"]!["anyOf"] as Schema[])[0]!["enum"]).toEqual(ENSURE_VALUES);
  });

  it("has exactly the parameters, their aliases, the export and the desired-state properties", () => {
    const expected = [
      ...PARAMETERS.flatMap((parameter) => [parameter.name, ...(parameter.aliases ?? [])]),
      ...READ_ONLY_EXPORT_PROPERTIES,
      ...DESIRED_STATE_PROPERTIES,
    ];
    expect(Object.keys(ruleProperties).sort()).toEqual([...new Set(expected)].sort());
  });

  it.each(PARAMETERS.map((parameter) => [parameter.name, parameter] as const))(
    "%s carries the vocabulary's description",
    (name, parameter) => {
      expect(ruleProperties[name]!["markdownDescription"]).toBe(parameter.description);
      expect(ruleProperties[name]!["description"]).toBe(parameter.description.replaceAll("`", ""));
      expect(ruleProperties[name]!["doNotSuggest"]).toBe(parameter.reserved ? true : undefined);
    },
  );
});

describe("the examples", () => {
  const exampleFiles = readdirSync(examplesDir).filter((name) => /\.car\.jsonc?$/.test(name));

  it("are all covered below", () => {
    expect(exampleFiles.length).toBeGreaterThanOrEqual(12);
    expect(exampleFiles).toContain(INVALID_EXAMPLE);
  });

  it.each(exampleFiles.filter((name) => name !== INVALID_EXAMPLE))("%s validates", (name) => {
    expect(describeErrors(errorsOf(validate, readJsonc(path.join(examplesDir, name))))).toEqual([]);
  });

  it.each(exampleFiles)("%s: a $schema, if present, points at the schema file", (name) => {
    const document = readJsonc(path.join(examplesDir, name)) as { $schema?: string };
    if (document.$schema !== undefined) expect(path.resolve(examplesDir, document.$schema)).toBe(schemaPath);
  });

  it(`${INVALID_EXAMPLE} fails, first of all at the misspelt key`, () => {
    const errors = errorsOf(validate, readJsonc(path.join(examplesDir, INVALID_EXAMPLE)));
    expect(describeErrors(errors)).toContain("/rules/1 additionalProperties AnyOfProtocol");
  });

  it(`${INVALID_EXAMPLE}: exactly the mistakes a schema can see`, () => {
    // Addresses, filters, duplicates across rules and unsupported combinations need the plugin.
    const errors = errorsOf(validateRuleSetDocument, readJsonc(path.join(examplesDir, INVALID_EXAMPLE)));
    expect(describeErrors(errors)).toEqual([
      "/rules/1 additionalProperties AnyOfProtocol", // AnyOfProtocol
      "/rules/2/AnyOfProtocols/0 enum", // "rest"
      "/rules/2/AnyOfProtocols/0 type",
      "/rules/2/AnyOfProtocols type",
      "/rules/2/AnyOfProtocols enum",
      "/rules/3/Action enum", // "Allow"
      "/rules/3/Action type",
      "/rules/5/AnyOfProtocols type", // "POP3,IMAP4"
      "/rules/5/AnyOfProtocols enum",
      "/rules/6/AnyOfProtocols/0 enum", // "ExchangeWebService"
      "/rules/6/AnyOfProtocols/0 type",
      "/rules/6/AnyOfProtocols type",
      "/rules/6/AnyOfProtocols enum",
      "/rules/11/AnyOfClientIPAddressesOrRanges uniqueItems", // 203.0.113.20 twice
      "/rules/11/AnyOfClientIPAddressesOrRanges type",
      "/rules/12 required Action", // missing Action
      "/rules/13/Priority minimum", // -1
      "/rules/14/Enabled type", // "yes"
    ]);
  });
});

describe("the input shapes", () => {
  const rule = { Name: "Block POP3", Priority: 1, Action: "DenyAccess", AnyOfProtocols: ["POP3"] };

  it.each([
    ["a top-level array", [rule]],
    ["an object with $schema and rules", { $schema: "./client-access-rules.schema.json", rules: [rule] }],
    ["an object with rules only", { rules: [] }],
    ["a single rule", rule],
    ["null for every parameter (not set)", { ...rule, ...Object.fromEntries(PARAMETERS.slice(2).map((p) => [p.name, null])) }],
    ["a list as one value", { ...rule, AnyOfProtocols: "POP3", AnyOfClientIPAddressesOrRanges: "192.0.2.1" }],
    ["an empty one-string list (exports)", { ...rule, UsernameMatchesAnyOfPatterns: "", UserRecipientFilter: "" }],
    ["numeric enums (exports)", { ...rule, Action: 1, Scope: 0, AnyOfProtocols: [7, "POP3"], AnyOfAuthenticationTypes: 0 }],
    ["RuleScope and Identity (Microsoft365DSC)", { Identity: "Block POP3", Action: "DenyAccess", RuleScope: "Users", Ensure: "Present" }],
    ["an Absent rule without Action (Microsoft365DSC)", { Identity: "blockEWS", Ensure: "Absent" }],
    ["ports as numbers and ranges", { ...rule, ExceptAnyOfSourceTcpPortNumbers: [443, "1024-65535"] }],
  ])("accepts %s", (_shape, document) => {
    expect(describeErrors(errorsOf(validate, document))).toEqual([]);
  });

  const rejected: [string, Json, string][] = [
    ["a lower-case key (canonical names only)", { ...rule, anyofprotocols: ["REST"] }, "additionalProperties anyofprotocols"],
    ["the Deny alias", { ...rule, Action: "Deny" }, "/Action enum"],
    ["an enum in another case", { ...rule, Scope: "users" }, "/Scope enum"],
    ["a numeric enum out of range", { ...rule, AnyOfProtocols: [12] }, "/AnyOfProtocols/0 maximum"],
    ["a rule without Name or Identity", { Action: "DenyAccess" }, "required Name"],
    ["an unknown key beside rules", { rules: [rule], Rules: [] }, "additionalProperties Rules"],
    ["$schema inside a single rule", { $schema: "x.json", ...rule }, "additionalProperties $schema"],
    ["a fractional Priority", { ...rule, Priority: 1.5 }, "/Priority type"],
    ["an empty IP entry", { ...rule, AnyOfClientIPAddressesOrRanges: [""] }, "/AnyOfClientIPAddressesOrRanges/0 minLength"],
    ["port 0", { ...rule, AnyOfSourceTcpPortNumbers: [0] }, "/AnyOfSourceTcpPortNumbers/0 minimum"],
    ["an Ensure value in another case", { ...rule, Ensure: "absent" }, "/Ensure enum"],
    ["an empty string for an enum list", { ...rule, AnyOfProtocols: "" }, "/AnyOfProtocols enum"],
    ["a number as the document", 42, "type"],
  ];
  it.each(rejected)("rejects %s", (_case, document, expectedError) => {
    expect(describeErrors(errorsOf(validate, document)).join("\n")).toContain(expectedError);
  });
});
