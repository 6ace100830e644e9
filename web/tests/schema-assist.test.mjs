// The completion and hover logic of the editor: where the cursor is in a half-typed YAML, and
// what the JSON Schema offers there. Runs in node, without the browser.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repo } from './harness.mjs';
import { containerPath, placeAt, keysAt, valuesAt, describe } from '../www/schema-assist.js';

const schema = JSON.parse(fs.readFileSync(path.join(repo, 'schema/roadmap.schema.json'), 'utf8'));

const doc = `# comment
order:
  authority: Управление
appendix:
  title: >-
    Дорожная карта: текст
    и ещё строка
  mark: { kind: appendix }
  stages:
    - heading: Этап
      items:
        - activity: Совещание
          resp
  ori`.split('\n');

test('the path above the cursor follows keys and list items, skipping block text', () => {
  assert.deepEqual(containerPath(doc, 12, 10), ['appendix', 'stages', '[]', 'items', '[]']);
  assert.deepEqual(containerPath(doc, 13, 2), ['appendix']);
  assert.deepEqual(containerPath(doc, 2, 2), ['order']);
  assert.deepEqual(containerPath(doc, 1, 0), []);
});

test('keys offered are those of the mapping at the cursor, with Russian descriptions', () => {
  const place = placeAt(doc, 12, 14);
  assert.equal(place.kind, 'key');
  const keys = keysAt(schema, place.path).map((k) => k.name);
  assert.ok(keys.includes('responsible'), keys.join(','));
  assert.ok(keys.includes('deadline'));
  assert.ok(!keys.includes('authority'));
  const top = keysAt(schema, []).map((k) => k.name);
  assert.deepEqual(top.sort(), ['appendices', 'appendix', 'order']);
  const orientation = keysAt(schema, ['appendix']).find((k) => k.name === 'orientation');
  assert.match(orientation.description, /[а-я]/);
});

test('values offered for a key with fixed values come from the schema', () => {
  const lines = ['appendix:', '  orientation: '];
  const place = placeAt(lines, 1, 15);
  assert.deepEqual(place, { kind: 'value', from: 15, path: ['appendix', 'orientation'] });
  assert.deepEqual(valuesAt(schema, place.path).map((v) => v.value).sort(), ['landscape', 'portrait']);
});

test('hover describes the key under the cursor; comments and text get nothing', () => {
  assert.match(describe(schema, ['order', 'authority']), /[А-Яа-я]/);
  assert.equal(describe(schema, ['order', 'no_such_key']), '');
  assert.equal(placeAt(['# order: x'], 0, 5), null);
});
