//! The policy set the stand-in endpoint publishes (GET /api/v1/policies/current, #15): the
//! JSON of a regional policy set, with its version, issue date and sources at the top. By
//! default it is the core's own built-in set (pkg/node's PolicySet.builtInJson), so a shell
//! that downloads it finds nothing newer. With faults on, a test can make it serve another
//! text (a newer set, a broken one, an older one) through POST /__faults {"policySet": text};
//! a failing download is the `fail` switch with path "/policies".

/** The text served: the test's override, else the built-in set. */
export function policySetText(core, override) {
  return typeof override === 'string' ? override : core.PolicySet.builtInJson();
}

/** Whether a /__faults value for `policySet` is acceptable: a text (≤ 1 MB) or null. */
export const isPolicySetSwitch = (v) => v === null || (typeof v === 'string' && v.length <= 1024 * 1024);
