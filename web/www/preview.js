// The live preview: the PDF the module rendered, drawn page by page with pdf.js (its worker is
// served from the site itself). Pages are laid out at once with their sizes; a page is drawn
// when it scrolls into view, so a long document costs only the pages one sees.

import * as pdfjs from 'pdfjs-dist';

pdfjs.GlobalWorkerOptions.workerSrc = new URL('./pdf.worker.mjs', import.meta.url).href;

export class Preview {
  constructor(root) {
    this.root = root;
    this.doc = null;
    this.generation = 0;
    // One pdf.js worker for every preview: without it, each getDocument() starts a fresh
    // worker (1.2 MB of script to load) and the old document's destroy() ends it. A worker
    // passed in is not destroyed with the document.
    this.pdfWorker = new pdfjs.PDFWorker({ name: 'dorkarta-preview' });
    this.observer = new IntersectionObserver((entries) => this.onVisible(entries), {
      root,
      rootMargin: '200px',
    });
  }

  /** Shows `bytes` (a PDF) in place of the current pages; resolves once visible pages are drawn. */
  async show(bytes) {
    const task = pdfjs.getDocument({
      data: bytes,
      worker: this.pdfWorker,
      isEvalSupported: false,
      // Our PDFs embed their fonts; nothing is to be fetched for them.
      useSystemFonts: false,
      disableFontFace: false,
      stopAtErrors: false,
    });
    const doc = await task.promise;
    // All pages asked of pdf.js's worker at once, not one round trip after another.
    const pages = await Promise.all(Array.from({ length: doc.numPages }, (_, i) => doc.getPage(i + 1)));
    const width = this.root.clientWidth - 32;
    const list = document.createElement('div');
    list.className = 'pages';
    const slots = pages.map((page, i) => {
      const base = page.getViewport({ scale: 1 });
      const scale = Math.max(0.2, width / base.width);
      const viewport = page.getViewport({ scale });
      const slot = document.createElement('div');
      slot.className = 'page';
      slot.dataset.page = String(i + 1);
      slot.style.width = `${Math.floor(viewport.width)}px`;
      slot.style.height = `${Math.floor(viewport.height)}px`;
      slot.setAttribute('aria-label', `Страница ${i + 1} из ${pages.length}`);
      slot.pdfPage = page;
      slot.viewport = viewport;
      list.append(slot);
      return slot;
    });
    const scroll = this.root.scrollTop;
    const old = this.root.querySelector('.pages');
    this.observer.disconnect();
    if (old) old.replaceWith(list);
    else this.root.append(list);
    this.root.scrollTop = scroll;
    // Draw what is in view now, before saying the preview is fresh.
    const top = this.root.scrollTop;
    const bottom = top + this.root.clientHeight;
    await Promise.all(
      slots
        .filter((s) => s.offsetTop < bottom && s.offsetTop + s.offsetHeight > top)
        .map((s) => this.draw(s)),
    );
    for (const s of slots) this.observer.observe(s);
    if (this.doc) this.doc.destroy();
    this.doc = doc;
    this.generation++;
    this.root.dataset.pages = String(doc.numPages);
    this.root.dataset.generation = String(this.generation);
    return doc.numPages;
  }

  onVisible(entries) {
    for (const e of entries) if (e.isIntersecting) this.draw(e.target);
  }

  async draw(slot) {
    if (slot.drawn) return slot.drawn;
    const ratio = window.devicePixelRatio || 1;
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(slot.viewport.width * ratio);
    canvas.height = Math.floor(slot.viewport.height * ratio);
    canvas.style.width = '100%';
    canvas.style.height = '100%';
    slot.drawn = slot.pdfPage
      .render({
        canvas,
        canvasContext: canvas.getContext('2d'),
        viewport: slot.viewport,
        transform: ratio === 1 ? null : [ratio, 0, 0, ratio, 0, 0],
      })
      .promise.then(() => {
        slot.append(canvas);
        slot.dataset.drawn = 'true';
      })
      .catch(() => {
        // A page dropped by a newer preview before it was drawn.
      });
    return slot.drawn;
  }
}
