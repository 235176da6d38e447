/**
 * IntelliSense as VS Code gives it: the schema through vscode-json-languageservice (the library
 * behind VS Code's JSON support and vscode-json-language-server), associated exactly as
 * docs/editor.md tells users to, by `$schema` or by the `json.schemas` setting.
 */
import { ESLint } from "eslint";
import { getStaticJSONValue, parseJSON } from "jsonc-eslint-parser";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import jsonLanguageService from "vscode-json-languageservice";
import type { Diagnostic } from "vscode-json-languageservice";
import { describe, expect, it } from "vitest";
import { RULE_FILE_GLOBS } from "../../lib/eslint/configs.ts";
import { AUTHENTICATION_TYPES, PARAMETERS, PROTOCOLS } from "../../lib/model/vocabulary.ts";

// A CommonJS module: its named exports are reachable through the default import only.
const { ClientCapabilities, TextDocument, getLanguageService } = jsonLanguageService;

const root = fileURLToPath(new URL("../../", import.meta.url));
const schemaPath = path.join(root, "schema/client-access-rules.schema.json");
const INSTALLED_SCHEMA_SUFFIX = "/node_modules/eslint-plugin-client-access-rules/schema/client-access-rules.schema.json";

interface SchemaSetting {
  readonly fileMatch: string[];
  readonly url: string;
}

/** The `json.schemas` entry from the settings block docs/editor.md shows. */
function documentedSchemaSetting(): SchemaSetting {
  const markdown = readFileSync(path.join(root, "docs/editor.md"), "utf8");
  const block = [...markdown.matchAll(/```jsonc\n([\s\S]*?)```/g)].find((match) => match[1]!.includes('"json.schemas"'));
  if (!block) throw new Error('docs/editor.md has no ```jsonc block with "json.schemas"');
  const settings = getStaticJSONValue(parseJSON(block[1]!)) as unknown as { "json.schemas": SchemaSetting[] };
  const [setting, ...others] = settings["json.schemas"];
  if (!setting || others.length > 0) throw new Error("docs/editor.md should show exactly one json.schemas entry");
  return setting;
}

/** Serves the schema where npm installs it (package.json "files" ships schema/), files from disk. */
async function requestSchema(uri: string): Promise<string> {
  if (uri.endsWith(INSTALLED_SCHEMA_SUFFIX)) return readFileSync(schemaPath, "utf8");
  if (uri.startsWith("file:")) return readFileSync(fileURLToPath(uri), "utf8");
  throw new Error(`No schema at ${uri}`);
}

/** A consumer's workspace, configured with the documented `json.schemas` as VS Code's client does. */
function consumerWorkspace(folderUri: string) {
  const setting = documentedSchemaSetting();
  const service = getLanguageService({
    schemaRequestService: requestSchema,
    // As vscode-json-language-server resolves `$schema`: relative to the document.
    workspaceContext: { resolveRelativePath: (relativePath, resource) => new URL(relativePath, resource).href },
    clientCapabilities: ClientCapabilities.LATEST,
  });
  service.configure({
    validate: true,
    allowComments: true,
    // VS Code resolves a `./` url against the workspace folder and scopes fileMatch to it.
    schemas: [{ uri: new URL(setting.url, `${folderUri}/`).href, fileMatch: setting.fileMatch, folderUri }],
  });
  const open = (relativePath: string, text: string) => {
    const languageId = relativePath.endsWith(".jsonc") ? "jsonc" : "json";
    const document = TextDocument.create(`${folderUri}/${relativePath}`, languageId, 1, text);
    return { document, json: service.parseJSONDocument(document) };
  };
  return {
    async problems(relativePath: string, text: string): Promise<Diagnostic[]> {
      const { document, json } = open(relativePath, text);
      return service.doValidation(document, json, { comments: "ignore", trailingCommas: "ignore" });
    },
    /** Completion labels at the `|` in `text`, as values (quotes removed from strings). */
    async completions(relativePath: string, textWithCursor: string): Promise<unknown[]> {
      const offset = textWithCursor.indexOf("|");
      const { document, json } = open(relativePath, textWithCursor.replace("|", ""));
      const list = await service.doComplete(document, document.positionAt(offset), json);
      return (list?.items ?? []).map((item) => (item.label.startsWith('"') ? JSON.parse(item.label) : item.label));
    },
    async hover(relativePath: string, text: string, word: string): Promise<string> {
      const { document, json } = open(relativePath, text);
      const hover = await service.doHover(document, document.positionAt(text.indexOf(word) + 1), json);
      const contents = hover?.contents;
      return Array.isArray(contents) ? contents.map(String).join("\n") : typeof contents === "string" ? contents : (contents?.value ?? "");
    },
  };
}

const consumerFolder = "file:///home/admin/tenant-rules";
const consumer = consumerWorkspace(consumerFolder);
const repository = consumerWorkspace(pathToFileURL(root).href.replace(/\/$/, ""));

describe("the documented json.schemas setting", () => {
  it("matches the files the plugin's configs lint", () => {
    const { fileMatch } = documentedSchemaSetting();
    // VS Code matches a pattern without a slash against the file name anywhere in the folder.
    expect(fileMatch.map((pattern) => (pattern.startsWith("**/") ? pattern : `**/${pattern}`))).toEqual(RULE_FILE_GLOBS);
  });

  it.each([
    ["rules.car.json", true],
    ["tenant/prod.car.jsonc", true],
    ["client-access-rules/prod.json", true],
    ["infra/client-access-rules/eu/prod.jsonc", true],
    ["package.json", false],
    ["rules.json", false],
  ])("%s: schema applied = %s", async (relativePath, applied) => {
    const problems = await consumer.problems(relativePath, '[{ "Name": "x", "Action": "DenyAccess", "Nmae": "y" }]');
    expect(problems.map((problem) => problem.message)).toEqual(applied ? ["Property Nmae is not allowed."] : []);
  });
});

describe("the examples, with their $schema", () => {
  const eslint = new ESLint({ cwd: root });
  const examples = readdirSync(path.join(root, "examples")).filter((name) => /\.car\.jsonc?$/.test(name));

  async function problemLines(name: string) {
    const text = readFileSync(path.join(root, "examples", name), "utf8");
    const problems = await repository.problems(`examples/${name}`, text);
    return { text, problems, lines: problems.map((problem) => problem.range.start.line + 1) };
  }

  it.each(examples.filter((name) => !["typical-mistakes.car.jsonc", "get-clientaccessrule-export.car.json"].includes(name)))(
    "%s: no problems",
    async (name) => {
      expect((await problemLines(name)).problems).toEqual([]);
    },
  );

  it("get-clientaccessrule-export.car.json: a warning on each numeric enum, where valid-schema reports it", async () => {
    const { problems, lines, text } = await problemLines("get-clientaccessrule-export.car.json");
    expect(problems.map((problem) => problem.severity)).toEqual([2, 2]); // warnings
    expect(problems[0]!.message).toContain("1 = DenyAccess");
    expect(problems[1]!.message).toContain("7 = ExchangeActiveSync");
    const [result] = await eslint.lintText(text, { filePath: path.join(root, "examples/get-clientaccessrule-export.car.json") });
    expect(lines).toEqual(result!.messages.map((message) => message.line));
  });

  it("typical-mistakes.car.jsonc: the misspelt key first, and only lines the plugin reports too", async () => {
    const { problems, lines, text } = await problemLines("typical-mistakes.car.jsonc");
    expect(problems[0]!.message).toBe("Property AnyOfProtocol is not allowed.");
    expect(text.slice(...[problems[0]!.range.start, problems[0]!.range.end].map((position) => offsetIn(text, position)))).toBe(
      '"AnyOfProtocol"',
    );
    expect(lines).toEqual([21, 29, 36, 54, 61, 104, 107, 116, 125]);
    const [result] = await eslint.lintText(text, { filePath: path.join(root, "examples/typical-mistakes.car.jsonc") });
    const eslintLines = new Set(result!.messages.map((message) => message.line));
    expect(lines.filter((line) => !eslintLines.has(line))).toEqual([]);
  });
});

function offsetIn(text: string, position: { line: number; character: number }): number {
  return TextDocument.create("file:///x.json", "json", 1, text).offsetAt(position);
}

describe("completion and hover in a rule file", () => {
  const suggestedProperties = [
    ...PARAMETERS.filter((parameter) => !parameter.reserved).flatMap((parameter) => [parameter.name, ...(parameter.aliases ?? [])]),
    "Identity",
    "Ensure",
  ];

  it("suggests the parameters, not the reserved or read-only ones", async () => {
    const labels = await consumer.completions("rules.car.json", "[{ | }]");
    expect([...labels].sort()).toEqual([...suggestedProperties].sort());
  });

  it("suggests $schema and rules, besides a rule's parameters, at the top of an object", async () => {
    const labels = await consumer.completions("rules.car.json", "{ | }");
    expect([...labels].sort()).toEqual(["$schema", "rules", ...suggestedProperties].sort());
  });

  it.each([
    ["Action", '[{ "Action": | }]', ["AllowAccess", "DenyAccess", "null"]],
    ["Scope", '[{ "Scope": | }]', ["All", "Users", "null"]],
    ["AnyOfProtocols items", '[{ "AnyOfProtocols": [ | ] }]', [...PROTOCOLS]],
    ["ExceptAnyOfAuthenticationTypes items", '[{ "ExceptAnyOfAuthenticationTypes": [ | ] }]', [...AUTHENTICATION_TYPES]],
    ["Ensure", '[{ "Ensure": | }]', ["Present", "Absent", "null"]],
  ])("suggests the documented values for %s", async (_what, text, expected) => {
    // Sorted: VS Code sorts the list itself; Ensure's "Absent" also comes from the rule's `if`.
    expect((await consumer.completions("rules.car.json", text)).map(String).sort()).toEqual([...expected].sort());
  });

  it("shows the vocabulary's description, in Markdown, on hover", async () => {
    const text = '{ "rules": [{ "Scope": "Users" }] }';
    const scope = PARAMETERS.find((parameter) => parameter.name === "Scope")!;
    expect(await consumer.hover("rules.car.json", text, "Scope")).toContain(scope.description);
  });
});
