// What a create (POST) or update (PUT) body must carry, and what it should not: the access
// package reference, a display name, and properties only the service writes.
// Facts: docs/policy-facts.md, "Required on create" and "Service rules" R22; read-only marks
// from CSDL/typings ("Read-only values").
//
// The policy's own `id` is NOT reported: for `accesspolicy deploy` it means "update this policy"
// (the PUT body carries it, as in the docs), so it is intended, not a mistake.
import type { JsonPath } from '../parse';
import type { Rule } from './rule';
import { RULE_RECORDS as D } from '../diagnostics/catalogue';
import { has, isBlank, isRecord } from './helpers';
import { subjectCollections } from './subjectSlots';
import { schemaNavigator } from '../schemas';
import { serviceSetTopLevel } from '../readOnlyProperties';

export const accessPackageRule: Rule = {
  id: 'access-package-reference',
  versions: ['v1.0', 'beta'],
  check(ctx) {
    const p = ctx.policy;
    if (ctx.version === 'beta') {
      if (has(p, 'accessPackageId') && p.accessPackageId !== null) return; // wrong types/non-GUIDs: AP1002/AP1005
      // The v1.0 form `accessPackage: { id }` is reported as the other version's (AP0002), with the fix.
      if (isRecord(p.accessPackage) && p.accessPackage.id !== undefined) return;
      ctx.report(D.accessPackageMissing.at({ path: ['accessPackageId'], missing: !has(p, 'accessPackageId') }, { version: 'beta' }));
      return;
    }
    const pkg = p.accessPackage;
    if (isRecord(pkg) && pkg.id !== undefined && pkg.id !== null) return;
    // The beta form `accessPackageId` is reported as the other version's (AP0002), with the fix.
    if (pkg === undefined && typeof p.accessPackageId === 'string') return;
    const path: JsonPath = isRecord(pkg) ? ['accessPackage', 'id'] : ['accessPackage'];
    ctx.report(
      D.accessPackageMissing.at({ path, missing: isRecord(pkg) ? !has(pkg, 'id') : !has(p, 'accessPackage') }, { version: 'v1.0' }),
    );
  },
};

export const displayNameRule: Rule = {
  id: 'display-name',
  versions: ['v1.0', 'beta'],
  check(ctx) {
    const name = ctx.policy.displayName;
    if (typeof name === 'string' && !isBlank(name)) return;
    if (name !== undefined && name !== null && typeof name !== 'string') return; // AP1002
    ctx.report(D.displayNameMissing.at({ path: ['displayName'], missing: !has(ctx.policy, 'displayName') }));
  },
};

export const readOnlyRule: Rule = {
  id: 'read-only-properties',
  versions: ['v1.0', 'beta'],
  check(ctx) {
    // What the service writes itself (timestamps, who, expanded relations, display names, question
    // ids) is harmless in a body; a property of the access package is not (AP2042's record grades them).
    const flag = (path: JsonPath, what: string, ofThePackage = false) =>
      ctx.report(D.readOnlyProperty.at({ path, onKey: true }, { property: String(path[path.length - 1]), what, ofThePackage }));
    for (const key of serviceSetTopLevel(ctx.version)) {
      // A beta `accessPackage: { id }` is the v1.0 way to name the package, reported as such (AP0002).
      if (ctx.version === 'beta' && key === 'accessPackage' && isRecord(ctx.policy.accessPackage) && has(ctx.policy.accessPackage, 'id'))
        continue;
      if (has(ctx.policy, key))
        flag(
          [key],
          key === 'catalog' || key === 'accessPackageCatalog' || key === 'accessPackage'
            ? 'is read-only (it is filled in when the policy is read with $expand)'
            : 'is set by the service',
        );
    }
    const pkg = ctx.policy.accessPackage;
    if (ctx.version === 'v1.0' && isRecord(pkg)) {
      for (const key of Object.keys(pkg)) {
        if (key !== 'id' && key !== '@odata.type')
          flag(['accessPackage', key], 'belongs to the access package itself and cannot be set through a policy (only `id` is read)', true);
      }
    }
    for (const arrayPath of subjectCollections(ctx)) {
      const items = arrayPath.reduce<unknown>((v, seg) => (v as Record<string | number, unknown>)[seg], ctx.policy) as unknown[];
      items.forEach((item, i) => {
        if (!isRecord(item) || !has(item, 'description')) return;
        // Read-only per the schema for this subject type (an attribute rule's description is the author's own).
        const path = [...arrayPath, i];
        const readOnly = schemaNavigator(ctx.version)
          .schemasAt(path, ctx.policy)
          .some((s) => s.properties?.description?.readOnly === true);
        // Harmless (the service fills it in and ignores what is sent), and handy as a label for a GUID.
        if (readOnly) flag([...path, 'description'], 'is the display name the service fills in for the user, group or organization');
      });
    }
    const questions = ctx.policy.questions;
    if (Array.isArray(questions)) {
      questions.forEach((q, i) => {
        if (isRecord(q) && has(q, 'id')) flag(['questions', i, 'id'], 'of a question is assigned by the service');
      });
    }
  },
};

export const CREATE_BODY_RULES: readonly Rule[] = [accessPackageRule, displayNameRule, readOnlyRule];
