/**
 * `client-access-rules lint [paths…]`: ESLint with the plugin's recommended config, no config file
 * needed — for administrators outside the JavaScript ecosystem and for the pre-commit hook.
 */
import { existsSync } from "node:fs";
import type { Dirent } from "node:fs";
import { mkdir, readFile, readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { type ESLint, type Linter, loadESLint } from "eslint";
import plugin from "../index.ts";
import { UNDECIDED_MESSAGE_ID } from "../eslint/undecided.ts";
import type { RestSemantics, Target } from "../model/vocabulary.ts";
import { isUtf16RuleScript, readPowerShellRuleSet } from "../model/index.ts";
import {
  type CliIo,
  EXIT_FINDINGS,
  EXIT_OK,
  EXIT_USAGE,
  UsageError,
  chooseValue,
  describeFileError,
  attachNegativeNumbers,
  withUsageErrors,
  parseInteger,
} from "./args.ts";
import { findUnreadablePaths, ignorePatternsFor, unreadableResults } from "./unreadable-paths.ts";

export const LINT_USAGE = `Usage: client-access-rules lint [paths...] [options]

Lints Client Access Rules files with the plugin's recommended config (no ESLint config needed).
Directories are searched for *.car.json, *.car.jsonc, client-access-rules/**/*.json(c) and
PowerShell files (*.ps1, *.psm1: deployment scripts and Microsoft365DSC configurations; one
without Client Access Rule cmdlets yields nothing); files named explicitly are linted as rule
files whatever their name; so are the files a glob argument (quoted: "rules/**/*.json") matches.
"-" reads one file from standard input. Default path: "."

Options:
  --config <file>             use this ESLint flat config instead of the recommended config
  --stdin-filename <name>     the name of the file read from "-" (default: stdin.car.json)
  --fix                       apply autofixes
  --format <name>             stylish (default), json, json-with-metadata, html, sarif,
                              or an installed eslint-formatter-* package
  --output-file <file>        write the report to a file
  --max-warnings <number>     exit 1 when there are more warnings than this
  --target <target>           exchange-online (default) or exchange-server
  --rest-semantics <mode>     coupled (default) or independent
  -h, --help                  show this help

Exit code: 0 every file read and no errors, 1 errors (or too many warnings, or an analysis
question left undecided), 2 usage error, or a file that was not read: a named PowerShell file
without Client Access Rules, a file --config does not match or gives no client-access-rules rule,
a file ESLint would ignore.
`;

const TARGETS: readonly Target[] = ["exchange-online", "exchange-server"];
const DEFAULT_STDIN_FILENAME = "stdin.car.json";
const REST_SEMANTICS: readonly RestSemantics[] = ["coupled", "independent"];
const SARIF_FORMATTER = "@microsoft/eslint-formatter-sarif";
/** The names `--format` maps to the SARIF formatter (`@microsoft/sarif` is ESLint's own short form for it). */
const SARIF_NAMES = new Set(["sarif", "@microsoft/sarif", SARIF_FORMATTER]);

const OPTIONS = {
  config: { type: "string" },
  "stdin-filename": { type: "string" },
  fix: { type: "boolean" },
  format: { type: "string" },
  "output-file": { type: "string" },
  "max-warnings": { type: "string" },
  target: { type: "string" },
  "rest-semantics": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export interface LintRequest {
  readonly paths: readonly string[];
  readonly configFile: string | undefined;
  readonly fix: boolean;
  readonly format: string;
  readonly outputFile: string | undefined;
  readonly maxWarnings: number | undefined;
  readonly settings: { target?: Target; restSemantics?: RestSemantics };
  /** Set when the one path is `-`: lint standard input under this file name. */
  readonly stdinFilename: string | undefined;
}

/** Reads and checks the command line; throws UsageError. Returns undefined for `--help`. */
export function parseLintArgs(args: readonly string[]): LintRequest | undefined {
  const { values, positionals } = withUsageErrors(() =>
    parseArgs({ args: attachNegativeNumbers(args, OPTIONS), options: OPTIONS, allowPositionals: true, strict: true }),
  );
  if (values.help) return undefined;
  const settings: LintRequest["settings"] = {};
  if (values.target !== undefined) settings.target = chooseValue("target", values.target, TARGETS);
  if (values["rest-semantics"] !== undefined) {
    settings.restSemantics = chooseValue("rest semantics", values["rest-semantics"], REST_SEMANTICS);
  }
  const stdin = positionals.includes("-");
  if (stdin && positionals.length > 1) throw new UsageError("- (standard input) cannot be combined with other paths");
  if (stdin && values.fix) throw new UsageError("--fix cannot write back to standard input");
  if (!stdin && values["stdin-filename"] !== undefined) throw new UsageError("--stdin-filename needs - (standard input) as the path");
  const stdinFilename = stdin ? (values["stdin-filename"] ?? DEFAULT_STDIN_FILENAME) : undefined;
  if (stdinFilename !== undefined && stdinFilename.trim() === "") throw new UsageError("--stdin-filename needs a file name");
  return {
    stdinFilename,
    paths: positionals.length > 0 ? positionals : ["."],
    configFile: values.config,
    fix: values.fix ?? false,
    format: values.format ?? "stylish",
    outputFile: values["output-file"],
    maxWarnings: values["max-warnings"] === undefined ? undefined : parseInteger("--max-warnings", values["max-warnings"], 0),
    settings,
  };
}

/** A glob argument as a flat-config `files` pattern (relative to the working directory, `/` separators). */
function globFilePattern(glob: string, cwd: string): string {
  const pattern = path.isAbsolute(glob) ? path.relative(cwd, glob) : glob;
  return pattern.split(path.sep).join("/").replace(/^\.\//u, "");
}

/** A path as a flat-config `files` pattern matching exactly that file (glob characters escaped). */
export function exactFilePattern(file: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join("/");
  return relative.replace(/[\\*?[\](){}!+@|]/gu, (character) => `\\${character}`);
}

/** A path argument that is a glob ESLint expands (`rules/**\/*.json`), not a file or directory. */
export function isGlobArgument(given: string, cwd: string): boolean {
  return /[*?[\]{}]/u.test(given) && !existsSync(path.resolve(cwd, given));
}

/** Whether a path lies outside the working directory, where ESLint's flat config ignores files. */
export function isOutside(given: string, cwd: string): boolean {
  const relative = path.relative(cwd, path.resolve(cwd, given));
  return relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

/**
 * The paths that name files rather than directories (globs are left to ESLint); a path that
 * cannot be read is a usage error.
 */
async function namedFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const given of paths) {
    if (isGlobArgument(given, cwd)) continue;
    let isFile: boolean;
    try {
      isFile = (await stat(path.resolve(cwd, given))).isFile();
    } catch (error) {
      throw new UsageError(`cannot read ${given}: ${describeFileError(error)}`);
    }
    if (isFile) files.push(given);
  }
  return files;
}

/**
 * The config for the zero-config run: the recommended config, plus the same config for the files
 * named on the command line (pre-commit passes `tenant.json`, which the naming convention would
 * not match), plus the settings given as options.
 */
export function zeroConfig(
  explicitFiles: readonly string[],
  cwd: string,
  settings: LintRequest["settings"],
  languages = true,
  globs: readonly string[] = [],
): Linter.Config[] {
  const configs: Linter.Config[] = [plugin.configs.recommended, ...(languages ? [plugin.configs["recommended-powershell"]] : [])];
  const patterns = [...explicitFiles.map((file) => exactFilePattern(file, cwd)), ...globs.map((glob) => globFilePattern(glob, cwd))];
  const powerShellPatterns = languages ? patterns.filter(isPowerShellFile) : [];
  const jsonPatterns = patterns.filter((pattern) => !isPowerShellFile(pattern));
  if (jsonPatterns.length > 0) {
    configs.push({
      ...plugin.configs.recommended,
      name: "client-access-rules/files-named-on-the-command-line",
      files: jsonPatterns,
    });
  }
  if (powerShellPatterns.length > 0) {
    configs.push({
      ...plugin.configs["recommended-powershell"],
      name: "client-access-rules/powershell-files-named-on-the-command-line",
      files: powerShellPatterns,
    });
  }
  const settingsConfig = settingsOverride(settings);
  if (settingsConfig) configs.push(settingsConfig);
  return configs;
}

/** ESLint's languages API (which the PowerShell configs need) exists from ESLint 9.7 on. */
export function supportsLanguages(version: string | undefined): boolean {
  const [major = 0, minor = 0] = (version ?? "").split(".").map(Number);
  return major > 9 || (major === 9 && minor >= 7);
}

/** `.ps1` and `.psm1` files are read as PowerShell, whatever directory they are in. */
export function isPowerShellFile(file: string): boolean {
  return /\.(?:ps1|psm1)$/iu.test(file);
}

/**
 * Whether a PowerShell file's text holds Client Access Rules: cmdlets or blocks the reader finds,
 * or a UTF-16 file that mentions them (the lint reports it as unreadable, saying why).
 */
function holdsClientAccessRules(text: string): boolean {
  return isUtf16RuleScript(text) || readPowerShellRuleSet(text.replace(/^\uFEFF/u, "")) !== undefined;
}

/**
 * PowerShell files with Client Access Rules under `paths` (directories walked, node_modules and
 * dot-folders skipped): what an ESLint without languages would leave unlinted.
 */
export async function powerShellRuleFilesUnder(paths: readonly string[], cwd: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (relative: string): Promise<void> => {
    const absolute = path.resolve(cwd, relative);
    let entries: Dirent[];
    try {
      entries = await readdir(absolute, { withFileTypes: true });
    } catch {
      if (isPowerShellFile(relative)) {
        try {
          if (holdsClientAccessRules(await readFile(absolute, "utf8"))) found.push(relative);
        } catch {
          // unreadable: reported by the lint run
        }
      }
      return;
    }
    for (const entry of entries) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      if (entry.isDirectory() || (entry.isFile() && isPowerShellFile(entry.name))) await visit(path.join(relative, entry.name));
    }
  };
  for (const given of paths) await visit(given);
  return found;
}

/**
 * PowerShell files named on the command line that hold no Client Access Rule cmdlet or
 * `EXOClientAccessRule` block: ESLint reports nothing on them, which must not read as "clean".
 */
async function powerShellFilesWithoutRules(files: readonly string[], cwd: string): Promise<string[]> {
  const without: string[] = [];
  for (const file of files.filter(isPowerShellFile)) {
    let text: string;
    try {
      text = await readFile(path.resolve(cwd, file), "utf8");
    } catch {
      continue; // reported as unreadable with the lint results
    }
    if (!holdsClientAccessRules(text)) without.push(file);
  }
  return without;
}

function settingsOverride(settings: LintRequest["settings"]): Linter.Config | undefined {
  if (settings.target === undefined && settings.restSemantics === undefined) return undefined;
  return { name: "client-access-rules/command-line-settings", settings: { "client-access-rules": { ...settings } } };
}

type Formatter = (results: ESLint.LintResult[], resultsMeta: ESLint.ResultsMeta) => Promise<string>;
export type ModuleImporter = (specifier: string) => Promise<unknown>;

function isMissingModule(error: unknown, specifier: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && typeof message === "string" && message.includes(specifier);
}

/**
 * The formatter for `--format`: ESLint's own loader, except for SARIF, whose formatter is an
 * optional peer dependency loaded on demand (and given the rules' metadata for `helpUri`).
 */
export async function loadFormatter(
  name: string,
  eslint: ESLint,
  cwd: string,
  importModule: ModuleImporter = (specifier) => import(specifier),
): Promise<Formatter> {
  if (SARIF_NAMES.has(name)) {
    let imported: unknown;
    try {
      imported = await importModule(SARIF_FORMATTER);
    } catch (error) {
      if (isMissingModule(error, SARIF_FORMATTER)) throw new UsageError(`install ${SARIF_FORMATTER} to use --format sarif`);
      throw error;
    }
    const format = ((imported as { default?: unknown }).default ?? imported) as (
      results: ESLint.LintResult[],
      data: { cwd: string; rulesMeta: ReturnType<ESLint["getRulesMetaForResults"]> },
    ) => string;
    return async (results) => format(results, { cwd, rulesMeta: eslint.getRulesMetaForResults(results) });
  }
  let formatter: ESLint.LoadedFormatter;
  try {
    formatter = await eslint.loadFormatter(name);
  } catch {
    throw new UsageError(
      `unknown format "${name}": use stylish, json, json-with-metadata, html or sarif, or install eslint-formatter-${name}`,
    );
  }
  return async (results, resultsMeta) => formatter.format(results, resultsMeta);
}

/** One line for an error ESLint throws about the paths or the config (no files found, bad config). */
function describeEslintError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]!.trim();
}

/** ESLint's `messageTemplate` for "nothing to lint under this path". */
const NOTHING_TO_LINT = new Set(["file-not-found", "all-matched-files-ignored"]);

/** ESLint's "No files matching 'x'" (or "All files matched by 'x' are ignored") says nothing of our naming convention. */
function describeLintFilesError(error: unknown, zeroConfig: boolean): string {
  const { messageTemplate, messageData } = (error ?? {}) as { messageTemplate?: unknown; messageData?: { pattern?: unknown } };
  if (zeroConfig && typeof messageTemplate === "string" && NOTHING_TO_LINT.has(messageTemplate)) {
    const where = typeof messageData?.pattern === "string" ? ` in ${messageData.pattern}` : "";
    return `no rule files${where}: directories are searched for *.car.json, *.car.jsonc and client-access-rules/**/*.json(c); name other files explicitly`;
  }
  return describeEslintError(error);
}

/** The text of `-`: standard input, which must be there to read. */
async function readStandardInput(io: CliIo): Promise<string> {
  if (!io.readStdin) throw new UsageError("- needs standard input, and there is none to read");
  try {
    return await io.readStdin();
  } catch (error) {
    throw new UsageError(`cannot read standard input: ${describeFileError(error)}`);
  }
}

/**
 * Never a silent pass: the files ESLint left unread with only a warning ("File ignored because
 * …"), and, with --config, the named files its configuration lints without any rule of this
 * plugin (another JSON language's configuration object claims them, say). Each with why.
 */
async function unreadFiles(
  results: readonly ESLint.LintResult[],
  eslint: ESLint,
  namedWithConfig: readonly string[],
  request: LintRequest,
  cwd: string,
): Promise<{ file: string; reason: string }[]> {
  const unread: { file: string; reason: string }[] = [];
  const shown = (filePath: string) => path.relative(cwd, filePath) || filePath;
  const ignored = new Set<string>();
  for (const result of results) {
    const only = result.messages.length === 1 ? result.messages[0] : undefined;
    if (!only || only.ruleId !== null || only.fatal || !/^File ignored/u.test(only.message)) continue;
    ignored.add(result.filePath);
    unread.push({ file: shown(result.filePath), reason: describeIgnored(only.message, request, cwd) });
  }
  for (const file of namedWithConfig) {
    const absolute = path.resolve(cwd, file);
    if (ignored.has(absolute)) continue;
    const config = (await eslint.calculateConfigForFile(absolute)) as { rules?: Record<string, unknown> } | undefined;
    if (!config) continue;
    const enabled = Object.entries(config.rules ?? {}).some(
      ([id, entry]) => id.startsWith("client-access-rules/") && ruleSeverity(entry) !== 0,
    );
    if (!enabled) {
      unread.push({
        file: shown(absolute),
        reason: `--config ${request.configFile} lints it without any client-access-rules rule (the configuration objects that match it, another JSON language's for example, enable none)`,
      });
    }
  }
  return unread;
}

function describeIgnored(message: string, request: LintRequest, cwd: string): string {
  if (/outside of (?:the )?base path/iu.test(message)) {
    return `it is outside ${cwd}, the directory ESLint lints from with --config ${request.configFile}; run the command from a directory that contains it`;
  }
  if (/no matching configuration/iu.test(message)) {
    return request.configFile === undefined
      ? "no configuration matches it"
      : `--config ${request.configFile} has no configuration object whose "files" match it`;
  }
  if (/ignore pattern/iu.test(message)) return "an ignore pattern of the configuration ignores it";
  return message.replace(/\.$/u, "");
}

/** A rule entry's severity as a number (0 off, 1 warn, 2 error). */
function ruleSeverity(entry: unknown): number {
  const level = Array.isArray(entry) ? entry[0] : entry;
  if (level === "off" || level === 0) return 0;
  if (level === "warn" || level === 1) return 1;
  return 2;
}

/** The `lint` command; throws UsageError on bad input. */
export async function runLint(args: readonly string[], io: CliIo): Promise<number> {
  const request = parseLintArgs(args);
  if (request === undefined) {
    io.stdout(LINT_USAGE);
    return EXIT_OK;
  }
  const stdinText = request.stdinFilename === undefined ? undefined : await readStandardInput(io);
  const paths = stdinText === undefined ? request.paths : [];
  const files = await namedFiles(paths, io.cwd);
  if (request.configFile !== undefined) {
    try {
      await stat(path.resolve(io.cwd, request.configFile));
    } catch (error) {
      throw new UsageError(`cannot read --config ${request.configFile}: ${describeFileError(error)}`);
    }
  }
  const zero = request.configFile === undefined;
  // Zero-config: a path outside the working directory is linted from its own directory, since
  // ESLint ignores files outside its base path. With --config the config decides: see `unread`.
  const outside = zero ? paths.filter((given) => !isGlobArgument(given, io.cwd) && isOutside(given, io.cwd)) : [];
  const inside = paths.filter((given) => !outside.includes(given));
  const globs = zero ? inside.filter((given) => isGlobArgument(given, io.cwd)) : [];
  const unreadable = await findUnreadablePaths(paths, io.cwd);
  // loadESLint gives the flat-config class on every supported major (FlatESLint on ESLint 8.57).
  const FlatESLint = await (loadESLint as (options: { useFlatConfig: boolean }) => Promise<typeof ESLint>)({ useFlatConfig: true });
  const settingsConfig = settingsOverride(request.settings);
  const languages = supportsLanguages((FlatESLint as unknown as { version?: string }).version);
  // Without languages, PowerShell rule files are refused, never passed over in silence.
  const unlintablePowerShell = languages ? [] : await powerShellRuleFilesUnder(request.paths, io.cwd);
  if (unlintablePowerShell.length > 0) {
    throw new UsageError(
      `cannot lint ${unlintablePowerShell.join(", ")}: PowerShell files need ESLint 9.7 or later (languages API), this is ESLint ${(FlatESLint as unknown as { version?: string }).version}; run npx -p eslint@10 -p eslint-plugin-client-access-rules client-access-rules lint ${unlintablePowerShell.join(" ")}`,
    );
  }
  const eslintFor = (cwd: string, explicit: readonly string[], globPatterns: readonly string[]): ESLint => {
    const ignorePatterns = ignorePatternsFor(unreadable, cwd);
    try {
      return zero
        ? new FlatESLint({ cwd, overrideConfigFile: true, overrideConfig: zeroConfig(explicit, cwd, request.settings, languages, globPatterns), fix: request.fix, ignorePatterns })
        : new FlatESLint({
            cwd,
            ignorePatterns,
            overrideConfigFile: path.resolve(io.cwd, request.configFile as string),
            ...(settingsConfig ? { overrideConfig: [settingsConfig] } : {}),
            fix: request.fix,
          });
    } catch (error) {
      throw new UsageError(describeEslintError(error));
    }
  };
  const explicitInside = [...files.filter((file) => inside.includes(file)), ...(request.stdinFilename ? [request.stdinFilename] : [])];
  const eslint = eslintFor(io.cwd, explicitInside, globs);
  const formatter = await loadFormatter(request.format, eslint, io.cwd);

  const results: ESLint.LintResult[] = [];
  try {
    if (stdinText !== undefined) {
      results.push(...(await eslint.lintText(stdinText, { filePath: path.resolve(io.cwd, request.stdinFilename as string) })));
    } else if (inside.length > 0) {
      results.push(...(await eslint.lintFiles([...inside])));
    }
    for (const given of outside) {
      const absolute = path.resolve(io.cwd, given);
      const isFile = files.includes(given);
      const base = isFile ? path.dirname(absolute) : absolute;
      const target = isFile ? path.basename(absolute) : ".";
      results.push(...(await eslintFor(base, isFile ? [target] : [], []).lintFiles([target])));
    }
    results.push(...unreadableResults(unreadable));
  } catch (error) {
    throw new UsageError(describeLintFilesError(error, zero));
  }
  if (request.fix) await FlatESLint.outputFixes(results);

  const errorCount = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warningCount = results.reduce((sum, result) => sum + result.warningCount, 0);
  const tooManyWarnings = request.maxWarnings !== undefined && warningCount > request.maxWarnings;
  const report = await formatter(
    results,
    tooManyWarnings ? { maxWarningsExceeded: { maxWarnings: request.maxWarnings!, foundWarnings: warningCount } } : {},
  );

  if (request.outputFile !== undefined) {
    const target = path.resolve(io.cwd, request.outputFile);
    try {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, report);
    } catch (error) {
      throw new UsageError(`cannot write --output-file ${request.outputFile}: ${describeFileError(error)}`);
    }
  } else if (report !== "") {
    io.stdout(report.endsWith("\n") ? report : `${report}\n`);
  }
  if (tooManyWarnings && errorCount === 0) {
    io.stderr(`client-access-rules found too many warnings (maximum: ${request.maxWarnings}).\n`);
  }
  const unread = await unreadFiles(results, eslint, zero ? [] : explicitInside.filter((file) => !isGlobArgument(file, io.cwd)), request, io.cwd);
  for (const { file, reason } of unread) io.stderr(`client-access-rules did not lint ${file}: ${reason}.\n`);
  const withoutRules = await powerShellFilesWithoutRules(files, io.cwd);
  for (const file of withoutRules) {
    io.stderr(
      `client-access-rules found no Client Access Rules in ${file}: no New-, Set- or Remove-ClientAccessRule command and no EXOClientAccessRule block.\n`,
    );
  }
  if (withoutRules.length > 0 || unread.length > 0) return EXIT_USAGE;
  // A question the analysis left undecided means a file was not fully read: never exit 0 on it,
  // whatever severity the config gives the rule that says so.
  const undecided = results.filter((result) =>
    result.messages.some((message) => message.messageId === UNDECIDED_MESSAGE_ID && message.ruleId?.startsWith("client-access-rules/")),
  );
  if (undecided.length > 0 && errorCount === 0 && !tooManyWarnings) {
    io.stderr(
      `client-access-rules could not decide everything in ${undecided.map((result) => path.relative(io.cwd, result.filePath) || result.filePath).join(", ")} (see the "undecided" findings).\n`,
    );
  }
  return errorCount > 0 || tooManyWarnings || undecided.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}
