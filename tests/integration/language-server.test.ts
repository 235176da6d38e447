/**
 * The editor path, for real: the ESLint language server that VS Code's ESLint extension runs
 * (`vscode-eslint-language-server` from the npm package vscode-langservers-extracted), started over
 * stdio with the settings the extension sends, on a workspace that uses the plugin as a consumer
 * does (`npm run build` first: the plugin is loaded from dist/ by its package name).
 *
 * Every expectation is computed with ESLint's own API on the same text, so the test checks what
 * the editor shows against what the CLI reports: diagnostics and their ranges, one quick fix per
 * autofix and suggestion, the edits those apply, and "Fix all" (`source.fixAll.eslint`, what
 * `editor.codeActionsOnSave` runs) against `eslint --fix`. It does so for ESLint 10 (flat config,
 * this repository as the workspace, with VS Code's default settings and with `eslint.validate`),
 * ESLint 9 with flat config (the `eslint-v9` alias, given to the server through
 * `eslint.nodePath`) and ESLint 9 with `.eslintrc` (a temporary workspace that has only the
 * repository's .eslintrc.cjs, so flat config cannot be what lints it). docs/editor.md reports
 * the results.
 *
 * The server uses pull diagnostics (`textDocument/diagnostic`); it never sends
 * `textDocument/publishDiagnostics`, so the test asks for them as VS Code does.
 */
import { ESLint, type Linter } from "eslint";
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { LegacyESLint } from "eslint-v9/use-at-your-own-risk";
import { ESLint as ESLint9 } from "eslint-v9";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  ApplyWorkspaceEditRequest,
  CodeActionKind,
  CodeActionRequest,
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type CodeAction,
  type Command,
  type Diagnostic,
  type ProtocolConnection,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver-protocol/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOCS_BASE_URL } from "../../lib/model/vocabulary.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const serverScript = path.join(root, "node_modules/vscode-langservers-extracted/bin/vscode-eslint-language-server");

/** Generous for a cold ESLint load on a slow CI machine; a hang fails with the server's log. */
const ANSWER_TIMEOUT_MS = 20_000;

/** How the editor is set up: which workspace folder, which ESLint, which config system. */
interface Setup {
  readonly workspace: string;
  /** `eslint.nodePath`: a folder from which the server resolves `eslint` first. */
  readonly nodePath: string | null;
  readonly useFlatConfig: boolean;
  /**
   * What VS Code sends for a JSON document: "probe" by default (`eslint.probe` lists json and
   * jsonc), "on" when `eslint.validate` lists the language.
   */
  readonly validate: "on" | "probe";
  /** The same ESLint and config through its API, for the expected results. */
  readonly eslint: (options: { cwd: string; fix?: boolean }) => Linting;
}

/** What the test needs of ESLint 10's and ESLint 9's classes alike. */
interface Linting {
  lintText(code: string, options: { filePath: string }): Promise<Array<{ messages: Linter.LintMessage[]; output?: string }>>;
}

/**
 * The settings object vscode-eslint's client answers `workspace/configuration` with for a JSON
 * file when `eslint.validate` lists json and jsonc (client.ts, `readConfiguration`), defaults
 * otherwise.
 */
function vsCodeSettings(setup: Setup) {
  return {
    validate: setup.validate,
    packageManager: "npm",
    useESLintClass: false,
    useFlatConfig: setup.useFlatConfig,
    experimental: {},
    codeActionOnSave: { mode: "all" },
    format: false,
    quiet: false,
    onIgnoredFiles: "off",
    options: {},
    rulesCustomizations: [],
    run: "onType",
    problems: { shortenToSingleLine: false },
    nodePath: setup.nodePath,
    workspaceFolder: workspaceFolderOf(setup),
    codeAction: {
      disableRuleComment: { enable: true, location: "separateLine", commentStyle: "line" },
      showDocumentation: { enable: true },
    },
  };
}

function workspaceFolderOf(setup: Setup) {
  return { name: path.basename(setup.workspace), uri: pathToFileURL(setup.workspace).href.replace(/\/$/, "") };
}

interface OpenDocument {
  readonly uri: string;
  readonly filePath: string;
  readonly text: string;
  version: number;
}

class LanguageServerSession {
  private readonly log: string[] = [];
  private readonly appliedEdits: WorkspaceEdit[] = [];
  readonly configurationRequests: unknown[] = [];
  /** URLs the server asked the editor to open ("Show documentation for …"). */
  readonly openedDocs: string[] = [];
  private connection!: ProtocolConnection;
  private process!: ChildProcessByStdio<Writable, Readable, Readable>;
  /** Rejects when the server exits, so a crash fails the waiting request at once. */
  private exited!: Promise<never>;

  constructor(private readonly setup: Setup) {}

  async start(): Promise<void> {
    const workspaceFolder = workspaceFolderOf(this.setup);
    this.process = spawn(process.execPath, [serverScript, "--stdio"], {
      cwd: this.setup.workspace,
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.process.stderr.on("data", (chunk: Buffer) => this.log.push(`[stderr] ${chunk.toString()}`));
    this.exited = new Promise<never>((_, reject) => {
      this.process.on("exit", (code, signal) => {
        this.log.push(`[exit] code ${code} signal ${signal}`);
        reject(new Error(`The ESLint language server exited (code ${code}, signal ${signal}).\n${this.logText()}`));
      });
    });
    this.exited.catch(() => undefined); // Only a pending request should fail on it.
    // A server that cannot start or dies early must fail the test with its log, not crash vitest.
    this.process.on("error", (error) => this.log.push(`[spawn error] ${error.message}`));
    this.process.stdin.on("error", (error) => this.log.push(`[stdin error] ${error.message}`));
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.process.stdout),
      new StreamMessageWriter(this.process.stdin),
    );
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests.push(...params.items);
      return params.items.map(() => vsCodeSettings(this.setup));
    });
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.appliedEdits.push(params.edit);
      return { applied: true };
    });
    // The extension answers these with UI (a notice, a browser tab); here they go to the log.
    for (const method of ["eslint/noConfig", "eslint/noLibrary", "eslint/probeFailed", "eslint/openDoc"]) {
      this.connection.onRequest(method, (params: { url?: string }) => {
        this.log.push(`[request] ${method} ${JSON.stringify(params)}`);
        if (method === "eslint/openDoc" && params.url) this.openedDocs.push(params.url);
        return {};
      });
    }
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.log.push(`[log] ${params.message}`);
    });
    this.connection.listen();

    await this.answer("initialize", () =>
      this.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: workspaceFolder.uri,
        workspaceFolders: [workspaceFolder],
        capabilities: {
          workspace: { configuration: true, applyEdit: true, workspaceFolders: true, workspaceEdit: { documentChanges: true } },
          textDocument: {
            diagnostic: { dynamicRegistration: false },
            codeAction: {
              codeActionLiteralSupport: {
                codeActionKind: { valueSet: [CodeActionKind.QuickFix, CodeActionKind.Source, CodeActionKind.SourceFixAll] },
              },
            },
          },
        },
      }),
    );
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  logText(): string {
    return `Language server log:\n${this.log.join("\n")}`;
  }

  /** Runs a command that answers with a request to the editor rather than an edit. */
  async runCommand(command: Command): Promise<void> {
    await this.answer(`workspace/executeCommand ${command.command}`, () =>
      this.connection.sendRequest(ExecuteCommandRequest.type, { command: command.command, arguments: command.arguments }),
    );
  }

  async stop(): Promise<void> {
    if (!this.process) return;
    try {
      await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 5_000, "shutdown", () => "");
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // The server is killed below either way.
    } finally {
      this.connection.dispose();
      if (this.process.exitCode === null) this.process.kill();
    }
  }

  /** Opens a file of the workspace, with `text` instead of its content on disk if given. */
  async open(relativePath: string, languageId: "json" | "jsonc" | "powershell", text?: string): Promise<OpenDocument> {
    const filePath = path.join(this.setup.workspace, relativePath);
    const document = { uri: pathToFileURL(filePath).href, filePath, text: text ?? readFileSync(filePath, "utf8"), version: 1 };
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: document.uri, languageId, version: document.version, text: document.text },
    });
    return document;
  }

  /** Replaces the whole text, as the editor does while typing (`run: "onType"`). */
  async change(document: OpenDocument, text: string): Promise<void> {
    document.version += 1;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: document.uri, version: document.version },
      contentChanges: [{ text }],
    });
  }

  async diagnostics(document: OpenDocument): Promise<Diagnostic[]> {
    const report = await this.answer(`textDocument/diagnostic for ${document.uri}`, () =>
      this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: document.uri } }),
    );
    if (report.kind !== "full") throw new Error(`Expected a full diagnostic report, got ${JSON.stringify(report)}`);
    return report.items;
  }

  async codeActions(document: OpenDocument, range: Range, diagnostics: Diagnostic[], only?: string[]) {
    const actions = await this.answer(`textDocument/codeAction for ${document.uri}`, () =>
      this.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: document.uri },
        range,
        context: { diagnostics, ...(only ? { only } : {}) },
      }),
    );
    return (actions ?? []).filter((action): action is CodeAction => "kind" in action || "edit" in action);
  }

  /** Runs a code action's command; the server answers with a `workspace/applyEdit` request. */
  async applyCommand(command: Command): Promise<WorkspaceEdit> {
    const before = this.appliedEdits.length;
    await this.answer(`workspace/executeCommand ${command.command}`, () =>
      this.connection.sendRequest(ExecuteCommandRequest.type, { command: command.command, arguments: command.arguments }),
    );
    const edit = this.appliedEdits[before];
    if (!edit) throw new Error(`${command.command} sent no workspace/applyEdit.\n${this.logText()}`);
    return edit;
  }

  private answer<T>(what: string, request: () => Promise<T>): Promise<T> {
    return withTimeout(Promise.race([request(), this.exited]), ANSWER_TIMEOUT_MS, what, () => this.logText());
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string, log: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`The ESLint language server did not answer ${what} within ${ms} ms.\n${log()}`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** ESLint's 1-based line and column, exclusive end, as the LSP's 0-based range. */
function lspRange(message: Linter.LintMessage): Range {
  return {
    start: { line: message.line - 1, character: message.column - 1 },
    end: { line: (message.endLine ?? message.line) - 1, character: (message.endColumn ?? message.column) - 1 },
  };
}

function offsetAt(text: string, position: Range["start"]): number {
  let offset = 0;
  for (let line = 0; line < position.line; line += 1) offset = text.indexOf("\n", offset) + 1;
  return offset + position.character;
}

/** Applies LSP text edits, which address the original text and never overlap. */
function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const located = edits.map((edit, index) => ({
    start: offsetAt(text, edit.range.start),
    end: offsetAt(text, edit.range.end),
    newText: edit.newText,
    index,
  }));
  located.sort((a, b) => b.start - a.start || b.index - a.index);
  let result = text;
  for (const edit of located) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

function textEditsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  const fromDocumentChanges = (edit?.documentChanges ?? []).flatMap((change) =>
    "textDocument" in change && change.textDocument.uri === uri ? change.edits : [],
  );
  return [...fromDocumentChanges, ...(edit?.changes?.[uri] ?? [])] as TextEdit[];
}

/** ESLint's own fix or suggestion on the same text: the expected result of a quick fix. */
function applyEslintFix(text: string, fix: Linter.LintMessage["fix"]): string {
  return text.slice(0, fix!.range[0]) + fix!.text + text.slice(fix!.range[1]);
}

function expectedDiagnostic(message: Linter.LintMessage) {
  return {
    code: message.ruleId,
    severity: message.severity === 2 ? 1 : 2, // LSP: 1 = Error, 2 = Warning
    message: message.message,
    range: lspRange(message),
    codeDescription: { href: `${DOCS_BASE_URL}${message.ruleId!.replace("client-access-rules/", "")}.md` },
  };
}

function shownDiagnostic(diagnostic: Diagnostic) {
  const { code, severity, message, range, codeDescription } = diagnostic;
  return { code, severity, message, range, codeDescription };
}

/** The quick fixes that change the file (not "disable for this line", "show documentation"). */
function fixingActions(actions: readonly CodeAction[]): CodeAction[] {
  return actions.filter(
    (action) =>
      action.command?.command === "eslint.applySingleFix" || action.command?.command === "eslint.applySuggestion",
  );
}

function expectedFixTitles(message: Linter.LintMessage): string[] {
  return [
    ...(message.fix ? [`Fix this ${message.ruleId} problem`] : []),
    ...(message.suggestions ?? []).map((suggestion) => `${suggestion.desc} (${message.ruleId})`),
  ];
}

/** A workspace with the repository's .eslintrc.cjs and no flat config, using ESLint 9. */
function createEslintrcWorkspace(): string {
  const workspace = mkdtempSync(path.join(os.tmpdir(), "car-eslintrc-workspace-"));
  mkdirSync(path.join(workspace, "examples"));
  mkdirSync(path.join(workspace, "node_modules"));
  copyFileSync(path.join(root, ".eslintrc.cjs"), path.join(workspace, ".eslintrc.cjs"));
  for (const file of DOCUMENTS.map((document) => document.file)) {
    copyFileSync(path.join(root, file), path.join(workspace, file));
  }
  symlinkSync(path.join(root, "node_modules/eslint-v9"), path.join(workspace, "node_modules/eslint"), "dir");
  symlinkSync(root, path.join(workspace, "node_modules/eslint-plugin-client-access-rules"), "dir");
  return workspace;
}

/** A folder whose `eslint` is the eslint-v9 alias, for `eslint.nodePath`. */
function createEslint9NodePath(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), "car-eslint9-"));
  symlinkSync(path.join(root, "node_modules/eslint-v9"), path.join(folder, "eslint"), "dir");
  return folder;
}

const DOCUMENTS = [
  // A JSONC draft full of mistakes: 21 findings, 5 autofixes, two suggestions.
  { file: "examples/typical-mistakes.car.jsonc", languageId: "jsonc" as const, findings: 21 },
  // One hazard with an autofix (add REST to ExceptAnyOfProtocols) and a suggestion (AllowREST rule).
  { file: "examples/ews-block-without-rest.car.json", languageId: "json" as const, findings: 1 },
];

const temporaryFolders: string[] = [];
afterAll(() => {
  for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
});

function eslint10Setup(validate: Setup["validate"]): Setup {
  return { workspace: root, nodePath: null, useFlatConfig: true, validate, eslint: (options) => new ESLint(options) as Linting };
}

function eslint9FlatSetup(): Setup {
  const nodePath = createEslint9NodePath();
  temporaryFolders.push(nodePath);
  return {
    workspace: root,
    nodePath,
    useFlatConfig: true,
    validate: "on",
    eslint: (options) => new ESLint9(options) as unknown as Linting,
  };
}

function eslintrcSetup(validate: Setup["validate"]): Setup {
  const workspace = createEslintrcWorkspace();
  temporaryFolders.push(workspace);
  return {
    workspace,
    nodePath: null,
    useFlatConfig: false,
    validate,
    eslint: (options) => new LegacyESLint(options) as unknown as Linting,
  };
}

/** `otherJson`: what the server shows for package.json, which is not a rule file. */
const ESLINT_10 = path.join(root, "node_modules/eslint/lib/api.js");
const ESLINT_9 = path.join(root, "node_modules/eslint-v9/lib/api.js");

const SETUPS: Array<{ name: string; create: () => Setup; library: string; otherJson: "nothing" | "a parsing error" }> = [
  { name: "ESLint 10, flat config, VS Code defaults", create: () => eslint10Setup("probe"), library: ESLINT_10, otherJson: "nothing" },
  { name: "ESLint 10, flat config, eslint.validate lists json", create: () => eslint10Setup("on"), library: ESLINT_10, otherJson: "nothing" },
  { name: "ESLint 9, flat config, eslint.validate lists json", create: eslint9FlatSetup, library: ESLINT_9, otherJson: "nothing" },
  // eslintrc has no notion of "no config for this file": JSON outside the rule-file overrides is
  // parsed as JavaScript. docs/editor.md tells eslintrc users to give such files a parser.
  {
    name: "ESLint 9, .eslintrc, eslint.validate lists json",
    create: () => eslintrcSetup("on"),
    library: ESLINT_9,
    otherJson: "a parsing error",
  },
];

describe.each(SETUPS)("$name", ({ create, library, otherJson }) => {
  const setup = create();
  const session = new LanguageServerSession(setup);
  const eslint = setup.eslint({ cwd: setup.workspace });
  const eslintFix = setup.eslint({ cwd: setup.workspace, fix: true });

  beforeAll(async () => {
    await session.start();
  }, 30_000);

  afterAll(async () => {
    await session.stop();
  });

  describe.each(DOCUMENTS)("$file ($languageId)", ({ file, languageId, findings }) => {
    let document: OpenDocument;
    let messages: Linter.LintMessage[];
    let diagnostics: Diagnostic[];

    beforeAll(async () => {
      document = await session.open(file, languageId);
      const [result] = await eslint.lintText(document.text, { filePath: document.filePath });
      messages = result!.messages;
      diagnostics = await session.diagnostics(document);
    }, 30_000);

    it("shows the plugin's problems at the ranges ESLint reports", () => {
      expect(messages).toHaveLength(findings);
      expect(messages.every((message) => message.ruleId?.startsWith("client-access-rules/"))).toBe(true);
      expect(diagnostics.map(shownDiagnostic), session.logText()).toEqual(messages.map(expectedDiagnostic));
    });

    it("offers each autofix and suggestion as a quick fix with ESLint's description", async () => {
      expect(messages.some((message) => message.fix)).toBe(true);
      expect(messages.some((message) => message.suggestions?.length)).toBe(true);
      for (const [index, message] of messages.entries()) {
        const diagnostic = diagnostics[index]!;
        const actions = await session.codeActions(document, diagnostic.range, [diagnostic]);
        expect(
          fixingActions(actions).map((action) => action.title),
          `quick fixes for ${message.ruleId} at ${message.line}:${message.column}`,
        ).toEqual(expectedFixTitles(message));
        expect(actions.every((action) => action.kind === CodeActionKind.QuickFix)).toBe(true);
      }
    });

    it("opens the rule's documentation page from its quick-fix menu", async () => {
      const diagnostic = diagnostics[0]!;
      const actions = await session.codeActions(document, diagnostic.range, [diagnostic]);
      const showDocumentation = actions.find((action) => action.command?.command === "eslint.openRuleDoc");
      expect(showDocumentation?.title).toBe(`Show documentation for ${diagnostic.code}`);
      const before = session.openedDocs.length;
      await session.runCommand(showDocumentation!.command!);
      expect(session.openedDocs.slice(before)).toEqual([diagnostic.codeDescription!.href]);
    });

    it("applies an autofix and a suggestion exactly as ESLint would", async () => {
      const fixable = messages.findIndex((message) => message.fix);
      const suggestible = messages.findIndex((message) => message.suggestions?.length);
      for (const [index, kind] of [
        [fixable, "fix"],
        [suggestible, "suggestion"],
      ] as const) {
        const message = messages[index]!;
        const diagnostic = diagnostics[index]!;
        const [action] = fixingActions(await session.codeActions(document, diagnostic.range, [diagnostic])).filter(
          (candidate) => (kind === "fix") === (candidate.command?.command === "eslint.applySingleFix"),
        );
        const edit = await session.applyCommand(action!.command!);
        const expected = applyEslintFix(document.text, kind === "fix" ? message.fix : message.suggestions![0]!.fix);
        expect(applyTextEdits(document.text, textEditsOf(edit, document.uri)), `${kind} for ${message.ruleId}`).toBe(expected);
      }
    });

    it("disables a rule for one line with a // comment that ESLint then honours", async () => {
      const index = messages.length - 1;
      const diagnostic = diagnostics[index]!;
      const actions = await session.codeActions(document, diagnostic.range, [diagnostic]);
      const disableLine = actions.find((action) => action.command?.command === "eslint.applyDisableLine");
      expect(disableLine?.title).toBe(`Disable ${diagnostic.code} for this line`);
      const edits = textEditsOf(await session.applyCommand(disableLine!.command!), document.uri);
      expect(edits.map((edit) => edit.newText.trim())).toEqual([`// eslint-disable-next-line ${diagnostic.code}`]);
      const [relinted] = await eslint.lintText(applyTextEdits(document.text, edits), { filePath: document.filePath });
      expect(relinted!.messages).toHaveLength(messages.length - 1);
    });

    it("fixes all problems on save (source.fixAll.eslint) as eslint --fix does", async () => {
      const [fixed] = await eslintFix.lintText(document.text, { filePath: document.filePath });
      expect(fixed!.output).toBeDefined();
      const start = { line: 0, character: 0 };
      const [fixAll, ...others] = await session.codeActions(document, { start, end: start }, [], [
        `${CodeActionKind.SourceFixAll}.eslint`,
      ]);
      expect(others).toEqual([]);
      expect(fixAll!.kind).toBe(`${CodeActionKind.SourceFixAll}.eslint`);
      expect(applyTextEdits(document.text, textEditsOf(fixAll!.edit, document.uri))).toBe(fixed!.output);

      // The "Fix all auto-fixable problems" quick fix runs a command that makes the same edit.
      const first = diagnostics[messages.findIndex((message) => message.fix)]!;
      const quickFixes = await session.codeActions(document, first.range, [first]);
      const fixAllCommand = quickFixes.find((action) => action.command?.command === "eslint.applyAllFixes");
      expect(fixAllCommand?.title).toBe("Fix all auto-fixable problems");
      const edit = await session.applyCommand(fixAllCommand!.command!);
      expect(applyTextEdits(document.text, textEditsOf(edit, document.uri))).toBe(fixed!.output);
    });

    it("re-lints while typing: the fixed text shows only what has no autofix", async () => {
      const [fixed] = await eslintFix.lintText(document.text, { filePath: document.filePath });
      await session.change(document, fixed!.output!);
      const remaining = await session.diagnostics(document);
      expect(remaining.map(shownDiagnostic)).toEqual(fixed!.messages.map(expectedDiagnostic));
      expect(remaining.length).toBeLessThan(diagnostics.length);
    });
  });

  describe("the session", () => {
    it("runs the intended ESLint", () => {
      expect(session.logText()).toContain(`ESLint library loaded from: ${library}`);
    });

    it(`shows ${otherJson} for JSON that is not a rule file`, async () => {
      const document = await session.open("package.json", "json", readFileSync(path.join(root, "package.json"), "utf8"));
      const shown = (await session.diagnostics(document)).map((diagnostic) => diagnostic.message);
      expect(shown).toEqual(otherJson === "nothing" ? [] : ["Parsing error: Unexpected token :"]);
    });

    it("asked VS Code's settings for each document it linted", () => {
      expect(session.configurationRequests).toContainEqual({
        scopeUri: pathToFileURL(path.join(setup.workspace, "examples/typical-mistakes.car.jsonc")).href,
        section: "",
      });
    });
  });
});

describe("ESLint 9, .eslintrc, VS Code defaults", () => {
  // The extension probes a JSON file in eslintrc mode only when the config uses the
  // eslint-plugin-jsonc plugin; this plugin is not that one, so eslint.validate must list json.
  it("does not lint rule files until eslint.validate lists json and jsonc", async () => {
    const session = new LanguageServerSession(eslintrcSetup("probe"));
    try {
      await session.start();
      const document = await session.open(DOCUMENTS[0]!.file, DOCUMENTS[0]!.languageId);
      expect(await session.diagnostics(document)).toEqual([]);
      expect(session.logText()).toContain(`ESLint library loaded from: ${ESLINT_9}`);
      // The extension shows "ESLint is disabled for this file" on this request.
      expect(session.logText()).toContain(`[request] eslint/probeFailed {"textDocument":{"uri":"${document.uri}"}}`);
    } finally {
      await session.stop();
    }
  }, 30_000);
});

describe("PowerShell in VS Code (ESLint 10, the repository's eslint.config.js, eslint.validate lists powershell)", () => {
  const setup = eslint10Setup("on");
  const session = new LanguageServerSession(setup);
  const eslint = setup.eslint({ cwd: setup.workspace });

  beforeAll(async () => {
    await session.start();
  }, 30_000);

  afterAll(async () => {
    await session.stop();
  });

  it("shows the findings at the PowerShell ranges ESLint reports and applies the PowerShell autofix", async () => {
    const document = await session.open("examples/microsoft365dsc-configuration.ps1", "powershell");
    const [result] = await eslint.lintText(document.text, { filePath: document.filePath });
    const messages = result!.messages;
    expect(messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual([
      "46:54 client-access-rules/no-ews-block-without-rest-exception",
    ]);
    const diagnostics = await session.diagnostics(document);
    expect(diagnostics.map(shownDiagnostic), session.logText()).toEqual(messages.map(expectedDiagnostic));

    const [diagnostic] = diagnostics;
    const [fix] = fixingActions(await session.codeActions(document, diagnostic!.range, [diagnostic!])).filter(
      (action) => action.command?.command === "eslint.applySingleFix",
    );
    const edit = await session.applyCommand(fix!.command!);
    const fixed = applyTextEdits(document.text, textEditsOf(edit, document.uri));
    expect(fixed).toBe(applyEslintFix(document.text, messages[0]!.fix));
    expect(fixed).toContain('            ExceptAnyOfProtocols                 = @("REST");\n        }');
  }, 60_000);
});
