/**
 * Frame glyphs by role. Layouts place roles, not characters, so one layout renders in either
 * character set with identical geometry: every glyph is one column wide in both sets.
 */
export type Glyph =
  | 'horizontal'
  | 'vertical'
  | 'topLeft'
  | 'topRight'
  | 'bottomLeft'
  | 'bottomRight'
  /** ├ : a line leaving a vertical to the right. */
  | 'teeRight'
  /** ┤ : a line leaving a vertical to the left. */
  | 'teeLeft'
  /** ┬ : a line leaving a horizontal downwards. */
  | 'teeDown'
  /** ┴ : a line leaving a horizontal upwards. */
  | 'teeUp'
  | 'cross'
  | 'arrowDown'
  | 'arrowUp'
  | 'arrowRight'
  | 'arrowLeft'
  | 'bullet'
  | 'ellipsis';

export type FrameStyle = 'unicode' | 'ascii';

export type Charset = Readonly<Record<Glyph, string>>;

/** Unicode box drawing (U+2500 block) and geometric shapes. */
export const UNICODE_CHARSET: Charset = {
  horizontal: '─',
  vertical: '│',
  topLeft: '┌',
  topRight: '┐',
  bottomLeft: '└',
  bottomRight: '┘',
  teeRight: '├',
  teeLeft: '┤',
  teeDown: '┬',
  teeUp: '┴',
  cross: '┼',
  arrowDown: '▼',
  arrowUp: '▲',
  arrowRight: '►',
  arrowLeft: '◄',
  bullet: '•',
  ellipsis: '…',
};

/** Plain 7-bit ASCII: every joint is `+`; `~` marks cut text (one column, like `…`). */
export const ASCII_CHARSET: Charset = {
  horizontal: '-',
  vertical: '|',
  topLeft: '+',
  topRight: '+',
  bottomLeft: '+',
  bottomRight: '+',
  teeRight: '+',
  teeLeft: '+',
  teeDown: '+',
  teeUp: '+',
  cross: '+',
  arrowDown: 'v',
  arrowUp: '^',
  arrowRight: '>',
  arrowLeft: '<',
  bullet: '*',
  ellipsis: '~',
};

export function charsetFor(style: FrameStyle): Charset {
  return style === 'ascii' ? ASCII_CHARSET : UNICODE_CHARSET;
}
