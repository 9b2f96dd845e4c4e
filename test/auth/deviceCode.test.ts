// Device code sign-in with the real msal-node: the test plays the user who opens the verification
// page and approves (or declines) the code.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { PublicClientTokenProvider, SignInError, type DeviceCodeInfo } from '../../deploy/src/auth';
import { ALICE, TENANT_ID, startStandIn, httpRequest, type StandIn } from './standIn';

let standIn: StandIn;
before(async () => {
  standIn = await startStandIn({ deviceCodeIntervalSeconds: 0 });
});
after(() => standIn.close());

function provider(onDeviceCode: (i: DeviceCodeInfo) => void, timeoutMs?: number) {
  return new PublicClientTokenProvider({
    tenant: TENANT_ID,
    method: 'deviceCode',
    onDeviceCode,
    overrides: { authorityUrl: standIn.url },
    interactiveTimeoutMs: timeoutMs,
  });
}

test('device code: the code is shown, the user approves, a token arrives', async () => {
  const shown: DeviceCodeInfo[] = [];
  const polls = () => standIn.requests.filter((r) => r === 'POST /' + TENANT_ID + '/oauth2/v2.0/token').length;
  const pollsBefore = polls();
  const p = provider((info) => {
    shown.push(info);
    // The user is slow: approve only after msal has polled at least once and heard "pending".
    void (async () => {
      while (polls() === pollsBefore) await new Promise((r) => setImmediate(r));
      await httpRequest(
        `${info.verificationUri}?user_code=${encodeURIComponent(info.userCode)}&username=${encodeURIComponent(ALICE.username)}`,
      );
    })();
  });
  const token = await p.getToken();
  assert.equal(shown.length, 1);
  assert.match(shown[0].userCode, /^[A-Z0-9]{6,}$/);
  assert.match(shown[0].message, new RegExp(shown[0].userCode));
  assert.equal(token.account.username, ALICE.username);
  assert.ok(standIn.tokens.verify(token.token));
  assert.ok(polls() - pollsBefore >= 2, 'msal kept polling while the code was pending');
});

test('device code: a declined sign-in ends with a clear error', async () => {
  const p = provider((info) => void httpRequest(`${info.verificationUri}?user_code=${info.userCode}&action=deny`));
  await assert.rejects(p.getToken(), (e: unknown) => e instanceof SignInError && e.kind === 'declined' && /declined/.test(e.message));
});

test('device code: an expired code tells the user to start again', async () => {
  const p = provider((info) => void httpRequest(`${info.verificationUri}?user_code=${info.userCode}&action=expire`));
  await assert.rejects(p.getToken(), (e: unknown) => e instanceof SignInError && e.kind === 'deviceCodeExpired');
});

test('device code: cancelling stops waiting at once', async () => {
  const ac = new AbortController();
  const p = provider(() => setImmediate(() => ac.abort()));
  const started = Date.now();
  await assert.rejects(p.getToken({ signal: ac.signal }), (e: unknown) => e instanceof SignInError && e.kind === 'cancelled');
  assert.ok(Date.now() - started < 5000);
});

test('device code: an unanswered code times out', async () => {
  const p = provider(() => undefined, 300);
  await assert.rejects(p.getToken(), (e: unknown) => e instanceof SignInError && e.kind === 'timedOut' && /timed out/.test(e.message));
});

test('device code: when no code is issued (wrong tenant), no empty "enter the code undefined" is shown; the error says why', async () => {
  const shown: DeviceCodeInfo[] = [];
  const p = new PublicClientTokenProvider({
    tenant: '99999999-9999-4999-8999-999999999999',
    method: 'deviceCode',
    onDeviceCode: (info) => shown.push(info),
    overrides: { authorityUrl: standIn.url },
    interactiveTimeoutMs: 20_000,
  });
  await assert.rejects(p.getToken(), (e: unknown) => {
    assert.ok(e instanceof SignInError, String(e));
    assert.notEqual(e.kind, 'timedOut');
    assert.match(e.message, /no device code/i);
    return true;
  });
  assert.deepEqual(shown, []);
});
