// Fills the stand-in with a realistic tenant: catalogs (about seven packages each), access packages (about ten policies each),
// custom extensions and N v1.0 policies of every kind the schema allows — direct assignment,
// requests by specific users/groups, all members, connected organizations, service principals,
// auto-assignment, one to three approval stages with escalation, reviews, questions, custom
// extension stages, each expiration type. Every third policy is shaped as the portal leaves it:
// durations in hours (`PT336H` for 14 days), `@odata.type` without `#`, subject sets in another
// order, defaults filled in, the service's descriptions on subject sets, ids on nested items.
// Some policies carry assignments, so deleting them is refused. Deterministic for a given seed.
import { randomUUID } from 'node:crypto';
import type { GraphState, StoredPolicy } from './state';
import { rng as prng } from '../util/prng';

export interface SeedOptions {
  policies: number;
  /** PRNG seed (default 1): the same seed gives the same names and shapes (ids are random). */
  seed?: number;
}

export interface SeedResult {
  catalogs: number;
  accessPackages: number;
  policies: number;
}

// Names with characters a file system refuses, reserved device names and duplicates on purpose.
const CATALOG_NAMES = [
  'Finance / Payroll',
  'R&D: Labs',
  'Sales?',
  'CON',
  'Marketing',
  'IT Operations',
  'Partners <external>',
  'HR',
  'Legal.',
  'Engineering',
];
const PACKAGE_WORDS = [
  'Contractors',
  'Interns',
  'Vendors',
  'Admins',
  'Readers',
  'Auditors',
  'Project "Aurora"',
  'Guests*',
  'Field staff',
  'On-call',
];
const POLICY_WORDS = [
  'Direct assignment',
  'Employee requests',
  'Manager approval',
  'External partners',
  'Auto-assign by department',
  'Service principals',
  'Questions for requestors',
  'Extension callouts',
  'Quarterly review',
  'Fixed end date',
];

// Directory objects the seeded policies name. One group name is given twice on purpose: display
// names are not unique in Entra, and `pull --portable` must keep such an id (docs/references.md).
const USER_NAMES = [
  'Adele Vance',
  'Alex Wilber',
  'Diego Siciliani',
  'Grady Archie',
  'Isaiah Langer',
  'Johanna Lorenz',
  'Lee Gu',
  'Lidia Holloway',
  'Megan Bowen',
  'Nestor Wilke',
];
const GROUP_NAMES = ['Sales Approvers', 'Finance Reviewers', 'IT Helpdesk', 'Approvers', 'Approvers', 'Legal Team'];
const APP_NAMES = ['Payroll Connector', 'HR Sync', 'Ticketing Bot'];

const T = (name: string, portal: boolean) => (portal ? `microsoft.graph.${name}` : `#microsoft.graph.${name}`);

export function seedTenant(state: GraphState, options: SeedOptions): SeedResult {
  const random = prng(options.seed ?? 1);
  const pick = <X>(xs: readonly X[]): X => xs[Math.floor(random() * xs.length)];
  const uuid = (): string => randomUUID();
  const packagesWanted = Math.max(1, Math.ceil(options.policies / 10));
  const catalogsWanted = Math.max(1, Math.ceil(packagesWanted / 7));

  const catalogIds: string[] = [];
  for (let c = 0; c < catalogsWanted; c++) {
    const base = CATALOG_NAMES[c % CATALOG_NAMES.length];
    const name = c < CATALOG_NAMES.length ? base : `${base} ${Math.floor(c / CATALOG_NAMES.length) + 1}`;
    const id = state.addCatalog(name, `Seeded catalog ${c + 1}`);
    catalogIds.push(id);
    state.addCustomExtension(id, `Request callout ${c + 1}`, '#microsoft.graph.accessPackageAssignmentRequestWorkflowExtension');
    state.addCustomExtension(id, `Assignment callout ${c + 1}`, '#microsoft.graph.accessPackageAssignmentWorkflowExtension');
  }
  const packageIds: string[] = [];
  for (let p = 0; p < packagesWanted; p++) {
    const catalogId = catalogIds[p % catalogIds.length];
    // The same package name recurs in different catalogs, as in real tenants.
    const name = `${PACKAGE_WORDS[Math.floor(p / catalogIds.length) % PACKAGE_WORDS.length]}${p >= catalogIds.length * PACKAGE_WORDS.length ? ` ${p}` : ''}`;
    packageIds.push(state.addAccessPackage(uuid(), name, catalogId));
  }

  const dir = state.directory;
  const users = USER_NAMES.map(
    (n) =>
      dir.addUser({ userPrincipalName: `${n.toLowerCase().replace(' ', '.')}@contoso.com`, displayName: n, accountEnabled: n !== 'Lee Gu' })
        .id,
  );
  const groups = GROUP_NAMES.map(
    (n, i) =>
      dir.addGroup({
        displayName: n,
        groupTypes: i % 3 === 1 ? ['Unified'] : [],
        mailNickname: `${n.replace(/\W/g, '')}${i}`,
        members: users.filter((_, u) => (u + i) % 3 === 0),
      }).id,
  );
  const servicePrincipals = APP_NAMES.map((n) => dir.addServicePrincipal({ displayName: n }).id);
  dir.addConnectedOrganization({ displayName: 'Fabrikam', domain: 'fabrikam.onmicrosoft.com' });
  dir.addConnectedOrganization({ displayName: 'Woodgrove Bank', domain: 'woodgrovebank.onmicrosoft.com' });
  const directory = { users, groups, servicePrincipals };

  const extensionsOf = (catalogId: string) => [...state.customExtensions.values()].filter((e) => e.catalogId === catalogId);
  for (let i = 0; i < options.policies; i++) {
    const packageId = packageIds[i % packageIds.length];
    const pkg = state.packages.get(packageId)!;
    const kind = Math.floor(i / packageIds.length) % POLICY_WORDS.length;
    const portal = i % 3 === 2;
    // A few names repeat inside a package (the portal allows it), which file names must survive.
    const displayName = i % 97 === 5 ? POLICY_WORDS[(kind + 1) % POLICY_WORDS.length] : POLICY_WORDS[kind];
    const body = policyBody(kind, {
      portal,
      random,
      pick,
      uuid,
      displayName,
      packageId,
      directory,
      extensions: extensionsOf(pkg.catalogId).map((e) => e.id),
    });
    const now = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    const stored: StoredPolicy = {
      id: uuid(),
      apiVersion: 'v1.0',
      accessPackageId: packageId,
      body,
      createdDateTime: now,
      modifiedDateTime: now,
      hiddenFromLists: 0,
    };
    state.policies.set(stored.id, stored);
    if (i % 7 === 3) state.assignments.set(stored.id, 1 + (i % 5));
  }
  return { catalogs: catalogsWanted, accessPackages: packagesWanted, policies: options.policies };
}

interface Ctx {
  portal: boolean;
  random: () => number;
  pick: <X>(xs: readonly X[]) => X;
  uuid: () => string;
  displayName: string;
  packageId: string;
  /** Object ids of the seeded users, groups and service principals the policies name. */
  directory: { users: string[]; groups: string[]; servicePrincipals: string[] };
  extensions: string[];
}

function days(n: number, portal: boolean): string {
  return portal ? `PT${n * 24}H` : `P${n}D`;
}

function user(ctx: Ctx): Record<string, unknown> {
  const u: Record<string, unknown> = { '@odata.type': T('singleUser', ctx.portal), userId: ctx.pick(ctx.directory.users) };
  if (ctx.portal) u.description = `User ${String(u.userId).slice(0, 4)}`;
  return u;
}

function group(ctx: Ctx): Record<string, unknown> {
  const g: Record<string, unknown> = { '@odata.type': T('groupMembers', ctx.portal), groupId: ctx.pick(ctx.directory.groups) };
  if (ctx.portal) g.description = `Group ${String(g.groupId).slice(0, 4)}`;
  return g;
}

function requestorSettings(selfAdd: boolean, onBehalf: Record<string, unknown>[] = []): Record<string, unknown> {
  return {
    enableTargetsToSelfAddAccess: selfAdd,
    enableTargetsToSelfUpdateAccess: false,
    enableTargetsToSelfRemoveAccess: selfAdd,
    allowCustomAssignmentSchedule: !selfAdd,
    enableOnBehalfRequestorsToAddAccess: onBehalf.length > 0,
    enableOnBehalfRequestorsToUpdateAccess: false,
    enableOnBehalfRequestorsToRemoveAccess: false,
    onBehalfRequestors: onBehalf,
  };
}

function stage(
  ctx: Ctx,
  approvers: Record<string, unknown>[],
  fallback: Record<string, unknown>[],
  escalate: boolean,
): Record<string, unknown> {
  const s: Record<string, unknown> = {
    durationBeforeAutomaticDenial: days(14, ctx.portal),
    isApproverJustificationRequired: ctx.random() < 0.5,
    isEscalationEnabled: escalate,
    primaryApprovers: ctx.portal ? [...approvers].reverse() : approvers,
    fallbackPrimaryApprovers: fallback,
  };
  if (escalate) {
    s.durationBeforeEscalation = days(5, ctx.portal);
    s.escalationApprovers = [user(ctx)];
    s.fallbackEscalationApprovers = [];
  } else if (ctx.portal) {
    // Defaults the portal fills in when escalation is off.
    s.durationBeforeEscalation = 'PT0S';
    s.escalationApprovers = [];
    s.fallbackEscalationApprovers = [];
  }
  return s;
}

function approval(stages: Record<string, unknown>[]): Record<string, unknown> {
  return { isApprovalRequiredForAdd: stages.length > 0, isApprovalRequiredForUpdate: false, stages };
}

function noExpiration(ctx: Ctx): Record<string, unknown> {
  return ctx.portal ? { endDateTime: null, duration: null, type: 'noExpiration' } : { type: 'noExpiration' };
}

function policyBody(kind: number, ctx: Ctx): Record<string, unknown> {
  const base = (rest: Record<string, unknown>): Record<string, unknown> => ({
    displayName: ctx.displayName,
    description: `${ctx.displayName} (seeded)`,
    ...rest,
    accessPackage: { id: ctx.packageId },
  });
  switch (kind) {
    case 0: // direct assignment by administrators
      return base({
        allowedTargetScope: 'notSpecified',
        specificAllowedTargets: [],
        expiration: noExpiration(ctx),
        requestorSettings: requestorSettings(false),
        requestApprovalSettings: approval([]),
      });
    case 1: // specific users and groups request, one stage
      return base({
        allowedTargetScope: 'specificDirectoryUsers',
        specificAllowedTargets: [group(ctx), user(ctx)],
        expiration: { type: 'afterDuration', duration: days(ctx.pick([7, 14, 30, 90]), ctx.portal) },
        requestorSettings: requestorSettings(true),
        requestApprovalSettings: approval([stage(ctx, [user(ctx), group(ctx)], [], false)]),
      });
    case 2: // all members, manager then a group, with escalation
      return base({
        allowedTargetScope: 'allMemberUsers',
        specificAllowedTargets: [],
        expiration: { type: 'afterDuration', duration: days(365, ctx.portal) },
        requestorSettings: requestorSettings(true),
        requestApprovalSettings: approval([
          stage(ctx, [{ '@odata.type': T('requestorManager', ctx.portal), managerLevel: 1 }], [user(ctx)], false),
          stage(ctx, [group(ctx)], [], true),
        ]),
      });
    case 3: // connected organizations, sponsors approve, quarterly review
      return base({
        allowedTargetScope: 'allConfiguredConnectedOrganizationUsers',
        specificAllowedTargets: [],
        expiration: { type: 'afterDuration', duration: days(180, ctx.portal) },
        requestorSettings: requestorSettings(true),
        requestApprovalSettings: approval([
          stage(ctx, [{ '@odata.type': T('internalSponsors', ctx.portal) }], [user(ctx), group(ctx)], false),
          stage(ctx, [], [user(ctx)], false),
          stage(ctx, [{ '@odata.type': T('externalSponsors', ctx.portal) }], [group(ctx)], false),
        ]),
        reviewSettings: review(ctx),
      });
    case 4: // auto-assignment by attribute rule
      return base({
        allowedTargetScope: 'specificDirectoryUsers',
        specificAllowedTargets: [
          {
            '@odata.type': T('attributeRuleMembers', ctx.portal),
            description: 'Finance department',
            membershipRule: `(user.department -eq "${ctx.pick(['Finance', 'Sales', 'Legal'])}")`,
          },
        ],
        automaticRequestSettings: {
          requestAccessForAllowedTargets: true,
          removeAccessWhenTargetLeavesAllowedTargets: true,
          gracePeriodBeforeAccessRemoval: days(7, ctx.portal),
        },
        expiration: noExpiration(ctx),
        requestorSettings: requestorSettings(false),
        requestApprovalSettings: approval([]),
      });
    case 5: // service principals
      return base({
        allowedTargetScope: 'specificDirectoryServicePrincipals',
        specificAllowedTargets: [
          { '@odata.type': T('singleServicePrincipal', ctx.portal), servicePrincipalId: ctx.pick(ctx.directory.servicePrincipals) },
        ],
        expiration: { type: 'afterDuration', duration: days(30, ctx.portal) },
        requestorSettings: requestorSettings(false, [user(ctx)]),
        requestApprovalSettings: approval([]),
      });
    case 6: // questions
      return base({
        allowedTargetScope: 'allDirectoryUsers',
        specificAllowedTargets: [],
        expiration: noExpiration(ctx),
        requestorSettings: requestorSettings(true),
        requestApprovalSettings: approval([stage(ctx, [user(ctx)], [], false)]),
        questions: [
          withId(ctx, {
            '@odata.type': T('accessPackageTextInputQuestion', ctx.portal),
            sequence: 1,
            isRequired: true,
            isAnswerEditable: true,
            text: 'Why do you need access?',
            localizations: [{ languageCode: 'de', text: 'Warum brauchen Sie Zugriff?' }],
            isSingleLineQuestion: false,
            regexPattern: null,
          }),
          withId(ctx, {
            '@odata.type': T('accessPackageMultipleChoiceQuestion', ctx.portal),
            sequence: 2,
            isRequired: false,
            isAnswerEditable: false,
            text: 'Which office?',
            localizations: [],
            isMultipleSelectionAllowed: false,
            choices: [
              { actualValue: 'ber', text: 'Berlin', localizations: [] },
              { actualValue: 'sea', text: 'Seattle', localizations: [{ languageCode: 'fr', text: 'Seattle' }] },
            ],
          }),
        ],
      });
    case 7: // custom extension stages
      return base({
        allowedTargetScope: 'allMemberUsers',
        specificAllowedTargets: [],
        expiration: { type: 'afterDuration', duration: days(60, ctx.portal) },
        requestorSettings: requestorSettings(true),
        requestApprovalSettings: approval([]),
        customExtensionStageSettings: [
          withId(ctx, { stage: 'assignmentRequestCreated', customExtension: { id: ctx.extensions[0] } }),
          withId(ctx, { stage: 'assignmentRequestGranted', customExtension: { id: ctx.extensions[1] } }),
        ],
      });
    case 8: // specific users, review by self
      return base({
        allowedTargetScope: 'specificDirectoryUsers',
        specificAllowedTargets: [user(ctx), user(ctx), group(ctx)],
        expiration: { type: 'afterDuration', duration: ctx.portal ? 'PT36H' : 'P1DT12H' },
        requestorSettings: requestorSettings(true),
        requestApprovalSettings: approval([]),
        reviewSettings: { ...review(ctx), isSelfReview: true, primaryReviewers: [] },
      });
    default: // fixed end date
      return base({
        allowedTargetScope: 'allExternalUsers',
        specificAllowedTargets: [],
        expiration: { type: 'afterDateTime', endDateTime: ctx.portal ? '2030-06-30T23:59:59Z' : '2030-06-30T23:59:59.000Z' },
        requestorSettings: requestorSettings(true),
        requestApprovalSettings: approval([stage(ctx, [{ '@odata.type': T('externalSponsors', ctx.portal) }], [user(ctx)], false)]),
      });
  }
}

function withId(ctx: Ctx, item: Record<string, unknown>): Record<string, unknown> {
  return { id: ctx.uuid(), ...item };
}

function review(ctx: Ctx): Record<string, unknown> {
  return {
    isEnabled: true,
    expirationBehavior: 'keepAccess',
    isRecommendationEnabled: true,
    isReviewerJustificationRequired: true,
    isSelfReview: false,
    schedule: {
      startDateTime: ctx.portal ? '2026-07-02T06:59:59.998+00:00' : '2026-07-02T06:59:59.998Z',
      expiration: { duration: days(14, ctx.portal), type: 'afterDuration' },
      recurrence: {
        pattern: { type: 'absoluteMonthly', interval: 3, month: 0, dayOfMonth: 0, daysOfWeek: [] },
        range: { type: 'noEnd', numberOfOccurrences: 0 },
      },
    },
    primaryReviewers: [group(ctx)],
    fallbackReviewers: [],
  };
}
