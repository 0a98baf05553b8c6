/** The one small interface every persisted JSON file goes through; conf and electron-store both fit it. */

/** One JSON file. `read()` throws if the file exists but cannot be parsed; `write()` is atomic. */
export interface JsonFile {
  readonly path: string;
  /** The parsed content, or `undefined` when the file does not exist yet. */
  read(): unknown;
  write(value: unknown): void;
}

/** Opens the JSON file called `<name>.json` in the data folder. */
export type JsonFileFactory = (name: string) => JsonFile;
