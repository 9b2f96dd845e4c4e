// AP4xxx: name references (`${kind:name}`, docs/references.md). AP40xx are found in the file alone
// (core/src/references/check.ts); AP41xx when the references are resolved against the target
// tenant (deploy/src/references), placed on the reference in the file all the same.
import type { ApiVersion } from '../diagnostic';
import { define } from './record';

const BOTH: readonly ApiVersion[] = ['v1.0', 'beta'];
const OWN = { cell: 'references.md', urls: [] as string[], own: true } as const;
const PERMISSIONS_PAGE = 'https://learn.microsoft.com/en-us/graph/permissions-reference';
const GET_BY_IDS_PAGE = 'https://learn.microsoft.com/en-us/graph/api/directoryobject-getbyids';

const code = (s: string) => '`' + s + '`';
const list = (xs: readonly string[]) => xs.map(code).join(', ');

/** What AP4001 says, per mistake (core/src/references/syntax.ts finds them). */
export type MalformedReference =
  | { problem: 'unclosed' }
  | { problem: 'unknownKind'; word: string; kinds: readonly string[]; suggestion?: string; shape?: string; noColon: boolean }
  | { problem: 'partCount'; kind: string; shape: string; expected: number; got: number }
  | { problem: 'emptyName'; kind: string; shape: string; part: string }
  | { problem: 'badEscape'; escape: string }
  | { problem: 'badVarName'; name: string };

function malformedMessage(a: MalformedReference): string {
  switch (a.problem) {
    case 'unclosed':
      return 'This reference is not closed: end it with `}` (a `}` inside a name is written `\\}`; in the JSON text that is `\\\\}`).';
    case 'unknownKind':
      if (a.noColon && a.suggestion) return `${code('${' + a.word + '}')} names no object: write ${a.shape}.`;
      return a.noColon
        ? `This is not a reference: a reference is \`\${kind:name}\`, with kind one of ${list(a.kinds)}. (Write \`\\\${\` for a literal \`\${\`.)`
        : `${code(a.word)} is not a kind of reference.${a.suggestion ? ` Did you mean ${code(a.suggestion)}?` : ''} Kinds: ${list(a.kinds)}.`;
    case 'partCount':
      return `A ${a.kind} reference has ${a.expected} part${a.expected === 1 ? '' : 's'}, ${a.shape}; this one has ${a.got}. A \`/\` inside a name is written \`\\/\` (in the JSON text \`\\\\/\`).`;
    case 'emptyName':
      return `The ${a.part} of this ${a.kind} reference is empty: write ${a.shape}.`;
    case 'badEscape':
      return `${code('\\' + a.escape)} is not an escape inside a reference: write \`\\/\` for a \`/\` inside a name, \`\\}\` for a \`}\`, \`\\\\\` for a backslash (in the JSON text each backslash is doubled).`;
    case 'badVarName':
      return `${code(a.name)} is not a value name: the values of accesspolicy.config.json are named by a letter or \`_\`, then letters, digits, \`_\`, \`.\` and \`-\` (up to 128).`;
  }
}

/** Where AP4002 finds a reference: its kind against what the slot takes. */
export type MisplacedReference =
  | { problem: 'insideString'; kind: string; object: string; key: string }
  | { problem: 'notOne'; key: string; count: number }
  | { problem: 'otherKind'; kind: string; object: string; key: string; where: string; slotObject: string; wanted: readonly string[] }
  | { problem: 'notAnId'; kind: string; object: string; key: string; where: string };

const article = (word: string) => (/^[aeio]/i.test(word) ? 'an' : 'a');

function misplacedMessage(a: MisplacedReference): string {
  switch (a.problem) {
    case 'insideString':
      return `A ${a.kind} reference stands for the id of ${article(a.object)} ${a.object}, so it must be the whole value of ${code(a.key)}, not part of a longer string. Only \`\${var:…}\` may sit inside a string.`;
    case 'notOne':
      return `${code(a.key)} takes one reference as its whole value, or an id; this value holds ${a.count} reference${a.count === 1 ? ' and more text' : 's'}.`;
    case 'otherKind':
      return `${code(a.key)} (${a.where}) holds the id of ${article(a.slotObject)} ${a.slotObject}; ${article(a.object)} ${a.object} reference does not go here. Use ${a.wanted.map((k) => code('${' + k + ':…}')).join(' or ')}, \`\${var:…}\` or the object id.`;
    case 'notAnId':
      return `${code(a.key)} (${a.where}) is not an id, so ${article(a.object)} ${a.object} reference does not go here; a reference of that kind goes where ${article(a.object)} ${a.object}'s id goes. Only \`\${var:…}\` may stand in any string.`;
  }
}

/** One object a name matched, as the error lists it: its id and what tells it apart. */
export interface Candidate {
  id: string;
  detail: string;
}

export const REFERENCE_RECORDS = {
  malformed: define<MalformedReference>({
    code: 'AP4001',
    name: 'malformed',
    severity: 'error',
    versions: BOTH,
    title:
      '`${…}` that does not read as a reference: not closed, unknown kind (with a suggestion), wrong number of parts (`${accessPackage:Catalog/Package}` has two), an empty name, an escape other than `\\/`, `\\}`, `\\\\`, or a `${var:…}` name that no value of `accesspolicy.config.json` could have',
    source: OWN,
    message: malformedMessage,
  }),
  wrongSlot: define<MisplacedReference>({
    code: 'AP4002',
    name: 'wrongSlot',
    severity: 'error',
    versions: BOTH,
    title:
      'A well-formed reference where its kind does not go: a group reference in `userId`, an object reference in a string that is not an id (`displayName`), inside a longer string, or several references in one id',
    source: { cell: "the schemas' `x-references`", urls: [], own: true },
    message: misplacedMessage,
  }),
  notFound: define<{ reference: string; object: string; lookedUp: string; tenant: string }>({
    code: 'AP4101',
    name: 'notFound',
    severity: 'error',
    versions: BOTH,
    title: 'Nothing in the target tenant has the referenced name',
    source: { cell: 'tenant', urls: [], own: true },
    message: (a) => `${code(a.reference)}: no ${a.object} in ${a.tenant} has ${a.lookedUp}. Nothing was sent.`,
  }),
  ambiguous: define<{ reference: string; object: string; lookedUp: string; tenant: string; candidates: readonly Candidate[] }>({
    code: 'AP4102',
    name: 'ambiguous',
    severity: 'error',
    versions: BOTH,
    title:
      'Several objects in the target tenant have the referenced name; the message names each (id and a distinguishing detail: UPN or mail, group type, catalog)',
    source: {
      cell: 'tenant; display names are not unique in Entra (M365DSC key-parameters doc)',
      urls: ['https://microsoft365dsc.com/concepts/key-parameters/'],
    },
    message: (a) =>
      `${code(a.reference)}: ${a.candidates.length} ${a.object}s in ${a.tenant} have ${a.lookedUp}, so it names none of them: ${a.candidates.map((c) => `${c.id} (${c.detail})`).join('; ')}. Rename one in the tenant or write the id. Nothing was sent.`,
  }),
  unreadable: define<{ reference: string; object: string; permissions: readonly string[]; graphSaid: string }>({
    code: 'AP4103',
    name: 'unreadable',
    severity: 'error',
    versions: BOTH,
    title:
      'The signed-in identity may not read what the reference needs (403): the message names the permission (`User.Read.All`, `GroupMember.Read.All`, `Application.Read.All`, `EntitlementManagement.Read.All`)',
    source: { cell: 'Graph permissions reference; getByIds needs Directory.Read.All', urls: [PERMISSIONS_PAGE, GET_BY_IDS_PAGE] },
    message: (a) =>
      `${code(a.reference)}: the signed-in identity may not look up ${a.object}s (Graph answered 403: "${a.graphSaid}"). Grant ${a.permissions.map(code).join(' or ')} (application permission for a service principal, delegated scope for a user) and try again. Nothing was sent.`,
  }),
  notInTenant: define<{ subject: string; object: string; tenant: string; lookedUp: string }>({
    code: 'AP4120',
    name: 'notInTenant',
    severity: 'warning',
    versions: BOTH,
    title:
      'In the editor, when signed in: nothing in the tenant of the active environment (without environments, the signed-in tenant) matches this id or reference (looked up in the background from a cache; off with `accessPolicy.tenantLookups.enable`)',
    source: {
      cell: 'tenant (getByIds, name lookups; docs/tenant-aware-editor.md)',
      urls: [GET_BY_IDS_PAGE],
      inferred: 'a newly created object can be missing from Graph for a while (eventual consistency), so this is a warning',
    },
    message: (a) =>
      `${code(a.subject)}: no ${a.object} in ${a.tenant} has ${a.lookedUp} (looked up in the background; a new object may take a while to appear).`,
  }),
  noEnvironment: define<{ reference: string }>({
    code: 'AP4104',
    name: 'noEnvironment',
    severity: 'error',
    versions: BOTH,
    title: '`${var:…}` but no environment is selected (the folder has no `accesspolicy.config.json`, or no `--env` was given)',
    source: OWN,
    message: (a) =>
      `${code(a.reference)} takes its value from the selected environment, but no environment is selected: add \`accesspolicy.config.json\` beside the policies and choose one with \`--env NAME\` (in VS Code, the environment picker in the status bar).`,
  }),
  unknownValue: define<{ reference: string; name: string; environment: string; known: readonly string[] }>({
    code: 'AP4105',
    name: 'unknownValue',
    severity: 'error',
    versions: BOTH,
    title: '`${var:name}` that the selected environment has no value for',
    source: OWN,
    message: (a) =>
      `${code(a.reference)}: environment ${code(a.environment)} has no value ${code(a.name)}.${a.known.length ? ` Its values: ${list(a.known)}.` : ''} Add it under \`values\` in accesspolicy.config.json.`,
  }),
};
