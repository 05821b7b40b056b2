import type { SourcePosition } from '../base/diagnostics/diagnostic.ts';

/** Something in the file that the rewrite cannot handle; the file is left as it is. */
export class Refusal extends Error {
  readonly at: SourcePosition;
  readonly hint: string;
  constructor(
    message: string,
    at: SourcePosition,
    hint = 'Migrate this part by hand; "simsim validate" explains each 2024-format key.',
  ) {
    super(message);
    this.at = at;
    this.hint = hint;
  }
}
