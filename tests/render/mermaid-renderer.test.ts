import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { configChangesStyles, diagramKeyword, poolOrder, openMermaidRenderer, parseMermaid, renderIdFor, renderMermaid } from '../../src/render/mermaid-renderer.ts';
import type { MermaidDiagram, MermaidRenderer, RenderOutcome } from '../../src/render/mermaid-renderer.ts';

const FLOWCHART = `flowchart LR
  subgraph edge[edge network]
    traefik[Traefik]
  end
  internet((Internet)) -->|https :443| traefik
  traefik -->|"Host('shop.example.com')"| web[storefront<br/>nginx :80]
  web --> db[(postgres 16)]
  classDef store fill:#e8f1ff,stroke:#4a74b5,color:#1b2b44
  class db store
  click web href "https://docs.example.com/shop/web" "storefront docs"
`;

const SEQUENCE = `sequenceDiagram
  accTitle: Shop request flow
  accDescr: A browser request through Traefik to the storefront.
  participant B as Browser
  participant T as Traefik
  participant W as storefront
  B->>T: GET / (TLS)
  T->>W: GET / :80
  alt cached
    W-->>B: 304 Not Modified
  else fresh
    W-->>B: 200 OK
  end
`;

function svgOf(outcome: RenderOutcome | undefined): string {
  assert.ok(outcome, 'an outcome');
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.diagnostic.message);
  return outcome.svg;
}

function assertCleanSvg(svg: string): void {
  assert.ok(svg.startsWith('<svg '), 'starts with the root element');
  assert.doesNotMatch(svg, /@font-face/i);
  assert.doesNotMatch(svg, /data:font|data:application\/(x-)?font/i);
  assert.doesNotMatch(svg, /@import/i);
  assert.ok(Buffer.byteLength(svg) < 80 * 1024, `${Buffer.byteLength(svg)} bytes`);
}

function ids(svg: string): string[] {
  return [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? '');
}

describe('configChangesStyles', () => {
  const withMatter = (matter: string): string => `---\n${matter}---\nflowchart LR\n  a --> b\n`;

  it('is false without config, or with config that only changes layout', () => {
    assert.equal(configChangesStyles('flowchart LR\n  a --> b\n'), false);
    assert.equal(configChangesStyles(withMatter('title: Shop\n')), false);
    assert.equal(configChangesStyles(withMatter('config:\n  flowchart:\n    wrappingWidth: 300\n    curve: basis\n  layout: dagre\n')), false);
  });

  it('is true for config that changes the stylesheet, at any depth and in flow style', () => {
    assert.equal(configChangesStyles(withMatter('config:\n  theme: forest\n')), true);
    assert.equal(configChangesStyles(withMatter('config:\n  themeVariables:\n    primaryColor: "#f00"\n')), true);
    assert.equal(configChangesStyles(withMatter('config:\n  flowchart:\n    htmlLabels: false\n')), true);
    assert.equal(configChangesStyles(withMatter('config: {look: handDrawn}\n')), true);
    assert.equal(configChangesStyles(withMatter('config:\n  fontFamily: serif\n')), true);
  });

  it('is true for directives and for config it cannot read', () => {
    assert.equal(configChangesStyles("%%{init: {'flowchart': {'curve': 'basis'}}}%%\nflowchart LR\n  a --> b\n"), true);
    assert.equal(configChangesStyles(withMatter('config: [unclosed\n')), true);
    assert.equal(configChangesStyles(withMatter('config: plain text\n')), true);
  });
});

describe('mermaid renderer', () => {
  let renderer: MermaidRenderer;
  let flow = '';
  let seq = '';

  before(async () => {
    renderer = openMermaidRenderer({ pages: 2 });
    const [f, s] = await renderer.render([
      { name: 'shop/overview', source: FLOWCHART, title: 'Shop overview', description: 'How requests reach the shop.' },
      { name: 'shop/request-flow', source: SEQUENCE, title: 'ignored: the source has accTitle' },
    ]);
    flow = svgOf(f);
    seq = svgOf(s);
  });
  after(() => renderer.close());

  it('renders a flowchart with its labels, accessible text and a clean, small SVG', () => {
    assertCleanSvg(flow);
    for (const label of ['Traefik', 'Internet', 'storefront', 'postgres 16', 'edge network', 'https :443']) assert.ok(flow.includes(label), label);
    const id = renderIdFor('shop/overview');
    assert.ok(flow.startsWith(`<svg id="${id}" `));
    assert.match(flow, new RegExp(`^<svg [^>]*aria-labelledby="chart-title-${id}"`));
    assert.ok(flow.includes(`<title id="chart-title-${id}">Shop overview</title><desc id="chart-desc-${id}">How requests reach the shop.</desc>`));
    assert.match(flow, /<br\s*\/>/, 'HTML labels are serialised as XML');
  });

  it('keeps clickable nodes as links', () => {
    assert.match(flow, /<a [^>]*xlink:href="https:\/\/docs\.example\.com\/shop\/web"/);
    assert.match(flow, /xmlns:xlink="http:\/\/www\.w3\.org\/1999\/xlink"/);
  });

  it('renders a sequence diagram with accTitle/accDescr from the source', () => {
    assertCleanSvg(seq);
    for (const label of ['Browser', 'Traefik', 'storefront', 'GET / (TLS)', '304 Not Modified', 'cached']) assert.ok(seq.includes(label), label);
    assert.match(seq, /<title id="chart-title-[^"]+">Shop request flow<\/title><desc id="chart-desc-[^"]+">A browser request through Traefik to the storefront\.<\/desc>/);
    assert.doesNotMatch(seq, /ignored: the source has accTitle/);
  });

  it('makes one SVG follow the colour scheme and Starlight’s data-theme', () => {
    for (const svg of [flow, seq]) {
      assert.match(svg, /fill:var\(--td-\d+\)/);
      assert.match(svg, /@media \(prefers-color-scheme:dark\)\{#mmd-[\w-]+\{--td-0:/);
      assert.match(svg, /\[data-theme="dark"\] #mmd-[\w-]+\{--td-0:/);
      assert.match(svg, /\[data-theme="light"\] #mmd-[\w-]+\{--td-0:/);
    }
    // The diagram's own classDef colours are not themed.
    assert.match(flow, /fill:#e8f1ff/);
  });

  it('sizes the SVG for <img> and lets it shrink inline', () => {
    assert.match(flow, /^<svg [^>]*width="\d+(\.\d+)?"/);
    assert.match(flow, /^<svg [^>]*height="\d+(\.\d+)?"/);
    assert.match(flow, /^<svg [^>]*style="max-width:100%;height:auto"/);
  });

  it('gives every element id a diagram-specific prefix, so diagrams can share a page', () => {
    for (const [svg, renderId] of [[flow, renderIdFor('shop/overview')], [seq, renderIdFor('shop/request-flow')]] as const) {
      for (const id of ids(svg)) assert.ok(id === renderId || id.startsWith(`${renderId}-`) || id.startsWith(`${renderId}_`) || id.endsWith(`-${renderId}`), id);
    }
    const shared = ids(flow).filter((id) => ids(seq).includes(id));
    assert.deepEqual(shared, []);
  });

  it('renders byte-identical SVG regardless of what the page rendered before', async () => {
    const other = openMermaidRenderer({ pages: 1 });
    try {
      // Different order and history: the sequence diagram first, after another sequence diagram.
      const [, s, f] = await other.render([
        { name: 'warm-up', source: 'sequenceDiagram\n  participant X\n  participant Y\n  X->>Y: hi\n' },
        { name: 'shop/request-flow', source: SEQUENCE, title: 'ignored: the source has accTitle' },
        { name: 'shop/overview', source: FLOWCHART, title: 'Shop overview', description: 'How requests reach the shop.' },
      ]);
      assert.equal(svgOf(s), seq);
      assert.equal(svgOf(f), flow);
    } finally {
      await other.close();
    }
  });

  it('learns dark colours from a probe exactly as from the diagram itself', async () => {
    const exact = openMermaidRenderer({ pages: 1, exactDarkStyles: true });
    try {
      const [f, s] = await exact.render([
        { name: 'shop/overview', source: FLOWCHART, title: 'Shop overview', description: 'How requests reach the shop.' },
        { name: 'shop/request-flow', source: SEQUENCE, title: 'ignored: the source has accTitle' },
      ]);
      assert.equal(svgOf(f), flow);
      assert.equal(svgOf(s), seq);
    } finally {
      await exact.close();
    }
  });

  it('learns dark colours from the probe when front-matter config only changes layout, and from the diagram when it changes the theme', async () => {
    const layoutOnly = `---\ntitle: Shop\nconfig:\n  flowchart:\n    wrappingWidth: 300\n---\n${FLOWCHART}`;
    const themed = `---\nconfig:\n  theme: forest\n---\n${FLOWCHART}`;
    const diagrams = [
      { name: 'shop/layout-only', source: layoutOnly },
      { name: 'shop/themed', source: themed },
    ];
    const exact = openMermaidRenderer({ pages: 1, exactDarkStyles: true });
    try {
      const [probedLayout, probedThemed] = await renderer.render(diagrams);
      const [exactLayout, exactThemed] = await exact.render(diagrams);
      assert.equal(svgOf(probedLayout), svgOf(exactLayout));
      assert.equal(svgOf(probedThemed), svgOf(exactThemed));
      // A diagram that pins its theme keeps it in the dark too.
      assert.match(svgOf(probedLayout), /\[data-theme="dark"\]/);
      assert.doesNotMatch(svgOf(probedThemed), /\[data-theme="dark"\]/);
    } finally {
      await exact.close();
    }
  });

  it('returns outcomes in the order asked, though pages take the diagrams grouped by kind', async () => {
    const kinds = ['sequence', 'flowchart', 'sequence', 'flowchart', 'flowchart', 'sequence', 'flowchart'];
    const diagrams = kinds.map((kind, i) => ({
      name: `order/${i}`,
      source: kind === 'sequence' ? `sequenceDiagram\n  participant p${i} as seq ${i}\n  p${i}->>p${i}: hi\n` : `flowchart LR\n  n${i}[flow ${i}] --> m${i}\n`,
    }));
    const outcomes = await renderer.render(diagrams);
    assert.deepEqual(
      outcomes.map((o) => o.name),
      diagrams.map((d) => d.name),
    );
    outcomes.forEach((outcome, i) => {
      const svg = svgOf(outcome);
      assert.ok(svg.includes(`${kinds[i] === 'sequence' ? 'seq' : 'flow'} ${i}<`), `${outcome.name} holds its own label`);
      assert.match(svg, kinds[i] === 'sequence' ? /aria-roledescription="sequence"/ : /aria-roledescription="flowchart-v2"/);
    });
  });

  it('reports a broken source with its line, and still renders the others', async () => {
    const diagrams: MermaidDiagram[] = [
      { name: 'ok', source: 'flowchart LR\n  a --> b\n' },
      { name: 'broken', file: 'diagrams/shop/broken.mmd', source: '---\ntitle: Broken\n---\nflowchart LR\n  a --> b\n  b --> --> c\n' },
    ];
    const [ok, broken] = await renderer.render(diagrams);
    assert.ok(ok?.ok);
    assert.ok(broken && !broken.ok);
    assert.equal(broken.diagnostic.rule, 'mermaid/syntax');
    assert.deepEqual(broken.diagnostic.loc, { file: 'diagrams/shop/broken.mmd', line: 6, column: 4 });
    assert.match(broken.diagnostic.message, /^diagrams\/shop\/broken\.mmd: Parse error on line 6:/);
  });

  it('renders with securityLevel strict: no scripts, no javascript: links', async () => {
    const [outcome] = await renderer.render([
      {
        name: 'xss',
        source: 'flowchart LR\n  a["<script>alert(1)</script>"] --> b["<img src=x onerror=alert(2)>"]\n  click b href "javascript:alert(3)"\n',
      },
    ]);
    const svg = svgOf(outcome);
    assert.doesNotMatch(svg, /<script/i);
    assert.doesNotMatch(svg, /onerror/i);
    assert.doesNotMatch(svg, /javascript:/i);
  });
});

describe('diagramKeyword', () => {
  it('reads the declaration after front matter, comments and directives', () => {
    assert.equal(diagramKeyword('flowchart LR\n  a --> b\n'), 'flowchart');
    assert.equal(diagramKeyword('---\ntitle: x\n---\n%% a comment\n\n%%{init: {"theme": "dark"}}%%\nsequenceDiagram\n  a->>b: hi\n'), 'sequenceDiagram');
    assert.equal(diagramKeyword('\r\n  graph TD\r\n'), 'graph');
    assert.equal(diagramKeyword('%% only a comment\n'), '');
  });
});

describe('poolOrder', () => {
  it('groups by kind and puts the biggest items at both ends of the list', () => {
    const items = [
      { kind: 'sequenceDiagram', size: 5 },
      { kind: 'flowchart', size: 1 },
      { kind: 'sequenceDiagram', size: 9 },
      { kind: 'flowchart', size: 7 },
      { kind: 'flowchart', size: 3 },
      { kind: 'sequenceDiagram', size: 2 },
    ];
    // Flowcharts (taken from the front) biggest first; sequence diagrams (from the back) biggest last.
    assert.deepEqual(poolOrder(items), [3, 4, 1, 5, 0, 2]);
    assert.deepEqual(poolOrder([]), []);
    assert.deepEqual(poolOrder([{ kind: 'graph', size: 1 }, { kind: 'graph', size: 1 }]), [0, 1], 'ties keep the input order');
  });
});

describe('parseMermaid', () => {
  it('reports per source whether it parses, with the line of each error', async () => {
    const results = await parseMermaid([
      'flowchart LR\n  a --> b\n',
      { name: 'seq', source: SEQUENCE },
      { name: 'bad-seq', file: 'diagrams/x/bad-seq.mmd', source: '%% generated by topodoc\nsequenceDiagram\n  A->>B: hi\n  A-x\n' },
      { name: 'unknown', source: '\n%% a comment\nflowchar LR\n  a --> b\n' },
    ]);
    assert.deepEqual(results[0], { name: 'source 1', ok: true, diagramType: 'flowchart-v2' });
    assert.deepEqual(results[1], { name: 'seq', ok: true, diagramType: 'sequence' });
    const bad = results[2];
    assert.ok(bad && !bad.ok);
    assert.equal(bad.diagnostic.loc?.line, 4);
    assert.match(bad.diagnostic.message, /line 4/);
    const unknown = results[3];
    assert.ok(unknown && !unknown.ok);
    assert.equal(unknown.diagnostic.loc?.line, 3);
    assert.match(unknown.diagnostic.message, /line 3: No diagram type detected/);
  });
});

describe('renderMermaid', () => {
  it('uses the injected launcher once for many diagrams, and can render one fixed theme', async () => {
    let launches = 0;
    const { launchChromium } = await import('../../src/render/chromium.ts');
    const outcomes = await renderMermaid(
      [1, 2, 3].map((i) => ({ name: `d${i}`, source: `flowchart TB\n  a${i}[node ${i}] --> b${i}\n` })),
      {
        launch: () => {
          launches++;
          return launchChromium();
        },
        colorScheme: 'dark',
      },
    );
    assert.equal(launches, 1);
    assert.deepEqual(outcomes.map((o) => o.ok && o.svg.includes(`node ${o.name.slice(1)}`)), [true, true, true]);
    const svg = svgOf(outcomes[0]);
    assert.match(svg, /\.node rect[^{]*\{fill:#1f2020;/, 'Mermaid dark theme colours, literally');
    assert.doesNotMatch(svg, /var\(--td-|prefers-color-scheme|data-theme/);
  });
});
