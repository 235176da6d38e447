/**
 * The JSON parser of the shipped configs: jsonc-eslint-parser, with one message of its own. A rule
 * file saved as UTF-16 (lib/model/text-encoding.ts) fails to parse at its first character with
 * "Unexpected character '�'"; this says why, and how to save it as UTF-8. Only a failed parse is
 * looked at again, so a file that parses costs nothing more.
 */
import path from "node:path";
import * as jsoncParser from "jsonc-eslint-parser";
import { isUtf16ReadAsUtf8, utf16Problem } from "../model/text-encoding.ts";
import { meta } from "./meta.ts";

type ParserOptions = Parameters<typeof jsoncParser.parseForESLint>[1] & { readonly filePath?: string };

export const jsonParser = {
  // A name and version of its own: ESLint's cache keys configs by them.
  meta: { name: `${meta.name}/jsonc-eslint-parser`, version: `${meta.version}+${jsoncParser.meta.version}` },
  VisitorKeys: jsoncParser.VisitorKeys,
  parseForESLint(code: string, options?: ParserOptions): ReturnType<typeof jsoncParser.parseForESLint> {
    try {
      return jsoncParser.parseForESLint(code, options);
    } catch (error) {
      if (!isUtf16ReadAsUtf8(code)) throw error;
      // ESLint reads lineNumber and column (from 1) of a parser's error.
      throw Object.assign(new SyntaxError(utf16Problem(fileNameOf(options?.filePath))), { index: 0, lineNumber: 1, column: 1 });
    }
  },
};

/** A linted file's name for messages: its last part (ESLint names text without a file `<text>`). */
export function fileNameOf(filePath: string | undefined): string | undefined {
  return filePath === undefined || filePath === "<text>" ? undefined : path.basename(filePath);
}
