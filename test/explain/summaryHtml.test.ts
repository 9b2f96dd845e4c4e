// The summary preview's page (client/src/summary/summaryHtml.ts): strict CSP with a nonce and no
// remote resources, semantic HTML a screen reader can walk, every part clickable with its range,
// and text from the file escaped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainPolicy } from '../../core/src/explain';
import { flowHtml, summaryBodyHtml, summaryPageHtml } from '../../client/src/summary/summaryHtml';
import { corpus } from './corpus';

const multistage = corpus().find((e) => e.name === 'snippet ap-multistage-escalation')!;
const NONCE = 'bm9uY2Utb25lLXR3bw==';
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

test("the page allows only its own nonce'd style and script and loads nothing", () => {
  const html = summaryPageHtml(explainPolicy(multistage.text), NONCE, CSP_SOURCE);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(csp);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, new RegExp(`script-src 'nonce-${NONCE}'`));
  assert.match(csp, new RegExp(`style-src 'nonce-${NONCE}'`));
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.match(html, new RegExp(`<script nonce="${NONCE}">`));
  assert.match(html, new RegExp(`<style nonce="${NONCE}">`));
  // Nothing fetched: no src/href attributes, no url() in the style, no remote address.
  assert.doesNotMatch(html, /\s(src|href)=/);
  assert.doesNotMatch(html, /url\(/);
  assert.doesNotMatch(html.replace(csp, ''), /https?:\/\//);
});

test('the flow is an ordered list: requestors → each stage → access → review, each a labelled button with its range', () => {
  const summary = explainPolicy(multistage.text);
  const flow = flowHtml(summary);
  assert.match(flow, /^<ol class="flow" aria-label="How a request flows">/);
  const boxes = [...flow.matchAll(/<button type="button" class="box ([a-z ]+)"( data-range="\d+,\d+,\d+,\d+")? aria-label="([^"]+)">/g)];
  assert.deepEqual(
    boxes.map((b) => b[1]),
    ['requestors', 'stage', 'stage', 'access'],
  );
  for (const b of boxes) assert.ok(b[2], `${b[1]} box has a range to reveal`);
  assert.match(
    boxes[1][3],
    /^Stage 1: Approvers: user 0{8}-0{4}-0{4}-0{4}-0{12}; Escalates after 7 days to members of group 0{8}-[0-9-]+; Denied if nobody decides within 14 days\. Show in the file, line \d+\.$/,
  );
  assert.match(boxes[3][3], /^Access for 180 days: extendable with approval/);
  // Arrows are decoration: hidden from screen readers.
  assert.equal((flow.match(/<li class="arrow" aria-hidden="true"><svg/g) ?? []).length, 3);
});

test('sections have headings a screen reader lists; findings are labelled as errors or warnings', () => {
  const text = multistage.text.replace('"isEscalationEnabled": true', '"isEscalationEnabled": "yes"');
  const body = summaryBodyHtml(explainPolicy(text));
  assert.match(body, /^<header><h1>Two-stage approval<\/h1>/);
  for (const title of ['Flow', 'Who can request', 'Approval \\(2 stages\\)', 'How long access lasts', 'Access reviews']) {
    assert.match(body, new RegExp(`<section aria-labelledby="[\\w-]+"><h2 id="[\\w-]+">${title}</h2>`));
  }
  assert.match(
    body,
    /<li class="finding error"><button type="button" class="link" data-range="[\d,]+" aria-label="Error AP1002, line \d+: /,
  );
  // Every clickable statement is a button (keyboard and screen reader reachable) with a label.
  const buttons = body.match(/<button /g)!.length;
  assert.equal(body.match(/<button type="button" class="(link|box [a-z ]+)"( data-range="[\d,]+")? aria-label="[^"]+">/g)!.length, buttons);
});

test('text from the file is escaped, so a display name cannot add markup or script', () => {
  const summary = explainPolicy(
    JSON.stringify({
      displayName: '<img src=x onerror=alert(1)>"\'&',
      accessPackage: { id: '7deff43e-1f17-44ef-9e5f-d516b0ba11d4' },
      allowedTargetScope: 'allMemberUsers',
    }),
  );
  const html = summaryPageHtml(summary, NONCE, CSP_SOURCE);
  assert.doesNotMatch(html, /<img/);
  assert.match(html, /<h1>&lt;img src=x onerror=alert\(1\)&gt;&quot;&#39;&amp;<\/h1>/);
});
