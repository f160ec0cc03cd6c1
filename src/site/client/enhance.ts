/**
 * The only script topodoc adds to its pages (a few hundred bytes): copy buttons on text diagrams,
 * diagrams inlined when scrolled to (so they follow the theme toggle and their nodes link), wide
 * diagrams scrolled to their first node, and an actual-size toggle for wide diagrams. Everything works without it, only less well.
 */

function setupCopyButtons(root: ParentNode): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button.td-copy')) {
    const pre = button.parentElement?.querySelector('pre');
    if (!pre) continue;
    button.hidden = false;
    button.addEventListener('click', async () => {
      const text = pre.textContent ?? '';
      let ok = false;
      try {
        await navigator.clipboard.writeText(text);
        ok = true;
      } catch {
        // Clipboard API refused (insecure origin, permissions): select the text for Ctrl+C instead.
        const range = document.createRange();
        range.selectNodeContents(pre);
        const selection = getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
      }
      button.textContent = ok ? 'Copied' : 'Selected — press Ctrl+C';
      button.dataset['state'] = ok ? 'copied' : 'selected';
      setTimeout(() => {
        button.textContent = 'Copy';
        delete button.dataset['state'];
      }, 1800);
    });
  }
}

/**
 * A diagram wider than its canvas opens scrolled to its first node instead of its left edge: an
 * architecture diagram starts at the Internet, drawn at the top centre. Diagrams whose first
 * node is already in view (sequence diagrams, left-to-right flows) stay where they are.
 */
function scrollToFirstNode(scroller: Element): void {
  if (scroller.scrollWidth <= scroller.clientWidth) return;
  const node = scroller.querySelector('svg g.node');
  if (!node) return;
  const box = node.getBoundingClientRect();
  const centre = box.left - scroller.getBoundingClientRect().left + scroller.scrollLeft + box.width / 2;
  scroller.scrollLeft = Math.max(0, centre - scroller.clientWidth / 2);
}

/** The SVG element of a fetched diagram, or undefined when the text is not a well-formed SVG. */
function parseSvg(text: string): SVGSVGElement | undefined {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const svg = doc.documentElement;
  if (doc.querySelector('parsererror') || svg.nodeName !== 'svg') return undefined;
  for (const attr of ['width', 'height', 'style']) svg.removeAttribute(attr);
  return document.importNode(svg, true) as unknown as SVGSVGElement;
}

async function inlineDiagram(figure: HTMLElement): Promise<void> {
  const src = figure.dataset['svgSrc'];
  const img = figure.querySelector('img');
  if (!src || !img) return;
  try {
    const response = await fetch(src);
    if (!response.ok) return;
    const svg = parseSvg(await response.text());
    if (svg) {
      img.replaceWith(svg);
      figure.dataset['inlined'] = '';
      const canvas = figure.querySelector('.td-diagram__canvas');
      if (canvas) scrollToFirstNode(canvas);
    }
  } catch {
    // Offline or blocked: the <img> stays, which still shows the diagram.
  }
}

function setupLazyDiagrams(root: ParentNode): void {
  const figures = [...root.querySelectorAll<HTMLElement>('figure.td-diagram[data-svg-src]')];
  if (figures.length === 0) return;
  if (!('IntersectionObserver' in window)) {
    for (const f of figures) void inlineDiagram(f);
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        void inlineDiagram(entry.target as HTMLElement);
      }
    },
    { rootMargin: '400px 0px' },
  );
  for (const f of figures) observer.observe(f);
}

/** Shows a diagram at the size it was drawn in a dialog (Esc or the button closes it). */
function openLightbox(figure: HTMLElement): void {
  const canvas = figure.querySelector<HTMLElement>('.td-diagram__canvas');
  const picture = canvas?.querySelector('svg, img');
  if (!canvas || !picture) return;
  const dialog = document.createElement('dialog');
  dialog.className = 'td-lightbox';
  dialog.setAttribute('aria-label', figure.querySelector('.td-diagram__title')?.textContent ?? 'Diagram');
  const bar = document.createElement('div');
  bar.className = 'td-lightbox__bar';
  const title = document.createElement('span');
  title.textContent = dialog.getAttribute('aria-label');
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'td-zoom';
  close.textContent = 'Close';
  close.addEventListener('click', () => dialog.close());
  bar.append(title, close);
  const body = document.createElement('div');
  body.className = 'td-lightbox__body';
  body.setAttribute('style', canvas.getAttribute('style') ?? '');
  body.append(picture.cloneNode(true));
  dialog.append(bar, body);
  dialog.addEventListener('close', () => dialog.remove());
  // A click on the backdrop (outside the dialog box) closes it too.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  document.body.append(dialog);
  dialog.showModal();
  scrollToFirstNode(body);
  close.focus();
}

function setupZoom(root: ParentNode): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('figure.td-diagram button.td-zoom')) {
    const figure = button.closest<HTMLElement>('figure');
    if (!figure) continue;
    button.hidden = false;
    const enlarge = async () => {
      if (figure.dataset['svgSrc'] !== undefined && figure.dataset['inlined'] === undefined) await inlineDiagram(figure);
      openLightbox(figure);
    };
    button.addEventListener('click', enlarge);
    // A click on the diagram itself enlarges it too, unless it lands on a node that links somewhere.
    const canvas = figure.querySelector<HTMLElement>('.td-diagram__canvas');
    canvas?.classList.add('td-diagram__canvas--zoomable');
    canvas?.addEventListener('click', (event) => {
      if (!(event.target instanceof Element) || event.target.closest('a')) return;
      void enlarge();
    });
  }
}

setupCopyButtons(document);
setupLazyDiagrams(document);
setupZoom(document);
for (const canvas of document.querySelectorAll('figure.td-diagram .td-diagram__canvas')) scrollToFirstNode(canvas);
