import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asciiFigureHtml, diagramFigureHtml, svgSize, svgWithBase } from '../../src/site/diagram-html.ts';
import type { DiagramBlock } from '../../src/site/page-model.ts';

const SVG =
  '<svg id="mmd-1" width="2150.85" xmlns="http://www.w3.org/2000/svg" style="max-width:100%;height:auto" viewBox="0 0 2150.85 1721.79" role="graphics-document document" aria-labelledby="chart-title-mmd-1" aria-describedby="chart-desc-mmd-1" height="1721.79">' +
  '<title id="chart-title-mmd-1">Shop: architecture</title><desc id="chart-desc-mmd-1">How traffic reaches the shop.</desc>' +
  '<a xlink:href="/systems/shop/services/api/"><rect/></a><a href="/systems/shop/services/db/"/><a xlink:href="https://example.com/"/><use href="#marker"/><a href="//cdn.example.com/x"/></svg>';

const block = (eager: boolean): DiagramBlock => ({ type: 'diagram', systemId: 'shop', name: 'architecture', title: 'Shop: "architecture" <1>', description: 'How traffic reaches the shop.', eager });

describe('diagram HTML', () => {
  it('adds the base path to links inside an SVG and nothing else', () => {
    const out = svgWithBase(SVG, '/docs');
    assert.match(out, /xlink:href="\/docs\/systems\/shop\/services\/api\/"/);
    assert.match(out, / href="\/docs\/systems\/shop\/services\/db\/"/);
    assert.match(out, /xlink:href="https:\/\/example\.com\/"/);
    assert.match(out, /href="#marker"/);
    assert.match(out, /href="\/\/cdn\.example\.com\/x"/);
    assert.equal(svgWithBase(SVG, '/'), SVG);
  });

  it('reads the drawn size from the viewBox', () => {
    assert.deepEqual(svgSize(SVG), { width: 2151, height: 1722 });
    assert.deepEqual(svgSize('<svg width="10" height="20"/>'), { width: 10, height: 20 });
    assert.equal(svgSize('<p>no svg</p>'), undefined);
  });

  it('inlines the main diagram, keeping its accessible title and description, and offers the file', () => {
    const html = diagramFigureHtml(block(true), { base: '/docs', src: '/docs/diagrams/shop/architecture.svg', svg: SVG, downloadName: 'shop-architecture.svg' });
    assert.match(html, /^<figure class="td-diagram" data-pagefind-ignore>/);
    assert.match(html, /<svg id="mmd-1" xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 2150\.85 1721\.79" role="graphics-document document" aria-labelledby="chart-title-mmd-1" aria-describedby="chart-desc-mmd-1">/, 'fixed size and inline style dropped, accessibility kept');
    assert.match(html, /<title id="chart-title-mmd-1">Shop: architecture<\/title>/);
    assert.match(html, /xlink:href="\/docs\/systems\/shop\/services\/api\/"/);
    assert.match(html, /<a href="\/docs\/diagrams\/shop\/architecture\.svg" target="_blank" rel="noopener">Open full size<\/a>/);
    assert.match(html, /download="shop-architecture\.svg">Download SVG<\/a>/);
    assert.match(html, /Shop: &quot;architecture&quot; &lt;1&gt;/, 'the title is escaped');
    assert.match(html, /--td-w:2151;--td-h:1722/);
  });

  it('starts other diagrams as a sized, lazy image with alt text, to be inlined when scrolled to', () => {
    const html = diagramFigureHtml(block(false), { base: '/', src: '/diagrams/shop/architecture.svg', svg: SVG, downloadName: 'x.svg' });
    assert.match(html, /data-svg-src="\/diagrams\/shop\/architecture\.svg"/);
    assert.match(html, /<img src="\/diagrams\/shop\/architecture\.svg" alt="Shop: &quot;architecture&quot; &lt;1&gt;" loading="lazy" decoding="async" width="2151" height="1722">/);
    assert.doesNotMatch(html, /<svg/);
  });

  it('says how to render a diagram that has not been rendered', () => {
    assert.match(diagramFigureHtml(block(true), { base: '/', src: '/x.svg', svg: undefined, downloadName: 'x.svg' }), /npx topodoc render/);
  });

  it('shows text diagrams escaped, with a copy button and the plain version folded', () => {
    const html = asciiFigureHtml({ type: 'ascii', name: 'ascii-system', title: 'System', description: 'd', content: '┌─<a>─┐\n└─&──┘\n\n', plain: '+-<a>-+\n' });
    assert.match(html, /<pre class="td-ascii__text" tabindex="0" aria-label="System \(text diagram\)">┌─&lt;a&gt;─┐\n└─&amp;──┘<\/pre>/);
    assert.equal(html.match(/class="td-copy"/g)?.length, 2);
    assert.match(html, /<details class="td-ascii__plain"><summary>Plain ASCII version<\/summary>/);
    assert.match(html, /\+-&lt;a&gt;-\+/);
  });
});
