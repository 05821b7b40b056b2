import { describe, expect, it } from 'vitest';
import { cleanUserReply } from './fidelity.ts';

describe('cleanUserReply', () => {
  it.each([
    ['User: I want a pizza', 'I want a pizza'],
    ['**User:** I want a pizza', 'I want a pizza'],
    ['"I want a pizza"', 'I want a pizza'],
    ['Usuario: quiero una pizza', 'quiero una pizza'],
    ['I said "small", not large', 'I said "small", not large'],
  ])('cleans %j', (raw, text) => {
    expect(cleanUserReply(raw)).toEqual({ text, problem: undefined, done: false });
  });

  it('recognises the end of the conversation', () => {
    expect(cleanUserReply('exit')).toEqual({ text: '', problem: undefined, done: true });
    expect(cleanUserReply('Thanks, bye! <END>')).toEqual({ text: 'Thanks, bye!', problem: undefined, done: true });
  });

  it.each([
    ['', 'empty'],
    ['Assistant: How can I help?', 'speaks as the assistant'],
    ['As an AI language model I cannot order pizza', 'plays the assistant'],
    ['How can I help you today?', 'plays the assistant'],
    ['<think>the user wants</think> A pizza', 'leaked reasoning'],
  ])('flags %j', (raw, problem) => {
    expect(cleanUserReply(raw).problem).toContain(problem);
  });
});
