/**
 * Rule files saved as UTF-16 ("Unicode"), which Windows PowerShell 5.1's `Out-File` and `>` write by
 * default: `Get-ClientAccessRule | ConvertTo-Json > rules.car.json` makes one. ESLint and the
 * commands read files as UTF-8, which turns such a file into text with a NUL beside every ASCII
 * character. JSON then fails to parse at its first character, with a message that does not say
 * why, and a PowerShell script shows no cmdlet at all, so its rules would pass unread. JSON and
 * PowerShell text never hold a NUL, so one among the first characters tells.
 */
import { mentionsClientAccessRules } from "./powershell/parse.ts";

/** Characters looked at: a UTF-16 file of ASCII text has a NUL in every other one. */
const SAMPLE = 4096;

/** Whether the text is a UTF-16 file read as UTF-8. */
export function isUtf16ReadAsUtf8(text: string): boolean {
  const end = Math.min(text.length, SAMPLE);
  for (let index = 0; index < end; index++) if (text.charCodeAt(index) === 0) return true;
  return false;
}

/**
 * Whether the text is a UTF-16 PowerShell file read as UTF-8 that mentions a Client Access Rule
 * cmdlet or resource: its ASCII characters, NULs dropped, tell that much (not its rules).
 */
export function isUtf16RuleScript(text: string): boolean {
  return isUtf16ReadAsUtf8(text) && mentionsClientAccessRules(text.replaceAll("\u0000", ""));
}

/**
 * What to say about a UTF-16 file: why its rules cannot be read, and how to convert it. `name` is
 * the file as the reader should see it (undefined for text without a file name).
 */
export function utf16Problem(name: string | undefined): string {
  const argument = powerShellFileArgument(name);
  return (
    `${name ?? "This file"} is UTF-16 ("Unicode", what Windows PowerShell's Out-File and > write by default), and rule files are read as UTF-8, ` +
    `so none of its rules could be read. Save it as UTF-8: (Get-Content ${argument}) | Set-Content -Encoding UTF8 ${argument}`
  );
}

/**
 * What a UTF-8 reader writes for bytes that are not UTF-8: a file saved as ANSI (Windows-1252),
 * which Windows PowerShell 5.1's `Set-Content` and older editors write by default, holds its
 * é, ß and ü as such bytes, and ESLint and the commands read them all as U+FFFD. A value holding
 * one is not the value in the file (a user or group name then matches nobody), and writing the
 * text back, as `--fix` does, puts U+FFFD over the original characters for good.
 */
export const UNDECODABLE_CHARACTER = "\uFFFD";

/** Where the text first holds U+FFFD, and how many it holds; undefined when it holds none. */
export function undecodableCharacters(text: string): { readonly first: number; readonly count: number } | undefined {
  const first = text.indexOf(UNDECODABLE_CHARACTER);
  if (first < 0) return undefined;
  let count = 1;
  for (let at = text.indexOf(UNDECODABLE_CHARACTER, first + 1); at >= 0; at = text.indexOf(UNDECODABLE_CHARACTER, at + 1)) count++;
  return { first, count };
}

/** A file name as a single-quoted PowerShell argument, for the commands the messages give (`<file>` without one). */
export function powerShellFileArgument(name: string | undefined): string {
  return name === undefined ? "<file>" : `'${name.replaceAll("'", "''")}'`;
}
