import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parserLineOrigins, renderIdFor } from '../../src/render/mermaid-renderer.ts';
import { classNamesIn, compactGeometry, ensureAccessibleText, findStyle, getRootAttribute, hoistRepeatedStyles, makeResponsive, replaceStyle, scopeStrayIds } from '../../src/render/svg-postprocess.ts';
import { parseCss, pruneUnusedRules, serializeCss } from '../../src/render/css.ts';
import { simplifyPathData } from '../../src/render/path-data.ts';
import { adaptiveCss, darkPaletteFrom } from '../../src/render/theme-css.ts';

const LIGHT = '#d1{font-family:Arial,"Liberation Sans",sans-serif;fill:#333;}@keyframes dash{to{stroke-dashoffset:0;}}#d1 .node rect{fill:#ECECFF;stroke:#9370DB;stroke-width:1px;}#d1 .marker{fill:#333333!important;}#d1 .custom > *{fill:#f9f;}';
const DARK = '#d2{font-family:Arial,"Liberation Sans",sans-serif;fill:#ccc;}@keyframes dash{to{stroke-dashoffset:0;}}#d2 .node rect{fill:#1f2020;stroke:url(#d2-gradient);stroke-width:1px;}#d2 .marker{fill:lightgrey!important;}#d2 .custom > *{fill:#f9f;}';

describe('theme-css', () => {
  it('parses and re-serialises Mermaid stylesheets without loss', () => {
    assert.equal(serializeCss(parseCss(LIGHT)), LIGHT);
  });

  it('turns themed colours into variables with light, dark, media-query and data-theme values', () => {
    const palette = darkPaletteFrom(LIGHT, DARK, 'd1', 'd2');
    const css = adaptiveCss(LIGHT.replaceAll('#d1', '#x'), 'x', palette);
    assert.match(css, /^#x\{--td-0:#333;--td-1:#ECECFF;--td-2:#333333;\}/);
    assert.match(css, /#x\{font-family:Arial,"Liberation Sans",sans-serif;fill:var\(--td-0\);\}/);
    assert.match(css, /#x \.node rect\{fill:var\(--td-1\);stroke:#9370DB;stroke-width:1px;\}/, 'a dark value pointing at dark-only defs is not used');
    assert.match(css, /#x \.marker\{fill:var\(--td-2\)!important;\}/);
    assert.match(css, /#x \.custom > \*\{fill:#f9f;\}/, 'colours equal in both themes stay literal');
    assert.match(css, /@media \(prefers-color-scheme:dark\)\{#x\{--td-0:#ccc;--td-1:#1f2020;--td-2:lightgrey;\}\}/);
    assert.match(css, /\[data-theme="light"\] #x\{--td-0:#333;--td-1:#ECECFF;--td-2:#333333;\}/);
    assert.match(css, /\[data-theme="dark"\] #x\{--td-0:#ccc;--td-1:#1f2020;--td-2:lightgrey;\}$/);
    assert.ok(css.indexOf('@media') < css.indexOf('[data-theme="light"]'), 'an explicit light theme must win over a dark OS setting');
  });

  it('prunes selectors that need classes no element has', () => {
    const css = '#d .node rect,#d .katex path{fill:red;}#d .icon-shape{x:1;}#d p{margin:0;}#d :not(.gone){y:2;}@media (x){#d .gone{z:3;}}@keyframes k{to{a:b;}}';
    assert.equal(pruneUnusedRules(css, new Set(['node'])), '#d .node rect{fill:red;}#d p{margin:0;}#d :not(.gone){y:2;}@keyframes k{to{a:b;}}');
  });

  it('leaves colours a diagram set itself alone', () => {
    const palette = darkPaletteFrom(LIGHT, DARK, 'd1', 'd2');
    const overridden = LIGHT.replace('fill:#ECECFF', 'fill:#ff0000');
    const css = adaptiveCss(overridden, 'd1', palette);
    assert.match(css, /\.node rect\{fill:#ff0000;/);
  });
});

describe('svg post-processing', () => {
  const svg = '<svg id="d" width="100%" xmlns="http://www.w3.org/2000/svg" style="max-width: 602.5px;" viewBox="4 4 602.456 168.1"><style>#d{fill:#333;}</style><g></g></svg>';

  it('gives the root its natural size and lets CSS shrink it', () => {
    const out = makeResponsive(svg);
    assert.equal(getRootAttribute(out, 'width'), '602.46');
    assert.equal(getRootAttribute(out, 'height'), '168.1');
    assert.equal(getRootAttribute(out, 'style'), 'max-width:100%;height:auto');
  });

  it('inserts an escaped <title> and <desc> when the source had none', () => {
    const out = ensureAccessibleText(svg, 'd', { title: 'Shop & <edge>', description: 'How "requests" flow $& $1' });
    assert.match(out, /^<svg [^>]*aria-labelledby="chart-title-d"[^>]*aria-describedby="chart-desc-d"[^>]*><title id="chart-title-d">Shop &amp; &lt;edge&gt;<\/title><desc id="chart-desc-d">How &quot;requests&quot; flow \$&amp; \$1<\/desc><style>/);
  });

  it('keeps the <title> and <desc> Mermaid wrote from accTitle/accDescr', () => {
    const withTitle = svg.replace('<style>', '<title id="chart-title-d">From source</title><style>');
    const out = ensureAccessibleText(withTitle, 'd', { title: 'Option', description: 'Extra' });
    assert.match(out, /<title id="chart-title-d">From source<\/title><desc id="chart-desc-d">Extra<\/desc><style>/);
    assert.doesNotMatch(out, /Option/);
  });

  it('scopes and renumbers ids Mermaid left unscoped, with their references', () => {
    const raw = '<svg id="s"><g id="root-7"><line id="actor7"/></g><g id="root-8" onclick="toggle(\'actor8_popup\')"><line id="actor8"/><g id="actor8_popup"/></g><rect filter="url(#s-shadow)"/><use href="#actor8"/><text name="actor7">actor7</text></svg>';
    const out = scopeStrayIds(raw, 's');
    assert.equal(
      out,
      '<svg id="s"><g id="s-root-0"><line id="s-actor0"/></g><g id="s-root-1" onclick="toggle(\'s-actor1_popup\')"><line id="s-actor1"/><g id="s-actor1_popup"/></g><rect filter="url(#s-shadow)"/><use href="#s-actor1"/><text name="actor7">actor7</text></svg>',
    );
  });

  it('swaps the stylesheet, decoding and re-encoding XML escapes', () => {
    const escaped = svg.replace('#d{fill:#333;}', '#d .a&gt;*{fill:#333;}');
    assert.equal(findStyle(escaped)?.css, '#d .a>*{fill:#333;}');
    const out = replaceStyle(escaped, '#d .b>*{fill:red;}');
    assert.ok(out.includes('<style>#d .b&gt;*{fill:red;}</style>'));
  });

  it('rounds coordinates to 1/100 px, sizes upwards, and drops data-points', () => {
    const raw = '<svg id="d"><path d="M-48.28828146491604 -48 C1.5.5" data-points="W3t9XQ=="/><foreignObject width="96.9140625" height="24.001"/><text x="12.5">3.14159</text></svg>';
    assert.equal(compactGeometry(raw), '<svg id="d"><path d="M-48.29 -48 C1.5.5"/><foreignObject width="96.92" height="24.01"/><text x="12.5">3.14159</text></svg>');
  });

  it('moves repeated inline styles into class rules that still win', () => {
    const raw = '<svg id="d" style="max-width:1px"><style>#d{fill:#333;}</style><g class="a" style="color:red !important"/><g style="color:red !important"/><g style="fill:none"/></svg>';
    const out = hoistRepeatedStyles(raw, 'd');
    assert.equal(out, '<svg id="d" style="max-width:1px"><style>#d{fill:#333;}#d#d .td-s0{color:red !important}</style><g class="a td-s0"/><g class="td-s0"/><g style="fill:none"/></svg>');
    assert.deepEqual([...classNamesIn(out)].sort(), ['a', 'td-s0']);
  });
});

describe('simplifyPathData', () => {
  it('turns straight cubics into lines and drops repeated and empty strokes', () => {
    // rough.js at roughness 0: each edge a cubic with control points on it, drawn twice.
    const d = 'M0 0 C3 0, 6 0, 10 0 M0 0 C2 0, 7 0, 10 0 M10 0 C10 0, 10 0, 10 0 M10 0 C10 3, 10 6, 10 10';
    assert.equal(simplifyPathData(d), 'M0 0L10 0M10 0L10 10');
  });

  it('keeps real curves, and data it does not understand', () => {
    assert.equal(simplifyPathData('M0 0 C0 10, 10 10, 10 0'), 'M0 0C0 10,10 10,10 0');
    assert.equal(simplifyPathData('M0,0 C5,0 15,0 10,0'), 'M0 0C5 0,15 0,10 0', 'a control point beyond the end overshoots: not a plain line');
    assert.equal(simplifyPathData('M0 0 A5 5 0 0 1 10 0'), 'M0 0 A5 5 0 0 1 10 0');
    assert.equal(simplifyPathData('m0 0 l10 0'), 'm0 0 l10 0');
  });
});

describe('renderIdFor', () => {
  it('derives valid, distinct ids from diagram names', () => {
    const a = renderIdFor('shop/overview');
    assert.match(a, /^mmd-[0-9a-f]{8}$/);
    assert.equal(renderIdFor('shop/overview'), a, 'stable');
    assert.notEqual(renderIdFor('blog/overview'), a);
    assert.notEqual(renderIdFor('shop-overview'), a);
  });
});

describe('parserLineOrigins', () => {
  it('maps Mermaid parser lines back to source lines', () => {
    assert.deepEqual(parserLineOrigins('flowchart LR\n  A --> B\n'), [1, 2, 3]);
    assert.deepEqual(parserLineOrigins('---\ntitle: x\n---\nflowchart LR\n  A --> B'), [4, 5]);
    assert.deepEqual(parserLineOrigins('\n\n%% note\nflowchart LR\n  %% inner\n  A --> B'), [4, 6]);
    assert.deepEqual(parserLineOrigins('%%{\n init: {}\n}%%\nflowchart LR\n  A --> B'), [4, 5]);
    assert.deepEqual(parserLineOrigins('flowchart LR\r\n%%{init: {}}%%\r\n  A --> B'), [1, 2, 3]);
  });
});
