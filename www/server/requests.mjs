//! What the stand-in endpoint accepts as a request, checked as a real one would before any
//! route sees it: a body no larger than the limit (413 `SHELL_REQUEST_TOO_LARGE`, answered
//! in full — never a reset connection), JSON text holding an object, and for each route a
//! typed schema (a certno must be a string, not `["…"]`): 400 `SHELL_REQUEST_REJECTED` with
//! the field's name (never its value).

/** The largest request body any route takes. */
export const BODY_LIMIT = 64 * 1024;
/** How much of an oversized body is read and dropped so the 413 reaches the client; beyond
 * this the connection is closed after the answer. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

export class RequestProblem extends Error {
  /** @param {number} status @param {string} code @param {string} [field] */
  constructor(status, code, field) {
    super(code);
    this.status = status;
    this.code = code;
    if (field) this.field = field;
  }
}

/** Drops the rest of a request the endpoint will not read, so its answer can be read. */
function drain(req) {
  let dropped = 0;
  req.on('data', (chunk) => {
    dropped += chunk.length;
    if (dropped > DRAIN_LIMIT) req.destroy();
  });
  req.resume();
}

/** The body as text; an oversized one rejects with a 413 RequestProblem (the rest drained). */
export function readBody(req, limit = BODY_LIMIT) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      drain(req);
      reject(new RequestProblem(413, 'SHELL_REQUEST_TOO_LARGE'));
      return;
    }
    let size = 0;
    const chunks = [];
    let over = false;
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) {
        over = true;
        req.off('data', onData);
        drain(req);
        reject(new RequestProblem(413, 'SHELL_REQUEST_TOO_LARGE'));
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => { if (!over) resolve(Buffer.concat(chunks).toString('utf8')); });
    req.on('error', reject);
  });
}

/** The body as a JSON object ({} when empty); 400 for anything else. */
export async function readJsonObject(req) {
  const text = await readBody(req);
  if (text === '') return {};
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new RequestProblem(400, 'SHELL_REQUEST_REJECTED');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new RequestProblem(400, 'SHELL_REQUEST_REJECTED');
  return body;
}

// Field kinds: 'string' (required, non-empty after trimming), 'string?' (optional), and
// 'amount' (a decimal string, or a number as the national platform sometimes sends).
const KINDS = {
  string: (v) => typeof v === 'string' && v.trim() !== '' && v.length <= 200,
  'string?': (v) => v === undefined || v === null || (typeof v === 'string' && v.length <= 200),
  amount: (v) => (typeof v === 'string' && /^-?\d{1,14}(\.\d{1,2})?$/.test(v.trim())) || (typeof v === 'number' && Number.isFinite(v)),
};

/** The typed body of each route that takes one (see www/openapi.json). */
export const SCHEMAS = {
  'POST /session/sms': { certno: 'string', phone: 'string' },
  'POST /session': { certno: 'string', phone: 'string', sms_code: 'string' },
  'POST /session/card': { certno: 'string', card_no: 'string', captcha_id: 'string', captcha: 'string' },
  'POST /captcha': { kind: 'string?' },
  'POST /persons/query': { certno: 'string', psn_name: 'string' },
  'POST /bindings': { certno: 'string', psn_name: 'string', relation: 'string', phone: 'string?' },
  'POST /wallet/transfers': { amount: 'amount', payee_certno: 'string', payee_name: 'string' },
  'POST /wallet/quotas': { certno: 'string', psn_name: 'string', relation: 'string?', amount: 'amount' },
  'POST /consents/sms': { certno: 'string', phone: 'string' },
  'POST /consents': { certno: 'string', phone: 'string', sms_code: 'string' },
};

/** Throws a 400 RequestProblem naming the first field of `body` that breaks `schema`. */
export function checkBody(schema, body) {
  for (const [field, kind] of Object.entries(schema)) {
    if (!KINDS[kind](body[field])) throw new RequestProblem(400, 'SHELL_REQUEST_REJECTED', field);
  }
}
