import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphemes, graphemeWidth, padEndToWidth, sanitizeLine, stringWidth, truncateToWidth, wrapToWidth } from '../../src/views/ascii/width.ts';

test('stringWidth counts display columns per grapheme cluster', () => {
  const cases: Array<[string, number]> = [
    ['', 0],
    ['traefik', 7],
    ['日本語', 6], // East Asian Wide
    ['ＡＢＣ', 6], // Fullwidth
    ['ｶﾀｶﾅ', 4], // Halfwidth katakana stays narrow
    ['한국어', 6], // Hangul syllables
    ['café', 4],
    ['e\u0301te\u0301', 3], // combining acute accents add nothing
    ['a\u0301\u0302\u0303', 1], // stacked marks
    ['🐘', 2],
    ['👨‍👩‍👧', 2], // ZWJ sequence is one cluster
    ['🇯🇵', 2], // flag: a pair of regional indicators
    ['❤️', 2], // VS16 asks for emoji presentation
    ['1️⃣', 2], // keycap sequence
    ['✅', 2], // emoji presentation by default
    ['✓', 1], // a plain dingbat: narrow
    ['•▼►', 3], // ambiguous width: narrow outside East Asian contexts
    ['┌──┐', 4],
    ['zero\u200bwidth', 9], // zero-width space
    ['a\u200db', 2], // a lone joiner has no width
    ['\u0007', 0],
  ];
  for (const [text, width] of cases) assert.equal(stringWidth(text), width, JSON.stringify(text));
});

test('graphemes keeps clusters whole', () => {
  assert.deepEqual(graphemes('a👨‍👩‍👧e\u0301'), ['a', '👨‍👩‍👧', 'e\u0301']);
  assert.equal(graphemeWidth('🇯🇵'), 2);
  assert.equal(graphemeWidth('\u0301'), 0);
});

test('sanitizeLine replaces tabs and drops controls and width-less clusters', () => {
  assert.equal(sanitizeLine('a\tb'), 'a b');
  assert.equal(sanitizeLine('ok\u0007bell'), 'okbell');
  assert.equal(sanitizeLine('\u202eoverride'), 'override'); // a bidi override would reverse the frame
  assert.equal(sanitizeLine('zero\u200bwidth'), 'zerowidth');
  assert.equal(sanitizeLine('e\u0301'), 'e\u0301'); // marks on a base stay
});

test('truncateToWidth never splits a wide character and appends the ellipsis', () => {
  assert.equal(truncateToWidth('traefik-dashboard', 8), 'traefik…');
  assert.equal(truncateToWidth('日本語テキスト', 6), '日本…'); // 語 would need columns 5-6
  assert.equal(stringWidth(truncateToWidth('日本語テキスト', 6)), 5);
  assert.equal(truncateToWidth('short', 10), 'short');
  assert.equal(truncateToWidth('abcdef', 4, '...'), 'a...');
});

test('wrapToWidth wraps at spaces, then at punctuation, then between clusters', () => {
  assert.deepEqual(wrapToWidth('Routes traffic to the frontend', 12), ['Routes', 'traffic to', 'the frontend']);
  assert.deepEqual(wrapToWidth('traefik-certificates-volume', 12), ['traefik-', 'certificates', '-volume']);
  assert.deepEqual(wrapToWidth('日本語のサービス名', 7), ['日本語', 'のサー', 'ビス名']);
  assert.deepEqual(wrapToWidth('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
  assert.deepEqual(wrapToWidth('fits', 10), ['fits']);
  for (const width of [2, 3, 5, 8, 13]) {
    for (const line of wrapToWidth('supercalifragilistic 管理画面サービス 👨‍👩‍👧👨‍👩‍👧 registry.example.com/team/app:1.2', width)) {
      assert.ok(stringWidth(line) <= width, `${JSON.stringify(line)} wider than ${width}`);
    }
  }
});

test('padEndToWidth pads by display width', () => {
  assert.equal(padEndToWidth('日本', 6), '日本  ');
  assert.equal(padEndToWidth('toolong', 3), 'toolong');
});
