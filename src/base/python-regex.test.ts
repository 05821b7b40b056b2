import { describe, expect, it } from 'vitest';
import { compileFullMatch, pythonRegexToJs, stripPythonRawString } from './python-regex.ts';

describe('Python regular expressions in custom types', () => {
  it('strips r\'...\' and r"..." wrappers', () => {
    expect(stripPythonRawString(String.raw`r'\d+'`)).toBe(String.raw`\d+`);
    expect(stripPythonRawString(String.raw`r"\d+"`)).toBe(String.raw`\d+`);
    expect(stripPythonRawString(String.raw`\d+`)).toBe(String.raw`\d+`);
  });

  it('translates named groups and anchors', () => {
    expect(pythonRegexToJs('(?P<n>a)(?P=n)\\Z')).toBe('(?<n>a)\\k<n>$');
  });

  it('matches the whole value like re.fullmatch', () => {
    const compiled = compileFullMatch(String.raw`r'\d+(?:[.,]\d+)?\s*(?:[\$\€\£]|USD|EUR)'`);
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    expect(compiled.regex.test('12.50 €')).toBe(true);
    expect(compiled.regex.test('12 USD')).toBe(true);
    expect(compiled.regex.test('costs 12 USD')).toBe(false);
    expect(compiled.regex.test('a|b')).toBe(false);
  });

  it('reports an invalid pattern instead of throwing', () => {
    expect(compileFullMatch('([a-z]')).toMatchObject({ ok: false });
  });
});
