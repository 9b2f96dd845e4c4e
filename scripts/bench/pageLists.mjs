// The bench's bare peer for `pull`/`plan`: a plain script that gets an app-only token with one
// client-credentials POST and pages through the same Graph lists the commands read (catalogs,
// access packages with their catalog, every policy with the navigations a file holds), following
// @odata.nextLink, and does nothing else: no retries, no files, no validation.
// Usage: node scripts/bench/pageLists.mjs <standInUrl> <tenantId> <clientId>  (secret in STANDIN_CLIENT_SECRET)
const [url, tenant, clientId] = process.argv.slice(2);
const form = new URLSearchParams({
  grant_type: 'client_credentials',
  client_id: clientId,
  client_secret: process.env.STANDIN_CLIENT_SECRET ?? '',
  scope: 'https://graph.microsoft.com/.default',
});
const tokenRes = await fetch(`${url}/${tenant}/oauth2/v2.0/token`, { method: 'POST', body: form });
if (!tokenRes.ok) throw new Error(`token: HTTP ${tokenRes.status}`);
const { access_token: token } = await tokenRes.json();
const EM = `${url}/v1.0/identityGovernance/entitlementManagement`;
const lists = [
  `${EM}/catalogs?$select=id,displayName`,
  `${EM}/accessPackages?$select=id,displayName&$expand=catalog($select=id,displayName)`,
  `${EM}/assignmentPolicies?$expand=accessPackage($select=id,displayName),questions,customExtensionStageSettings($expand=customExtension($select=id,displayName))`,
];
let items = 0;
for (let next of lists) {
  while (next) {
    const res = await fetch(next, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`${next}: HTTP ${res.status}`);
    const page = await res.json();
    items += page.value.length;
    next = page['@odata.nextLink'];
  }
}
process.stdout.write(`${items}\n`);
