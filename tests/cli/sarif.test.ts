/**
 * `lint --format sarif`: valid SARIF 2.1.0 for GitHub code scanning, with our rule ids and the
 * docs URL of each rule. The schema below is the subset of the SARIF 2.1.0 schema
 * (docs.oasis-open.org/sarif/sarif/v2.1.0, sarif-schema-2.1.0.json) that code scanning reads,
 * embedded so the test needs no network.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { DOCS_BASE_URL } from "../../lib/model/vocabulary.ts";
import { run } from "./cli-harness.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

const positive = { type: "integer", minimum: 1 };
const sarifSubset = {
  type: "object",
  required: ["version", "runs"],
  properties: {
    $schema: { type: "string" },
    version: { enum: ["2.1.0"] },
    runs: { type: "array", minItems: 1, items: { $ref: "#/definitions/run" } },
  },
  definitions: {
    run: {
      type: "object",
      required: ["tool"],
      properties: {
        tool: { type: "object", required: ["driver"], properties: { driver: { $ref: "#/definitions/toolComponent" } } },
        artifacts: { type: "array", items: { type: "object", properties: { location: { $ref: "#/definitions/artifactLocation" } } } },
        results: { type: "array", items: { $ref: "#/definitions/result" } },
      },
    },
    toolComponent: {
      type: "object",
      required: ["name"],
      properties: {
        name: { type: "string" },
        version: { type: "string" },
        informationUri: { type: "string" },
        rules: { type: "array", uniqueItems: true, items: { $ref: "#/definitions/reportingDescriptor" } },
      },
    },
    reportingDescriptor: {
      type: "object",
      required: ["id"],
      properties: {
        id: { type: "string" },
        helpUri: { type: "string" },
        shortDescription: { $ref: "#/definitions/multiformatMessageString" },
      },
    },
    multiformatMessageString: { type: "object", required: ["text"], properties: { text: { type: "string" } } },
    message: {
      type: "object",
      anyOf: [{ required: ["text"] }, { required: ["id"] }],
      properties: { text: { type: "string" }, id: { type: "string" } },
    },
    result: {
      type: "object",
      required: ["message"],
      properties: {
        ruleId: { type: "string" },
        ruleIndex: { type: "integer", minimum: -1 },
        level: { enum: ["none", "note", "warning", "error"] },
        message: { $ref: "#/definitions/message" },
        locations: { type: "array", minItems: 0, uniqueItems: true, items: { $ref: "#/definitions/location" } },
      },
    },
    location: {
      type: "object",
      properties: {
        physicalLocation: {
          type: "object",
          anyOf: [{ required: ["address"] }, { required: ["artifactLocation"] }],
          properties: { artifactLocation: { $ref: "#/definitions/artifactLocation" }, region: { $ref: "#/definitions/region" } },
        },
      },
    },
    artifactLocation: { type: "object", properties: { uri: { type: "string" }, index: { type: "integer", minimum: -1 } } },
    region: {
      type: "object",
      properties: { startLine: positive, startColumn: positive, endLine: positive, endColumn: positive },
    },
  },
} as const;

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; helpUri: string }> } };
    results: Array<{ ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: unknown[] }>;
  }>;
}

describe("lint --format sarif", () => {
  it("writes valid SARIF 2.1.0 whose results carry our rule ids and docs URLs", async () => {
    const sarif = await run(root, "lint", "examples", "--format", "sarif");
    const json = await run(root, "lint", "examples", "--format", "json");
    expect(sarif.stderr).toBe("");
    expect(sarif.exitCode).toBe(1); // the examples plant mistakes on purpose

    const log = JSON.parse(sarif.stdout) as SarifLog;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(sarifSubset);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The subset does reject what code scanning would: another version, a result without a message.
    expect(validate({ ...log, version: "2.0.0" })).toBe(false);
    expect(validate({ version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ ruleId: "r" }] }] })).toBe(false);

    const [{ tool, results }] = log.runs as [SarifLog["runs"][number]];
    const messageCount = (JSON.parse(json.stdout) as Array<{ messages: unknown[] }>).reduce((sum, file) => sum + file.messages.length, 0);
    expect(results.length).toBe(messageCount);
    expect(results.length).toBeGreaterThan(10);

    for (const result of results) {
      expect(result.ruleId).toMatch(/^client-access-rules\/[a-z-]+$/u);
      // ruleIndex points at the rule's descriptor, which carries its documentation page.
      expect(tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(result.locations).toHaveLength(1);
    }
    const reported = [...new Set(results.map((result) => result.ruleId))].sort();
    expect(tool.driver.rules.map((rule) => rule.id).sort()).toEqual(reported);
    for (const rule of tool.driver.rules) {
      const id = rule.id.slice("client-access-rules/".length);
      expect(rule.helpUri).toBe(`${DOCS_BASE_URL}${id}.md`);
      expect(existsSync(path.join(root, "docs/rules", `${id}.md`)), `docs/rules/${id}.md`).toBe(true);
    }
    expect(new Set(results.map((result) => result.level))).toEqual(new Set(["error", "warning"]));
  });

  it("writes an empty result list for a clean file", async () => {
    const result = await run(root, "lint", "examples/clean-organization.car.json", "--format", "sarif");
    expect(result.exitCode).toBe(0);
    const log = JSON.parse(result.stdout) as SarifLog;
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0]!.results).toEqual([]);
  });
});
