/**
 * The one LLM call extraction needs: a JSON answer that fits a schema. The run backs it with the
 * LLM layer (which does the structured-output call and one repair); tests back it with a fake.
 */
export interface JsonCompleter {
  completeJson(args: { readonly system: string; readonly user: string; readonly schema: object; readonly signal?: AbortSignal | undefined }): Promise<unknown>;
}
