// The source editor: CodeMirror 6 with YAML highlighting, completion and hover descriptions
// from the JSON Schema, and the module's `check` diagnostics as lint underlines.

import { EditorView, basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { yaml } from '@codemirror/lang-yaml';
import { linter, lintGutter } from '@codemirror/lint';
import { autocompletion } from '@codemirror/autocomplete';
import { hoverTooltip, keymap } from '@codemirror/view';
import { indentWithTab } from '@codemirror/commands';
import { placeAt, keysAt, valuesAt, describe, lineShape, containerPath } from './schema-assist.js';

const PHRASES = {
  Find: 'Найти',
  Replace: 'Заменить',
  next: 'далее',
  previous: 'назад',
  all: 'все',
  'match case': 'с учётом регистра',
  regexp: 'рег. выражение',
  'by word': 'слово целиком',
  replace: 'заменить',
  'replace all': 'заменить все',
  close: 'закрыть',
  'current match': 'текущее совпадение',
  'on line': 'в строке',
  'replaced match on line $': 'заменено в строке $',
  'replaced $ matches': 'заменено совпадений: $',
  'Go to line': 'Перейти к строке',
  go: 'перейти',
  Diagnostics: 'Ошибки и предупреждения',
  'No diagnostics': 'Ошибок нет',
  Completions: 'Подсказки',
  'Folded lines': 'Строки свёрнуты',
  'Unfolded lines': 'Строки развёрнуты',
  'Fold line': 'Свернуть',
  'Unfold line': 'Развернуть',
  'folded code': 'свёрнутый текст',
  unfold: 'развернуть',
  to: 'до',
  'Control character': 'Управляющий символ',
  'Selection deleted': 'Выделенное удалено',
};

/** The document offset of a 1-based (line, column in Unicode characters) position. */
export function offsetOf(doc, line, column) {
  if (line < 1) return 0;
  if (line > doc.lines) return doc.length;
  const l = doc.line(line);
  let offset = l.from;
  let chars = 1;
  for (const ch of l.text) {
    if (chars >= column) break;
    offset += ch.length;
    chars++;
  }
  return Math.min(offset, l.to);
}

/** A DOM node with a diagnostic's message and hints, for the lint tooltip. */
function renderMessage(d) {
  const box = document.createElement('div');
  box.className = 'diag-message';
  const head = document.createElement('div');
  head.textContent = d.path ? `${d.path}: ${d.message}` : d.message;
  box.append(head);
  appendHints(box, d.hints);
  return box;
}

/** Appends a diagnostic's hints to `el`, one «подсказка: …» line each (the tooltip and the list). */
export function appendHints(el, hints) {
  for (const hint of hints) {
    const h = document.createElement('div');
    h.className = 'diag-hint';
    h.textContent = `подсказка: ${hint}`;
    el.append(h);
  }
}

/** CodeMirror diagnostics for the module's diagnostics of the source itself. */
export function toLint(doc, diagnostics) {
  return diagnostics
    .filter((d) => d.file === null)
    .map((d) => {
      const from = offsetOf(doc, d.line, d.column || 1);
      let to = from;
      // Underline the word at the position (at least one character) so it can be hovered.
      const line = doc.lineAt(from);
      const rest = line.text.slice(from - line.from);
      const word = /^[^\s,:\]}]+/.exec(rest);
      to = Math.min(line.to, from + (word ? word[0].length : 1));
      if (to === from && from > line.from) return { d, from: from - 1, to: from };
      return { d, from, to };
    })
    .map(({ d, from, to }) => ({
      from,
      to,
      severity: d.severity === 'error' ? 'error' : 'warning',
      message: d.message,
      renderMessage: () => renderMessage(d),
    }));
}

function schemaCompletion(getSchema) {
  return (context) => {
    const schema = getSchema();
    if (!schema) return null;
    const doc = context.state.doc;
    const line = doc.lineAt(context.pos);
    const lines = [];
    for (let n = 1; n <= line.number; n++) lines.push(doc.line(n).text);
    const place = placeAt(lines, line.number - 1, context.pos - line.from);
    if (!place) return null;
    const typed = line.text.slice(place.from, context.pos);
    if (!context.explicit && typed === '' && place.kind === 'key') return null;
    if (place.kind === 'key') {
      const options = keysAt(schema, place.path).map((k) => ({
        label: k.name,
        type: 'property',
        detail: k.required ? 'обязательно' : undefined,
        info: k.description || undefined,
        apply: `${k.name}: `,
      }));
      return options.length ? { from: line.from + place.from, options, validFor: /^[A-Za-z_]*$/ } : null;
    }
    const options = valuesAt(schema, place.path).map((v) => ({
      label: v.value,
      type: 'enum',
      info: v.description || undefined,
    }));
    return options.length ? { from: line.from + place.from, options } : null;
  };
}

function schemaHover(getSchema) {
  return hoverTooltip((view, pos) => {
    const schema = getSchema();
    if (!schema) return null;
    const doc = view.state.doc;
    const line = doc.lineAt(pos);
    const shape = lineShape(line.text);
    const col = pos - line.from;
    if (shape.key === null || col < shape.keyCol || col > shape.keyEnd) return null;
    const lines = [];
    for (let n = 1; n <= line.number; n++) lines.push(doc.line(n).text);
    const path = [...containerPath(lines, line.number - 1, shape.keyCol), shape.key];
    const text = describe(schema, path);
    if (!text) return null;
    return {
      pos: line.from + shape.keyCol,
      end: line.from + shape.keyEnd,
      above: true,
      create() {
        const dom = document.createElement('div');
        dom.className = 'schema-hover';
        const name = document.createElement('b');
        name.textContent = path.filter((s) => s !== '[]').join('.');
        const body = document.createElement('div');
        body.textContent = text;
        dom.append(name, body);
        return { dom };
      },
    };
  });
}

/**
 * Creates the editor in `parent`. `lint(text)` returns a promise of the module's diagnostics;
 * `onDiagnostics(list)` gets them for the list under the editor; `onChange(text)` runs on every
 * edit; `getSchema()` returns the parsed JSON Schema once the module has given it.
 */
export function createEditor(parent, { lint, onDiagnostics, onChange, getSchema }) {
  const lintSource = linter(
    async (view) => {
      const text = view.state.doc.toString();
      const diagnostics = await lint(text);
      if (diagnostics === null || view.state.doc.toString() !== text) return [];
      onDiagnostics(diagnostics, view.state.doc);
      return toLint(view.state.doc, diagnostics);
    },
    { delay: 250 },
  );
  const extensions = [
        basicSetup,
        keymap.of([indentWithTab]),
        EditorState.phrases.of(PHRASES),
        EditorState.tabSize.of(2),
        yaml(),
        lintGutter(),
        lintSource,
        autocompletion({ override: [schemaCompletion(getSchema)] }),
        schemaHover(getSchema),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': 'Исходник дорожной карты (YAML)', spellcheck: 'false' }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChange(u.state.doc.toString());
        }),
  ];
  const view = new EditorView({ parent, state: EditorState.create({ doc: '', extensions }) });
  return {
    view,
    /** Replaces the whole text: a new document, so the undo history starts afresh. */
    setText(text) {
      view.setState(EditorState.create({ doc: text, extensions }));
      onChange(text);
    },
    getText: () => view.state.doc.toString(),
  };
}
