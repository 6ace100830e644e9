// The Web Worker that runs the pipeline (the wasm module). One request at a time; the page
// (engine.js) terminates this worker when a call runs past its time limit or the module traps,
// and starts a fresh one, so nothing here needs to recover.
//
// Messages in:  {id, op, args}
// Messages out: {id, ok: true, result} | {id, ok: false, diagnostics} (invalid input)
//               | {id, ok: false, fatal: message} (a panic or trap: the module is now unusable)
//               | {id, progress: {done, total, step}} (batch, after each row)

import init, * as dk from './pkg/dorkarta_web.js';

const ready = init({ module_or_path: new URL('./pkg/dorkarta_web_bg.wasm', import.meta.url) });

const ops = {
  hello: () => ({ version: dk.version(), schema: dk.schema(), samples: dk.samples(), starter: dk.starter() }),
  check: ([source]) => dk.check(source),
  render: ([source, format]) => dk.render(source, format),
  // A roadmap kept in Word or Excel, as `dorkarta import` reads it: {source, warnings}.
  import: ([name, bytes]) => dk.importFile(name, bytes),
  batch: ([source, table, tableName, sourceName], id) => {
    // sourceName: how the summary names the source (the file open in the editor).
    const batch = new dk.Batch(source, table, tableName, sourceName);
    try {
      const total = batch.len();
      let done = 0;
      const failed = [];
      for (let step = batch.next(); step !== undefined; step = batch.next()) {
        done++;
        if (!step.ok) failed.push(step.name);
        postMessage({ id, progress: { done, total, step } });
      }
      const zip = batch.finish();
      return { zip, summary: batch.summary(), total, failed };
    } finally {
      batch.free();
    }
  },
};

self.onmessage = async (event) => {
  const { id, op, args } = event.data;
  try {
    await ready;
  } catch (e) {
    postMessage({ id, ok: false, fatal: `модуль не загрузился: ${e?.message ?? e}` });
    return;
  }
  try {
    const result = ops[op](args, id);
    const transfer = result instanceof Uint8Array ? [result.buffer] : result?.zip ? [result.zip.buffer] : [];
    postMessage({ id, ok: true, result }, transfer);
  } catch (e) {
    if (Array.isArray(e)) postMessage({ id, ok: false, diagnostics: e });
    else postMessage({ id, ok: false, fatal: e?.message ?? String(e) });
  }
};
