/**
 * A cache for the file being linted. ESLint lints one file at a time, synchronously, and every rule
 * asks about that file, so remembering the value for the last key asked is enough: a miss only
 * recomputes. Unlike a WeakMap keyed by a per-file object (the SourceCode, the model), it lets go
 * of the previous file as soon as the next one is asked about. A WeakMap entry whose key has
 * reached the old generation keeps its value alive through every young-generation collection until
 * a full one proves the key dead, so each file's model, analysis and tokens were copied and
 * promoted instead of dying young.
 */
export class FileCache<Key extends object, Value> {
  private key: Key | undefined;
  private value: Value | undefined;

  get(key: Key, compute: (key: Key) => Value): Value {
    if (this.key !== key) {
      const value = compute(key);
      this.key = key;
      this.value = value;
    }
    return this.value as Value;
  }
}
