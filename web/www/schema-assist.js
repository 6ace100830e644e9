// Where the cursor is in the YAML (the chain of keys and list items above it), and what the JSON
// Schema says about that place. Works on the text line by line by indentation, so it keeps
// working while the document is half typed and does not parse as YAML.

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]},:][^:#]*?)\s*:(?:\s|$)/;

function unquote(key) {
  if (key.startsWith('"')) return key.slice(1, -1).replace(/\\(.)/g, '$1');
  if (key.startsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  return key.trim();
}

/** The structure of one line: list dashes and the key, each with its column (0-based). */
export function lineShape(text) {
  const dashes = [];
  let col = 0;
  while (col < text.length && text[col] === ' ') col++;
  while (text[col] === '-' && (col + 1 === text.length || text[col + 1] === ' ')) {
    dashes.push(col);
    col++;
    while (col < text.length && text[col] === ' ') col++;
  }
  const rest = text.slice(col);
  const m = KEY.exec(rest);
  const blank = rest.length === 0 || rest.startsWith('#');
  return {
    dashes,
    key: m ? unquote(m[1]) : null,
    keyCol: col,
    keyEnd: m ? col + m[1].length : col,
    // The column just after "key:" (and its spaces), where the value begins.
    valueCol: m ? col + m[0].length : col,
    blank: blank && dashes.length === 0,
    contentCol: col,
  };
}

/**
 * The path of the mapping that holds position `col` of line `lineNo` (0-based), as a list of
 * steps: a string for a key, `[]` (the string "[]") for a list item. `lines` is an array of
 * strings. `target` is the column where a key on this line starts (or would start).
 */
export function containerPath(lines, lineNo, target) {
  const path = [];
  let limit = target;
  // Dashes on the cursor's own line before the key open list items the key belongs to.
  const own = lineShape(lines[lineNo] ?? '');
  for (let i = own.dashes.length - 1; i >= 0; i--) {
    if (own.dashes[i] < limit) {
      path.unshift('[]');
      limit = own.dashes[i];
    }
  }
  // Block scalars (`key: >-` and the indented lines below) are text, not structure.
  for (let n = lineNo - 1; n >= 0 && limit > 0; n--) {
    const text = lines[n];
    const shape = lineShape(text);
    if (shape.blank) continue;
    if (shape.dashes.length === 0 && shape.key === null && shape.contentCol >= limit) continue;
    const elements = shape.dashes.map((c) => ({ col: c, step: '[]' }));
    if (shape.key !== null) elements.push({ col: shape.keyCol, step: shape.key });
    let matched = false;
    for (let i = elements.length - 1; i >= 0; i--) {
      if (elements[i].col < limit) {
        path.unshift(elements[i].step);
        limit = elements[i].col;
        matched = true;
      }
    }
    if (!matched && shape.contentCol < limit) limit = shape.contentCol; // plain text lower: stop
  }
  return path;
}

function resolveRef(schema, node) {
  let seen = 0;
  while (node && node.$ref && seen++ < 32) {
    const parts = node.$ref.replace(/^#\//, '').split('/');
    let target = schema;
    for (const p of parts) target = target?.[p];
    node = target ? { ...target, description: node.description ?? target.description } : null;
  }
  return node;
}

/** The variants of a node (anyOf/oneOf flattened, refs resolved), nulls dropped. */
function variants(schema, node) {
  node = resolveRef(schema, node);
  if (!node) return [];
  const alts = node.anyOf ?? node.oneOf;
  if (!alts) return [node];
  return alts
    .flatMap((a) => variants(schema, a).map((v) => ({ ...v, description: v.description ?? node.description })))
    .filter((v) => v.type !== 'null');
}

/** The schema node at a path, or null. Properties of all object variants are merged. */
export function nodeAt(schema, path) {
  let node = schema;
  for (const step of path) {
    const vs = variants(schema, node);
    let next = null;
    for (const v of vs) {
      if (step === '[]' && v.items) next = v.items;
      else if (step !== '[]' && v.properties && v.properties[step]) next = v.properties[step];
      if (next) break;
    }
    if (!next) return null;
    node = next;
  }
  return node;
}

/** The keys a mapping at `path` may hold: [{name, description, required}]. */
export function keysAt(schema, path) {
  const out = new Map();
  for (const v of variants(schema, nodeAt(schema, path))) {
    for (const [name, prop] of Object.entries(v.properties ?? {})) {
      if (!out.has(name)) {
        const p = resolveRef(schema, prop);
        out.set(name, {
          name,
          description: prop.description ?? p?.description ?? '',
          required: (v.required ?? []).includes(name),
        });
      }
    }
  }
  return [...out.values()];
}

/** The fixed values (const/enum) a value at `path` may take: [{value, description}]. */
export function valuesAt(schema, path) {
  const out = [];
  const walk = (node) => {
    for (const v of variants(schema, node)) {
      if (v.const !== undefined) out.push({ value: String(v.const), description: v.description ?? '' });
      for (const e of v.enum ?? []) out.push({ value: String(e), description: v.description ?? '' });
      if (v.type === 'boolean' || (Array.isArray(v.type) && v.type.includes('boolean'))) {
        out.push({ value: 'true', description: '' }, { value: 'false', description: '' });
      }
    }
  };
  walk(nodeAt(schema, path));
  const seen = new Set();
  return out.filter((x) => !seen.has(x.value) && seen.add(x.value));
}

/** The description of the property at `path` (its last step a key), or ''. */
export function describe(schema, path) {
  if (path.length === 0) return '';
  const node = nodeAt(schema, path);
  if (!node) return '';
  if (node.description) return node.description;
  return resolveRef(schema, node)?.description ?? '';
}

/**
 * What to offer at (lineNo, col): either keys of the enclosing mapping or values of the key on
 * this line. Returns {kind: 'key'|'value', from, path} or null (inside a comment or text).
 */
export function placeAt(lines, lineNo, col) {
  const text = lines[lineNo] ?? '';
  const before = text.slice(0, col);
  if (/(^|\s)#/.test(before)) return null;
  const shape = lineShape(text);
  if (shape.key !== null && col >= shape.valueCol) {
    const path = [...containerPath(lines, lineNo, shape.keyCol), shape.key];
    return { kind: 'value', from: shape.valueCol, path };
  }
  if (shape.key !== null && col > shape.keyEnd) return null;
  // Typing a key: only a word (no spaces) after the indentation and dashes.
  const word = before.slice(shape.keyCol);
  if (!/^[A-Za-z_]*$/.test(word)) return null;
  return { kind: 'key', from: shape.keyCol, path: containerPath(lines, lineNo, shape.keyCol) };
}
