/**
 * Where the pipeline keeps document texts between fingerprinting and passage alignment.
 * Only the overlap stage and the HTML report read texts back; the duplicate stage never does.
 */

/** Texts by document index. */
export interface TextStore {
  /** Stores document `index`'s text (each index once). */
  put(index: number, text: string): void;
  /** The text of document `index`. */
  get(index: number): string;
  /** Releases what the store holds (temporary files). Safe to call twice. */
  close(): void;
}

/** Keeps every text in memory. */
export class MemoryTextStore implements TextStore {
  private readonly texts: string[] = [];

  put(index: number, text: string): void {
    this.texts[index] = text;
  }

  get(index: number): string {
    return this.texts[index] ?? '';
  }

  close(): void {}
}
