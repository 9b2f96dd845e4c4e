// AP4xxx: name references (`${group:Sales Approvers}` where an id goes, `${var:name}` in any
// string; docs/references.md). AP40xx are found in the file alone (core/src/references/check.ts);
// AP41xx when the references are resolved against the target tenant, placed on the reference.
import type { ApiVersion } from '../diagnostic';
import { define } from './record';

const BOTH: readonly ApiVersion[] = ['v1.0', 'beta'];
const PRODUCT = { cell: '—', urls: [], own: true } as const;

export const REFERENCE_RECORDS = {
  malformed: define<{ problem: string }>({
    code: 'AP4001', name: 'malformed', severity: 'error', versions: BOTH,
    title: '`${…}` that does not read as a reference: not closed, unknown kind (with a suggestion), wrong number of parts (`${accessPackage:Catalog/Package}` has two), an empty name, an escape other than `\\/`, `\\}`, `\\\\`, or a `${var:…}` name that no value of `accesspolicy.config.json` could have',
    source: { cell: 'references.md', urls: [], own: true },
    // The reference scanner (core/src/references/syntax.ts) says what is wrong with the text.
    message: (a) => a.problem,
  }),
  wrongSlot: define<{ kind: 'notWhole'; key: string; count: number } | { kind: 'slot'; problem: string }>({
    code: 'AP4002', name: 'wrongSlot', severity: 'error', versions: BOTH,
    title: 'A well-formed reference where its kind does not go: a group reference in `userId`, an object reference in a string that is not an id (`displayName`), inside a longer string, or several references in one id',
    source: { cell: 'the schemas\' `x-references`', urls: [], own: true },
    message: (a) => a.kind === 'notWhole'
      ? `\`${a.key}\` takes one reference as its whole value, or an id; this value holds ${a.count} references${a.count === 1 ? ' and more text' : ''}.`
      : a.problem,
  }),
  notFound: define<{ message: string }>({
    code: 'AP4101', name: 'notFound', severity: 'error', versions: BOTH,
    title: 'Nothing in the target tenant has the referenced name',
    source: { cell: 'tenant', urls: [], own: true },
    message: (a) => a.message,
  }),
  ambiguous: define<{ message: string }>({
    code: 'AP4102', name: 'ambiguous', severity: 'error', versions: BOTH,
    title: 'Several objects in the target tenant have the referenced name; the message names each (id and a distinguishing detail: UPN or mail, group type, catalog)',
    source: { cell: 'tenant; display names are not unique in Entra (M365DSC key-parameters doc)', urls: ['https://microsoft365dsc.com/concepts/key-parameters/'] },
    message: (a) => a.message,
  }),
  unreadable: define<{ message: string }>({
    code: 'AP4103', name: 'unreadable', severity: 'error', versions: BOTH,
    title: 'The signed-in identity may not read what the reference needs (403): the message names the permission (`User.Read.All`, `GroupMember.Read.All`, `Application.Read.All`, `EntitlementManagement.Read.All`)',
    source: { cell: 'Graph permissions reference', urls: ['https://learn.microsoft.com/en-us/graph/permissions-reference'] },
    message: (a) => a.message,
  }),
  noEnvironment: define<{ message: string }>({
    code: 'AP4104', name: 'noEnvironment', severity: 'error', versions: BOTH,
    title: '`${var:…}` but no environment is selected (the folder has no `accesspolicy.config.json`, or no `--env` was given)',
    source: PRODUCT,
    message: (a) => a.message,
  }),
  unknownValue: define<{ message: string }>({
    code: 'AP4105', name: 'unknownValue', severity: 'error', versions: BOTH,
    title: '`${var:name}` that the selected environment has no value for',
    source: PRODUCT,
    message: (a) => a.message,
  }),
};
