// The page: wires the editor, the preview, the buttons and the Worker lanes together, and
// exposes `window.dorkarta` for scripts and tests.

import { Lane, EngineError } from './engine.js';
import { createEditor, offsetOf, appendHints } from './editor.js';
import { Preview } from './preview.js';
import { EditorSelection } from '@codemirror/state';

/** Time limits of one call, in ms (a batch: of each row). Past them the Worker is stopped. */
const limits = { check: 20000, render: 60000, batchRow: 60000, import: 60000 };
/** The pause in typing after which the preview is rendered again, in ms. */
const PREVIEW_DELAY = 60;
const DRAFT_KEY = 'dorkarta:draft';

const $ = (id) => document.getElementById(id);
const statusBox = $('status');

function say(text, kind = 'info') {
  statusBox.textContent = text;
  statusBox.dataset.kind = kind;
}

let ready = false;

function onLaneFailure(error) {
  // A crash or timeout: the lane already dropped its Worker; the next call starts a fresh one.
  // Before the module is ready, start() says what went wrong instead.
  if (ready) say(`${capital(error.message)}`, 'error');
}

const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);

const lanes = {
  check: new Lane('check', { onRestart: onLaneFailure }),
  render: new Lane('render', { onRestart: onLaneFailure }),
};

let schema = null;
let samples = [];
let starter = '';
let docName = 'новая-карта.yaml';

// ---- the editor and the diagnostics list ----

const diagBox = $('diagnostics');

function showDiagnostics(list, doc) {
  diagBox.replaceChildren();
  const errors = list.filter((d) => d.severity === 'error').length;
  const warnings = list.length - errors;
  const head = document.createElement('div');
  head.className = 'diag-head';
  head.textContent =
    list.length === 0
      ? 'Ошибок нет.'
      : `Ошибок: ${errors}, предупреждений: ${warnings}. Наведите указатель на подчёркнутое или нажмите на строку ниже.`;
  diagBox.dataset.errors = String(errors);
  diagBox.dataset.warnings = String(warnings);
  diagBox.append(head);
  for (const d of list) {
    const item = document.createElement('button');
    item.className = `diag ${d.severity}`;
    item.dataset.line = String(d.line);
    item.dataset.column = String(d.column);
    const where = [
      d.file ? d.file : null,
      d.line ? `строка ${d.line}` : null,
      d.column ? `столбец ${d.column}` : null,
    ].filter(Boolean);
    const kind = d.severity === 'error' ? 'ошибка' : 'предупреждение';
    const title = document.createElement('div');
    title.textContent = `${where.join(', ')}${where.length ? ': ' : ''}${kind}: ${d.path ? d.path + ': ' : ''}${d.message}`;
    item.append(title);
    appendHints(item, d.hints);
    if (!d.file && d.line) {
      item.onclick = () => {
        const at = offsetOf(editor.view.state.doc, d.line, d.column || 1);
        editor.view.dispatch({ selection: EditorSelection.cursor(at), scrollIntoView: true });
        editor.view.focus();
      };
    }
    diagBox.append(item);
  }
}

/** Until the editor's check of a newly opened text runs (it waits for a pause in typing), the list
 * says so rather than keep the last file's messages, which would name lines of another text. */
function showChecking() {
  diagBox.replaceChildren();
  delete diagBox.dataset.errors;
  delete diagBox.dataset.warnings;
  const head = document.createElement('div');
  head.className = 'diag-head';
  head.textContent = 'Проверка…';
  diagBox.append(head);
}

async function lint(text) {
  if (!ready) return null;
  try {
    return await lanes.check.call('check', [text], { limitMs: limits.check });
  } catch (e) {
    showDiagnostics([], null);
    return null;
  }
}

const editor = createEditor($('editor'), {
  lint,
  onDiagnostics: showDiagnostics,
  onChange: (text) => {
    $('dirty').hidden = false;
    previewBox.dataset.state = 'pending';
    clearTimeout(draftTimer);
    draftTimer = setTimeout(() => saveDraft(editor.getText()), 1000);
    schedulePreview();
  },
  getSchema: () => schema,
});

let draftTimer = null;

/** Keeps the text in the browser's storage (on this computer), so a closed page gets it back. */
function saveDraft(text) {
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify({ name: docName, text }));
  } catch {
    // Storage full or disabled: the draft is simply not kept.
  }
}

function openText(name, text) {
  docName = name;
  $('doc-name').textContent = name;
  showChecking();
  editor.setText(text);
  $('dirty').hidden = true;
}

// ---- the preview ----

const preview = new Preview($('preview'));
const previewBox = $('preview');
let previewTimer = null;
let previewRunning = false;
let previewWanted = false;

function schedulePreview() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(refreshPreview, PREVIEW_DELAY);
}

async function refreshPreview() {
  if (previewRunning) {
    previewWanted = true;
    return;
  }
  previewRunning = true;
  previewWanted = false;
  const text = editor.getText();
  try {
    const started = performance.now();
    const pdf = await lanes.render.call('render', [text, 'pdf'], { limitMs: limits.render });
    const rendered = performance.now();
    if (!previewWanted) {
      const pages = await preview.show(pdf);
      // For the budget script: where the time of the last refresh went.
      previewBox.dataset.renderMs = (rendered - started).toFixed(1);
      previewBox.dataset.drawMs = (performance.now() - rendered).toFixed(1);
      // 'fresh': the pages shown are those of the text in the editor now.
      if (!previewWanted && editor.getText() === text) previewBox.dataset.state = 'fresh';
      $('preview-note').textContent = `(страниц: ${pages})`;
      if (statusBox.dataset.kind !== 'info') say('Готово.');
    }
  } catch (e) {
    previewBox.dataset.state = 'stale';
    if (e instanceof EngineError && e.kind === 'invalid') {
      $('preview-note').textContent = '— не обновлён: в исходнике ошибки (список под редактором)';
    } else {
      $('preview-note').textContent = '— не обновлён';
      say(capital(e.message), 'error');
    }
  } finally {
    previewRunning = false;
    if (previewWanted) refreshPreview();
  }
}

// ---- files in and out ----

const stem = () => docName.replace(/\.(ya?ml)$/i, '') || 'дорожная-карта';

function download(bytes, name, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

async function renderAndDownload(format) {
  say(`Формируется ${format.toUpperCase()}…`);
  try {
    const bytes = await lanes.render.call('render', [editor.getText(), format], { limitMs: limits.render });
    download(bytes, `${stem()}.${format}`, TYPES[format]);
    say(`Сформирован ${stem()}.${format}.`);
  } catch (e) {
    if (e instanceof EngineError && e.kind === 'invalid') {
      say(`${format.toUpperCase()} не сформирован: в исходнике ошибки (их список — под редактором).`, 'error');
      showDiagnostics(e.diagnostics);
    } else say(capital(e.message), 'error');
  }
}

async function readFile(file) {
  return new Uint8Array(await file.arrayBuffer());
}

/** Word and Excel files: brought in by the module's import (`dorkarta import`), not opened as text. */
const OFFICE = /\.(docx|docm|xlsx|xlsm|doc|xls)$/i;

async function importFile(file) {
  say(`Импортируется ${file.name}…`);
  try {
    const { source, warnings } = await lanes.check.call('import', [file.name, await readFile(file)], {
      limitMs: limits.import,
    });
    openText(file.name.replace(OFFICE, '.yaml'), source);
    $('dirty').hidden = false;
    say(
      warnings.length
        ? `Импортирован ${file.name}. Замечаний: ${warnings.length} — они в тексте, в комментариях «# import:»; проверьте эти места.`
        : `Импортирован ${file.name}. Проверьте текст и сохраните исходник.`,
    );
  } catch (e) {
    if (e instanceof EngineError && e.kind === 'invalid') {
      const first = e.diagnostics[0];
      const hints = first?.hints?.length ? ` (${first.hints.join('; ')})` : '';
      say(`«${file.name}» не импортирован: ${first ? first.message : 'неизвестная ошибка'}${hints}.`, 'error');
    } else say(capital(e.message), 'error');
  }
}

async function openFile(file) {
  if (OFFICE.test(file.name)) return importFile(file);
  if (!/\.ya?ml$/i.test(file.name)) {
    say(`«${file.name}» — не файл YAML, Word или Excel: откройте файл .yaml, .docx или .xlsx.`, 'error');
    return;
  }
  try {
    // Fatal decoding: a file that is not UTF-8 is refused, not silently garbled.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(await readFile(file));
    openText(file.name, text);
    say(`Открыт ${file.name}.`);
  } catch {
    say(`«${file.name}» не в кодировке UTF-8: сохраните его в UTF-8 и откройте снова.`, 'error');
  }
}

$('new').onclick = () => {
  openText('новая-карта.yaml', starter);
  say('Создана новая дорожная карта из заготовки: заполните поля, пояснения — в комментариях (#).');
};
$('open').onclick = () => $('open-file').click();
$('open-file').onchange = (e) => {
  if (e.target.files[0]) openFile(e.target.files[0]);
  e.target.value = '';
};
$('save').onclick = () => {
  download(new TextEncoder().encode(editor.getText()), docName, 'application/yaml');
  $('dirty').hidden = true;
  say(`Исходник сохранён как ${docName}.`);
};
$('docx').onclick = () => renderAndDownload('docx');
$('pdf').onclick = () => renderAndDownload('pdf');

// Drag and drop of a .yaml anywhere on the page.
let dragDepth = 0;
window.addEventListener('dragenter', (e) => {
  if (![...e.dataTransfer.types].includes('Files')) return;
  dragDepth++;
  $('drop').hidden = false;
});
window.addEventListener('dragleave', () => {
  if (--dragDepth <= 0) {
    dragDepth = 0;
    $('drop').hidden = true;
  }
});
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => {
  e.preventDefault();
  dragDepth = 0;
  $('drop').hidden = true;
  const file = e.dataTransfer.files[0];
  if (file) openFile(file);
});

// The samples menu.
const samplesButton = $('samples');
const samplesList = $('samples-list');
function toggleSamples(open) {
  samplesList.hidden = !open;
  samplesButton.setAttribute('aria-expanded', String(open));
}
samplesButton.onclick = () => toggleSamples(samplesList.hidden);
document.addEventListener('click', (e) => {
  if (!e.target.closest('.menu')) toggleSamples(false);
});

/** A sample's caption: its leading comment up to the first colon (who issued the order). */
function caption(text) {
  const comment = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    if (!line.includes('yaml-language-server')) comment.push(line.replace(/^#\s*/, ''));
  }
  return comment.join(' ').trim().split(':')[0];
}

function fillSamples() {
  samplesList.replaceChildren(
    ...samples.map((s) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.role = 'menuitem';
      b.dataset.sample = s.name;
      b.innerHTML = '<span class="name"></span><span class="caption"></span>';
      b.querySelector('.name').textContent = s.name;
      b.querySelector('.caption').textContent = caption(s.text);
      b.onclick = () => {
        toggleSamples(false);
        openText(s.name, s.text);
        say(`Открыт образец ${s.name}.`);
      };
      li.append(b);
      return li;
    }),
  );
}

// ---- the municipality table ----

$('batch').onclick = () => $('batch-file').click();
$('batch-close').onclick = () => ($('batch-panel').hidden = true);
$('batch-file').onchange = async (e) => {
  const file = e.target.files[0];
  e.target.value = '';
  if (file) runBatch(file);
};

let batchRunning = false;
async function runBatch(file) {
  if (batchRunning) return;
  batchRunning = true;
  const panel = $('batch-panel');
  const bar = $('batch-progress');
  const stepBox = $('batch-step');
  const summaryBox = $('batch-summary');
  panel.hidden = false;
  panel.dataset.state = 'running';
  $('batch-table').textContent = `— ${stem()}.yaml × ${file.name}`;
  bar.removeAttribute('value');
  stepBox.textContent = 'Чтение таблицы…';
  summaryBox.textContent = '';
  const lane = new Lane('batch');
  try {
    const table = await readFile(file);
    const result = await lane.call('batch', [editor.getText(), table, file.name, docName], {
      limitMs: limits.batchRow,
      onProgress: ({ done, total, step }) => {
        bar.max = total;
        bar.value = done;
        stepBox.textContent = `Документ ${done} из ${total}: ${step.name} — ${step.ok ? 'готово' : 'ОШИБКА'}`;
      },
    });
    bar.max = 1;
    bar.value = 1;
    const zipName = `${stem()}-муниципалитеты.zip`;
    stepBox.textContent =
      result.total - result.failed.length > 0
        ? `Готово: архив ${zipName} скачан.`
        : 'Ни один документ не сформирован: архив не создан.';
    if (result.total - result.failed.length > 0) download(result.zip, zipName, 'application/zip');
    summaryBox.textContent = result.summary;
    panel.dataset.state = result.failed.length ? 'failed-rows' : 'done';
  } catch (e) {
    bar.max = 1;
    bar.value = 0;
    panel.dataset.state = 'error';
    if (e instanceof EngineError && e.kind === 'invalid') {
      stepBox.textContent = 'Документы не сформированы: ошибки в исходнике или в таблице.';
      summaryBox.textContent = e.diagnostics.map((d) => d.text || d.message).join('\n');
    } else {
      stepBox.textContent = capital(e.message);
    }
  } finally {
    lane.fail(new EngineError('done', ''));
    batchRunning = false;
  }
}

// ---- start ----

async function start() {
  let hello;
  try {
    hello = await lanes.check.call('hello', [], { limitMs: limits.check });
  } catch (e) {
    say(`Модуль dorkarta не загрузился: ${e.message}. Обновите страницу; если не поможет — браузер слишком старый.`, 'error');
    return;
  }
  schema = JSON.parse(hello.schema);
  samples = hello.samples;
  starter = hello.starter;
  $('version').textContent = `dorkarta ${hello.version}`;
  fillSamples();
  ready = true;
  for (const b of document.querySelectorAll('.toolbar button')) b.disabled = false;
  let draft = null;
  try {
    draft = JSON.parse(localStorage.getItem(DRAFT_KEY));
  } catch {
    draft = null;
  }
  if (draft && typeof draft.text === 'string' && draft.text.trim()) {
    openText(draft.name || 'новая-карта.yaml', draft.text);
    say('Восстановлен черновик, над которым вы работали в прошлый раз.');
  } else {
    openText('новая-карта.yaml', starter);
    say('Готово к работе. Откройте свой файл, образец или начните новую дорожную карту.');
  }
  window.dorkarta = {
    version: hello.version,
    /** Promise of the diagnostics (`dorkarta check`): [{severity, file, line, column, path, message, hints, text}]. */
    check: (source) => lanes.check.call('check', [source], { limitMs: limits.check }),
    /** Promise of the document's bytes; rejects with an EngineError (.kind, .diagnostics). */
    render: (source, format) =>
      format === 'docx' || format === 'pdf'
        ? lanes.render.call('render', [source, format], { limitMs: limits.render })
        : Promise.reject(new EngineError('usage', `формат «${format}» не поддерживается: нужен "docx" или "pdf"`)),
    /** The time limits (ms) of one call; scripts may change them. */
    limits,
  };
  window.dispatchEvent(new Event('dorkarta-ready'));
}

start();
