import { describe, expect, it } from 'vitest';
import { escapeXml, escapeXmlAttribute, stripForbiddenXmlChars } from './xml-text.ts';

describe('XML text', () => {
  it('escapes the five special characters', () => {
    expect(escapeXml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &apos; f');
  });

  it('strips characters XML 1.0 forbids and keeps the rest, emoji included', () => {
    expect(stripForbiddenXmlChars('ok\u0000\u0007\u001b[31m\tline\nnext\r\u{1F355}\uFFFE\uD800x')).toBe(
      'ok[31m\tline\nnext\r\u{1F355}x',
    );
  });

  it('keeps line breaks in attributes as character references', () => {
    expect(escapeXmlAttribute('a\nb\tc')).toBe('a&#10;b&#9;c');
  });
});
