/**
 * Command-line plumbing shared by the commands: the I/O a command writes to, usage errors, and
 * `util.parseArgs` with its errors turned into one-line usage errors.
 */
import { closestMatches } from "../model/suggest.ts";

/** Where a command writes; tests pass collectors, the bin passes process streams. */
export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The whole standard input, for `lint -` (absent: there is none to read). */
  readonly readStdin?: () => Promise<string>;
}

/** Bad input from the user: reported as one line on stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/**
 * `--max-warnings -1` as `--max-warnings=-1`: util.parseArgs refuses a value that starts with a
 * dash ("argument is ambiguous"), but a negative number is a value, which the command then checks
 * and explains ("--max-warnings must be a whole number of at least 0, not "-1"").
 */
export function attachNegativeNumbers(
  args: readonly string[],
  options: Readonly<Record<string, { readonly type: "string" | "boolean" }>>,
): string[] {
  const attached: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const next = args[index + 1];
    const takesValue = arg.startsWith("--") && !arg.includes("=") && options[arg.slice(2)]?.type === "string";
    if (takesValue && next !== undefined && /^-\d/u.test(next)) {
      attached.push(`${arg}=${next}`);
      index += 1;
    } else {
      attached.push(arg);
    }
  }
  return attached;
}

/** Runs a `util.parseArgs` call; its errors become a UsageError with the first sentence of Node's message. */
export function withUsageErrors<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const ambiguous = /^Option '(-[-\w]+)[^']*' argument is ambiguous/u.exec(message);
    if (ambiguous) {
      const option = ambiguous[1]!;
      throw new UsageError(`${option} needs a value, and the next argument starts with a dash; if that is the value, write ${option}=<value>`);
    }
    const missing = /^Option '(-[-\w]+)[^']*' argument missing/u.exec(message);
    if (missing) throw new UsageError(`${missing[1]} needs a value`);
    // Node appends a hint about `--` to unknown-option errors; the first sentence is the point.
    const firstSentence = message.split(/(?<=\.)\s/u)[0] ?? message;
    throw new UsageError(firstSentence.replace(/\.$/u, ""));
  }
}

/** The canonical spelling of `text` among `allowed` (case-insensitive), or a usage error with "did you mean". */
export function chooseValue<T extends string>(option: string, text: string, allowed: readonly T[]): T {
  const lower = text.trim().toLowerCase();
  const found = allowed.find((value) => value.toLowerCase() === lower);
  if (found !== undefined) return found;
  const suggestions = closestMatches(text, allowed, 1);
  const hint = suggestions.length > 0 ? `did you mean ${suggestions[0]}?` : `use one of ${allowed.join(", ")}`;
  throw new UsageError(`unknown ${option} "${text}": ${hint}`);
}

/** A whole number in `[min, max]`, or a usage error naming the option. */
export function parseInteger(option: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = /^\s*-?\d+\s*$/u.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`${option} must be a whole number ${range}, not "${text}"`);
  }
  return value;
}

/** The message of a file-system error without Node's `ENOENT: ` prefix and path suffix. */
export function describeFileError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  return error instanceof Error ? error.message : String(error);
}
