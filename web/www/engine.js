// The page's side of the Worker protocol (see worker.js). A Lane is one Worker with a queue:
// calls run one after another; a call past its time limit terminates the Worker, a trap or panic
// in the module does the same, and the next call gets a fresh Worker. Every failure becomes an
// EngineError with a Russian message; the page never waits forever and never dies with the
// module.

export class EngineError extends Error {
  /** kind: 'invalid' (diagnostics of the source), 'crash' (the module failed), 'timeout'. */
  constructor(kind, message, diagnostics = null) {
    super(message);
    this.kind = kind;
    this.diagnostics = diagnostics;
  }
}

const WORKER_URL = new URL('./worker.js', import.meta.url);

export class Lane {
  constructor(name, { onRestart } = {}) {
    this.name = name;
    this.worker = null;
    this.nextId = 1;
    this.pending = new Map();
    this.queue = Promise.resolve();
    this.onRestart = onRestart;
  }

  start() {
    if (this.worker) return;
    this.worker = new Worker(WORKER_URL, { type: 'module', name: `dorkarta-${this.name}` });
    this.worker.onmessage = (event) => this.receive(event.data);
    // A module that fails to load or a worker that dies outside a call.
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail(new EngineError('crash', `внутренняя ошибка: ${event.message || 'модуль dorkarta не загрузился'}`));
    };
  }

  /** Drops the worker and rejects what it was doing; the next call starts a fresh one. */
  fail(error) {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    const calls = [...this.pending.values()];
    this.pending.clear();
    for (const call of calls) {
      clearTimeout(call.timer);
      call.reject(error);
    }
    if (this.onRestart) this.onRestart(error);
  }

  receive(msg) {
    const call = this.pending.get(msg.id);
    if (!call) return;
    if (msg.progress) {
      call.arm(); // a batch's limit counts per row
      if (call.onProgress) call.onProgress(msg.progress);
      return;
    }
    if (msg.ok || msg.diagnostics) {
      this.pending.delete(msg.id);
      clearTimeout(call.timer);
      if (msg.ok) call.resolve(msg.result);
      else call.reject(new EngineError('invalid', 'в исходнике есть ошибки', msg.diagnostics));
      return;
    }
    // A panic or trap: the module is unusable. fail() rejects this call (still pending:
    // calls behind it wait in the queue, not here) and drops the Worker.
    const text = String(msg.fatal).startsWith('внутренняя ошибка')
      ? msg.fatal
      : `внутренняя ошибка dorkarta: ${msg.fatal}`;
    this.fail(new EngineError('crash', `${text}. Модуль перезапущен; исходник в редакторе не пострадал.`));
  }

  /**
   * Runs `op` in the worker after the calls before it. `limitMs` bounds the call (for a batch,
   * each row); past it the worker is terminated and the promise rejects with kind 'timeout'.
   */
  call(op, args, { limitMs, onProgress, transfer = [] } = {}) {
    const run = () =>
      new Promise((resolve, reject) => {
        this.start();
        const id = this.nextId++;
        const call = { resolve, reject, onProgress, timer: null };
        call.arm = () => {
          clearTimeout(call.timer);
          call.timer = setTimeout(() => {
            const seconds = Math.round(limitMs / 100) / 10;
            this.fail(
              new EngineError(
                'timeout',
                `сборка шла дольше ${seconds.toLocaleString('ru-RU')} с и была остановлена: ` +
                  'документ слишком велик или в шаблоне бесконечный цикл',
              ),
            );
          }, limitMs);
        };
        call.arm();
        this.pending.set(id, call);
        this.worker.postMessage({ id, op, args }, transfer);
      });
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => {});
    return result;
  }
}
