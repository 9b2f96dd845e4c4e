// package.json against the one description of each contract in the code: every setting
// (common/src/settings.ts), every command (common/src/commands.ts), the activation, and what the
// marketplace and the extensions view show (icon, keywords, repository, workspace capabilities).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SETTINGS, SETTINGS_SECTION, settingId } from '../../common/src/settings';
import { COMMANDS, CONTEXT_KEYS, VIEWS } from '../../common/src/commands';
import { LANGUAGE_ID } from '../../common/src/protocol';
import { CLOUDS } from '../../deploy/src/cloud';

interface ContributedSetting {
  type: string;
  default: unknown;
  scope?: string;
  enum?: unknown[];
}
interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
  enablement?: string;
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const properties: Record<string, ContributedSetting> = pkg.contributes.configuration.properties;
const commands: ContributedCommand[] = pkg.contributes.commands;

test('the manifest contributes exactly the settings of common/src/settings.ts, with their types, defaults, scopes and values', () => {
  const described = Object.values(SETTINGS).map(settingId).sort();
  assert.deepEqual(Object.keys(properties).sort(), described);
  for (const s of Object.values(SETTINGS)) {
    const p = properties[settingId(s)];
    const id = settingId(s);
    assert.equal(p.type, s.type, `${id} type`);
    assert.deepEqual(p.default, s.default, `${id} default`);
    assert.equal(p.scope, s.scope, `${id} scope`);
    // The cloud names have their one source in the deploy core's cloud table.
    const values = s === SETTINGS.cloud ? Object.keys(CLOUDS) : s.values;
    assert.deepEqual(p.enum, values, `${id} allowed values`);
  }
  assert.ok(Object.keys(properties).every((k) => k.startsWith(`${SETTINGS_SECTION}.`)));
});

test('untrusted workspaces restrict exactly the settings that choose where a token goes; those are user-level only', () => {
  const restricted = Object.values(SETTINGS).filter((s) => s.restricted);
  assert.deepEqual([...pkg.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(), restricted.map(settingId).sort());
  for (const s of restricted) assert.equal(s.scope, 'application', `${settingId(s)} cannot be set by a workspace`);
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
});

test('the manifest contributes exactly the commands of common/src/commands.ts, and its menus name no other', () => {
  assert.deepEqual(commands.map((c) => c.command).sort(), Object.values(COMMANDS).sort());
  const known = new Set<string>(Object.values(COMMANDS));
  for (const [menu, items] of Object.entries(pkg.contributes.menus as Record<string, { command: string }[]>)) {
    for (const item of items) assert.ok(known.has(item.command), `${menu} names ${item.command}, which is not a command of ours`);
  }
});

test('command titles are in Title Case under one category, as VS Code writes its own', () => {
  // Short function words stay lower case; `v1.0` is a version, not a word.
  const minor = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'into', 'of', 'on', 'or', 'the', 'to', 'with']);
  for (const c of commands) {
    assert.equal(c.category, 'Access Policy', `${c.command} category`);
    const words = c.title.split(' ');
    words.forEach((w, i) => {
      const ok = /^v\d/.test(w) || (i > 0 && minor.has(w)) || /^[A-Z]/.test(w);
      assert.ok(ok, `"${c.title}" (${c.command}): "${w}" should start with a capital`);
    });
  }
});

test('activation relies on the events VS Code derives from the contributions: none is listed by hand', () => {
  // Since VS Code 1.74 a contributed language activates on open (onLanguage) and a contributed
  // command on use (onCommand); listing them again only adds a second place to keep in step.
  assert.match(pkg.engines.vscode, /^\^1\.(\d{3,}|[89]\d|7[4-9])\./);
  assert.ok(pkg.contributes.languages.some((l: { id: string }) => l.id === LANGUAGE_ID));
  const listed: string[] = pkg.activationEvents ?? [];
  const redundant = listed.filter((e) => e === `onLanguage:${LANGUAGE_ID}` || Object.values(COMMANDS).some((c) => e === `onCommand:${c}`));
  assert.deepEqual(redundant, []);
  assert.ok(!listed.includes('*'), 'never activated on startup');
});

test('the listing: a 128×128 PNG icon shipped in the VSIX, keywords, repository, the Snippets category', () => {
  const png = readFileSync(pkg.icon);
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  // IHDR: width and height, big-endian, at bytes 16 and 20.
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  assert.ok(readFileSync('.vscodeignore', 'utf8').split('\n').includes(`!${pkg.icon}`), 'the icon is packaged');
  assert.ok(pkg.keywords.length >= 3 && pkg.keywords.length <= 30, 'the marketplace takes up to 30 keywords');
  assert.match(pkg.repository.url, /^https:\/\//);
  assert.ok(pkg.categories.includes('Snippets') && pkg.contributes.snippets.length > 0);
});

test('virtual workspaces are declared, with the reason shown to the user', () => {
  const v = pkg.capabilities.virtualWorkspaces;
  assert.equal(v.supported, false);
  assert.ok(v.description.length > 40);
});

test('the views, their container and welcome are those of common/src/commands.ts; what writes is off in untrusted workspaces', () => {
  const c = pkg.contributes;
  assert.deepEqual(
    c.viewsContainers.activitybar.map((v: { id: string }) => v.id),
    [VIEWS.container],
  );
  assert.deepEqual(Object.keys(c.views), [VIEWS.container]);
  assert.deepEqual(
    c.views[VIEWS.container].map((v: { id: string }) => v.id),
    [VIEWS.tenant, VIEWS.plan],
  );
  const welcome = c.viewsWelcome as { view: string; when?: string; contents: string }[];
  assert.ok(welcome.every((w) => w.view === VIEWS.tenant || w.view === VIEWS.plan));
  const signIn = welcome.find((w) => w.view === VIEWS.tenant)!;
  assert.equal(signIn.when, `!${CONTEXT_KEYS.signedIn}`, 'the tenant view welcomes only the signed-out');
  assert.ok(signIn.contents.includes(`command:${COMMANDS.signIn}`));
  for (const id of [COMMANDS.deploy, COMMANDS.pull, COMMANDS.applyWorkspace]) {
    assert.equal(commands.find((x) => x.command === id)?.enablement, 'isWorkspaceTrusted', `${id} needs a trusted workspace`);
  }
  // Menus that name a view name one of ours.
  const views = new Set<string>([VIEWS.tenant, VIEWS.plan]);
  for (const items of Object.values(c.menus as Record<string, { when?: string }[]>)) {
    for (const item of items)
      for (const m of (item.when ?? '').matchAll(/view == ([\w.]+)/g)) assert.ok(views.has(m[1]), `${item.when} names view ${m[1]}`);
  }
});
