// A keystroke in the editor: the ESLint language server that VS Code's ESLint extension runs
// (vscode-eslint-language-server), started over stdio with the settings the extension sends —
// the set-up of tests/integration/language-server.test.ts — on a workspace whose config is the
// plugin's `all`. After opening a generated rule file, each "keystroke" replaces the text with
// one value changed and asks for diagnostics (pull diagnostics, as VS Code does); the time from
// the change to the answer is what the user waits for.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from "vscode-languageserver-protocol/node";
import { median } from "./whole-lint.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const serverScript = path.join(root, "node_modules/vscode-langservers-extracted/bin/vscode-eslint-language-server");

function settingsFor(workspace) {
  return {
    validate: "on",
    packageManager: "npm",
    useESLintClass: false,
    useFlatConfig: true,
    experimental: {},
    codeActionOnSave: { mode: "all" },
    format: false,
    quiet: false,
    onIgnoredFiles: "off",
    options: {},
    rulesCustomizations: [],
    run: "onType",
    problems: { shortenToSingleLine: false },
    nodePath: null,
    workspaceFolder: { name: path.basename(workspace), uri: pathToFileURL(workspace).href },
    codeAction: { disableRuleComment: { enable: true, location: "separateLine", commentStyle: "line" }, showDocumentation: { enable: true } },
  };
}

/**
 * Median milliseconds from a one-value edit of `code` to its diagnostics, over `edits` edits
 * (after a few unmeasured ones: the server loads ESLint and the plugin on the first lint).
 */
export async function measureKeystrokes(code, { edits = 30, warmups = 5, parseOnly = false } = {}) {
  // Inside the repository, so that the server finds eslint and the plugin by package name.
  const workspace = mkdtempSync(path.join(root, "bench", ".keystroke-"));
  writeFileSync(
    path.join(workspace, "eslint.config.js"),
    parseOnly
      ? // The floor: the same server and round trip with the parser and no rules.
        'import * as parser from "jsonc-eslint-parser";\nexport default [{ files: ["**/*.car.json"], languageOptions: { parser } }];\n'
      : 'import plugin from "eslint-plugin-client-access-rules";\nexport default [{ ...plugin.configs.all, files: ["**/*.car.json"] }];\n',
  );
  const server = spawn(process.execPath, [serverScript, "--stdio"], { cwd: workspace, stdio: ["pipe", "pipe", "pipe"] });
  server.stderr.resume();
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => settingsFor(workspace)));
  connection.onRequest(RegistrationRequest.type, () => undefined);
  for (const method of ["eslint/noConfig", "eslint/noLibrary", "eslint/probeFailed", "eslint/openDoc"]) connection.onRequest(method, () => ({}));
  connection.listen();
  try {
    const folder = { name: path.basename(workspace), uri: pathToFileURL(workspace).href };
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folder.uri,
      workspaceFolders: [folder],
      capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { diagnostic: { dynamicRegistration: false } } },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    const uri = pathToFileURL(path.join(workspace, "rules.car.json")).href;
    let version = 1;
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "json", version, text: code } });
    const diagnostics = async () => {
      const report = await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      return report.items ?? [];
    };
    let count = (await diagnostics()).length;
    // One value changes per keystroke: the Name of the first rule (the analysis sees a new file).
    const firstName = code.indexOf('"Name": "') + '"Name": "'.length;
    const times = [];
    for (let edit = 0; edit < warmups + edits; edit++) {
      const text = `${code.slice(0, firstName)}k${edit} ${code.slice(firstName)}`;
      version += 1;
      const started = performance.now();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
      count = (await diagnostics()).length;
      if (edit >= warmups) times.push(performance.now() - started);
    }
    return { medianMs: median(times), edits, diagnostics: count };
  } finally {
    try {
      await Promise.race([connection.sendRequest(ShutdownRequest.type), new Promise((resolve) => setTimeout(resolve, 3000))]);
      await connection.sendNotification(ExitNotification.type);
    } catch {
      // Killed below either way.
    }
    connection.dispose();
    if (server.exitCode === null) server.kill();
    rmSync(workspace, { recursive: true, force: true });
  }
}
