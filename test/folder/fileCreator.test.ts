// The thread that creates pull's staged files: every file handed over is there once drained, with
// its exact bytes (non-ASCII included), folders are made as needed, and a file that cannot be
// created is reported with the reason while the others are still created.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileCreator } from '../../deploy/src/folder/fileCreator';

test('files handed over in batches are all created with their bytes; a blocked one is reported, the rest still made', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ap-creator-'));
  try {
    // A file where a folder should be: nothing can be created beneath it.
    writeFileSync(path.join(dir, 'blocker'), 'not a folder\n');
    const creator = new FileCreator();
    const made: { file: string; text: string }[] = [];
    for (let batch = 0; batch < 3; batch++) {
      for (let i = 0; i < 40; i++) {
        const folder = path.join(dir, `catalog ${batch}`, `package ${i % 4}`);
        const file = path.join(folder, `policy ${i} — Zugriff für Gäste.accesspolicy.json`);
        const text = `// Katalog ${batch} · Paket ${i}\n{ "displayName": "Gäste ${i} ✓" }\n`;
        creator.add({ dir: folder, file, text });
        made.push({ file, text });
      }
      if (batch === 1)
        creator.add({ dir: path.join(dir, 'blocker', 'inner'), file: path.join(dir, 'blocker', 'inner', 'x.json'), text: '{}' });
      creator.flush();
    }
    await creator.drained();
    for (const m of made) {
      assert.equal(readFileSync(m.file, 'utf8'), m.text);
      assert.equal(creator.failure(m.file), undefined);
    }
    assert.match(creator.failure(path.join(dir, 'blocker', 'inner', 'x.json')) ?? '', /ENOTDIR|EEXIST|not a directory/i);
    await creator.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('drained flushes what was added but not yet handed over', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ap-creator-'));
  try {
    const creator = new FileCreator();
    const file = path.join(dir, 'a', 'b.json');
    creator.add({ dir: path.join(dir, 'a'), file, text: '{"a":1}\n' });
    await creator.drained();
    assert.equal(readFileSync(file, 'utf8'), '{"a":1}\n');
    await creator.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
