/** Where the CLI writes and what it knows about the terminal; injectable so tests capture output. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
}
