/**
 * The `client-access-rules` command: dispatches to `lint`, `what-if`, `diff` and `report`, and turns usage errors
 * into one line on stderr and exit code 2.
 */
import { meta } from "../eslint/meta.ts";
import { BddLimitError } from "../analysis/index.ts";
import { type CliIo, EXIT_OK, EXIT_USAGE, UsageError } from "./args.ts";

export type { CliIo } from "./args.ts";

export const USAGE = `Usage: client-access-rules <command> [options]

Commands:
  lint [paths...]                 lint Client Access Rules files (no ESLint config needed)
  what-if <file> --protocol P --ip A [options]
                                  evaluate one connection offline, like Test-ClientAccessRule
  diff <before> <after> | diff <file> --base <revision>
                                  what a change does to who can connect
  report <file>                   who can connect, per protocol, and by which rule

Run "client-access-rules <command> --help" for a command's options.
Options: -h, --help; -v, --version
`;

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

/** Loaded on demand: only `lint` needs ESLint, whose start-up would dominate the other commands. */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  lint: async () => (await import("./lint.ts")).runLint,
  "what-if": async () => (await import("./what-if.ts")).runWhatIf,
  diff: async () => (await import("./diff.ts")).runDiff,
  report: async () => (await import("./report.ts")).runReport,
};

/** Runs the command line `argv` (without node and the script) and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    // No command is a usage error: the usage goes where errors go, so `> report.txt` stays empty.
    io.stderr(USAGE);
    return EXIT_USAGE;
  }
  if (command === "-h" || command === "--help" || command === "help") {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (command === "-v" || command === "--version") {
    io.stdout(`${meta.version}\n`);
    return EXIT_OK;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (load === undefined) {
    io.stderr(`client-access-rules: unknown command "${command}" (use lint, what-if, diff or report)\n`);
    return EXIT_USAGE;
  }
  try {
    const run = await load();
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`client-access-rules ${command}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    // The analysis met its hard limit: no answer would be proven, so none is printed (never a silent pass).
    if (error instanceof BddLimitError) {
      const what = command === "diff" ? "the rule sets were" : "the rule set was";
      io.stderr(
        `client-access-rules ${command}: ${what} not analysed: ${error.message}, so the analysis stopped and nothing is reported (see docs/performance.md).\n`,
      );
      return EXIT_USAGE;
    }
    // A bug or an ESLint crash: say so in one line and keep the stack for a bug report.
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`client-access-rules ${command}: internal error: ${message}\n`);
    return EXIT_USAGE;
  }
}
