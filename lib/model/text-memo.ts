/**
 * A parse result by its text, shared across files: an editor or CI run reads the same addresses
 * and filters in file after file, and the analysis and the what-if replay parse them again. Only
 * for immutable results that hold nothing of a file but offsets into the text. Emptied when full,
 * so memory stays bounded however many distinct texts a run meets.
 */
export class TextMemo<T> {
  readonly #results = new Map<string, T>();
  readonly #limit: number;
  readonly #parse: (text: string) => T;

  constructor(parse: (text: string) => T, limit: number) {
    this.#parse = parse;
    this.#limit = limit;
  }

  get(text: string): T {
    let result = this.#results.get(text);
    if (result === undefined) {
      result = this.#parse(text);
      if (this.#results.size >= this.#limit) this.#results.clear();
      this.#results.set(text, result);
    }
    return result;
  }
}
