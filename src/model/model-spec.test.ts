import { describe, expect, it } from 'vitest';
import { modelSpecFromProfile, parseModelSpec } from './model-spec.ts';

describe('model specs', () => {
  it('splits provider:model on the first colon only', () => {
    expect(parseModelSpec('ollama:llama3:8b')).toEqual({ provider: 'ollama', model: 'llama3:8b', temperature: 0.8 });
    expect(parseModelSpec('ft:gpt-4o-mini:acme::abc')).toMatchObject({
      provider: 'openai',
      model: 'ft:gpt-4o-mini:acme::abc',
    });
    expect(parseModelSpec('claude-haiku-4-5')).toMatchObject({ provider: 'anthropic' });
  });

  it("uses Sensei's llm section and defaults", () => {
    expect(modelSpecFromProfile(undefined)).toEqual({ provider: 'openai', model: 'gpt-4o', temperature: 0.8 });
    expect(modelSpecFromProfile({ model: 'gpt-4o-mini', temperature: 0.2 })).toEqual({
      provider: 'openai',
      model: 'gpt-4o-mini',
      temperature: 0.2,
    });
    expect(modelSpecFromProfile({ model: 'llama3:8b', model_prov: 'ollama' })).toMatchObject({
      provider: 'ollama',
      model: 'llama3:8b',
    });
    expect(modelSpecFromProfile({ model: 'gemini-2.0-flash', model_prov: 'google_genai' })).toMatchObject({
      provider: 'google_genai',
    });
  });
});
