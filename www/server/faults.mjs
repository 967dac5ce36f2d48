//! The test switches' request body (POST /__faults), checked field by field: a body that is
//! not an object, an unknown switch or a value of the wrong type is a 400 with the code and
//! the switch named — never a 500, never a half-applied change.

import { RequestProblem } from './requests.mjs';
import { isPolicySetSwitch } from './policies.mjs';

const isInt = (v) => Number.isInteger(v);
const isPath = (v) => v === undefined || (typeof v === 'string' && v.startsWith('/'));
const CLOCK = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;

/** Each switch: whether a value is acceptable (null clears it, where it can be cleared). */
const SWITCHES = {
  slow: (v) => v === null || (typeof v === 'object' && isInt(v.ms) && v.ms >= 0 && v.ms <= 60000 && (v.times === undefined || isInt(v.times)) && isPath(v.path)),
  fail: (v) => v === null || (typeof v === 'object' && (v.status === undefined || (isInt(v.status) && v.status >= 200 && v.status <= 599)) && (v.times === undefined || isInt(v.times)) && isPath(v.path)),
  malformed: (v) => typeof v === 'boolean',
  expireSessions: (v) => typeof v === 'boolean',
  clock: (v) => v === null || (typeof v === 'string' && CLOCK.test(v)),
  // How long the sessions of later logins last (seconds); null: the endpoint's default.
  sessionSeconds: (v) => v === null || (isInt(v) && v >= 1 && v <= 24 * 3600),
  // The text GET /policies/current serves (a newer, broken or older set); null: the built-in.
  policySet: isPolicySetSwitch,
};

/** The checked switches of a /__faults body; throws a 400 RequestProblem. */
export function parseFaults(body) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new RequestProblem(400, 'SHELL_REQUEST_REJECTED');
  for (const [name, value] of Object.entries(body)) {
    if (!Object.prototype.hasOwnProperty.call(SWITCHES, name) || !SWITCHES[name](value)) throw new RequestProblem(400, 'SHELL_REQUEST_REJECTED', name);
  }
  return body;
}
