// The form flows the portal and both mini-programs share: login (and its SMS request), the
// bind check and request, unbind, the transfer check and request. Each takes what the user
// typed and returns plain data for the shell to render — `{errors, payload}` plus what the
// flow adds (`error` {code, message} when the endpoint refused or failed, `decision`,
// `check`, `ok`) — so a shell only draws. The checks and the normalised values sent come
// from the core through the port; the requests go through the session's API client.
//
// `ctx` is {port, session}: the core port (port.js) and the session (session.js).

const today = (chinaTime) => chinaTime().slice(0, 10);

/** China local time ("yyyy-MM-dd HH:mm:ss", UTC+8) of a JS time: what the core compares. */
export function chinaTime(ms = Date.now()) {
  return new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The login form's field errors as the user types (empty fields stay quiet). */
export function checkLogin({ port }, values) {
  return port.loginForm({ values });
}

/** 获取验证码: checks the ID number and phone, then asks the endpoint to send the code. */
export async function requestSms({ port, session }, values) {
  const form = await port.loginForm({ values, smsOnly: true });
  if (!form.ok) return { errors: form.errors, payload: null, notice: null };
  try {
    await session.client.sendSmsCode(form.payload);
    return { errors: {}, payload: form.payload, notice: { code: 'SHELL_SMS_SENT', message: await port.message({ code: 'SHELL_SMS_SENT' }) } };
  } catch (error) {
    return { errors: {}, payload: form.payload, notice: await session.describe(error) };
  }
}

/** 登录: every field checked by the core, then the session starts. */
export async function submitLogin({ port, session }, values) {
  const form = await port.loginForm({ values: { ...values, submitted: true } });
  if (!form.ok) return { ok: false, errors: form.errors, payload: null, error: null };
  try {
    await session.login(form.payload);
    return { ok: true, errors: {}, payload: form.payload, error: null };
  } catch (error) {
    return { ok: false, errors: {}, payload: form.payload, error: await session.describe(error) };
  }
}

/** The second login's fields as the user types (empty fields stay quiet). */
export async function checkCardLogin({ port }, values) {
  return port.cardLoginForm({ values });
}

/**
 * The second login (身份证号 + 社保卡号 + 验证码). The code is spent by any answer, right or
 * wrong, so after a refusal the shell shows a new one (`refreshCaptcha`: true).
 */
export async function submitCardLogin({ port, session }, values) {
  const form = await port.cardLoginForm({ values: { ...values, submitted: true } });
  if (!form.ok) return { ok: false, errors: form.errors, error: null, refreshCaptcha: false };
  try {
    await session.login({ ...form.payload, captchaId: values.captchaId }, { by: 'card' });
    return { ok: true, errors: {}, error: null, refreshCaptcha: false };
  } catch (error) {
    return { ok: false, errors: {}, error: await session.describe(error), refreshCaptcha: true };
  }
}

/**
 * 绑定亲属, before submitting: the form's own field errors; once they pass, the relative's
 * insurance is looked up (a read: the client may retry it) and the core decides
 * eligibility. A failed look-up comes back as a decision with `retry` (nothing left to
 * change, so the shell offers the look-up again).
 */
export async function checkBind({ port, session }, values, { submitted = false } = {}) {
  const form = await port.bindForm({ values: { ...values, submitted } });
  if (!form.ok) return { errors: form.errors, payload: null, decision: null };
  const data = await session.load();
  try {
    const member = await session.client.queryPerson({ certno: form.payload.certno, psn_name: form.payload.psn_name });
    const decision = await port.eligibilityView({ holder: data.person, member, relation: form.payload.relation, date: today(chinaTime), bindings: data.bindings });
    // The relative as a quota form needs them (a wallet relation has a quota, not a binding).
    const relative = { ...form.payload, psnNo: (member && member.baseinfo && member.baseinfo.psn_no) || '' };
    return { errors: form.errors, payload: form.payload, decision, relative };
  } catch (error) {
    const view = await session.describe(error);
    return {
      errors: form.errors,
      payload: form.payload,
      decision: { eligible: false, verdict: view.message, code: view.code, retry: true, reasons: [], warnings: [], policy: null, needsFaceCheck: false },
    };
  }
}

/** 提交绑定申请: checked again, sent once (never retried), then the account reloads. */
export async function submitBind(ctx, values) {
  const checked = await checkBind(ctx, values, { submitted: true });
  if (!checked.decision || !checked.decision.eligible) return { ...checked, ok: false, error: null };
  try {
    await ctx.session.client.bind(checked.payload);
    await ctx.session.load({ force: true });
    ctx.session.say('SHELL_BIND_SUBMITTED');
    return { ...checked, ok: true, error: null };
  } catch (error) {
    return { ...checked, ok: false, error: await ctx.session.describe(error) };
  }
}

/** 解除绑定 (the shell has asked first): sent once, then the account reloads. */
export async function unbind({ session }, psnNo) {
  try {
    await session.client.unbind(psnNo);
    await session.load({ force: true });
    session.say('SHELL_UNBOUND');
    return { ok: true, error: null };
  } catch (error) {
    return { ok: false, error: await session.describe(error) };
  }
}

/** 医保钱包 as the user types: the amount and every wallet rule (no request). */
export function checkTransfer({ port }, values, wallet) {
  return port.transferForm({ values, wallet });
}

/** 提交划拨: name, ID number, amount and rules checked by the core, then sent once. */
export async function submitTransfer({ port, session }, values, wallet) {
  const form = await port.transferForm({ values, wallet });
  if (!form.ok) return { ...form, error: null };
  try {
    await session.client.transfer(form.payload);
    session.say('SHELL_TRANSFER_SUBMITTED');
    return { ...form, error: null };
  } catch (error) {
    return { ...form, ok: false, error: await session.describe(error) };
  }
}

/**
 * A date range given back to front (开始 after 结束) is what the user meant the other way
 * round: the two dates are swapped, and `swapped` tells the shell to say so — rather than
 * showing "共 0 条" with no reason. Dates are "yyyy-MM-dd", so text order is date order.
 */
export function orderDateRange(filters) {
  const { from, to } = filters;
  if (from && to && from > to) return { filters: Object.assign({}, filters, { from: to, to: from }), swapped: true };
  return { filters, swapped: false };
}

/** The holder's region (insuplc_admdvs): chooses the policy a quota is checked under. */
const regionOf = (person) => (((person && person.insuinfo) || [])[0] || {}).insuplc_admdvs || '';

/**
 * 共济额度 as the user types: the core checks the amount for this relative against the
 * balance and the other quotas (no request). `psnNo` is the relative's 人员编号 ('' for one
 * who has no quota yet).
 */
export async function checkQuota({ port, session }, amountText, psnNo) {
  const data = await session.load();
  if (!data.wallet) return { ok: false, amount: null, reasons: [], policy: null, payload: null, unknown: true };
  return port.quotaCheck({ amountText, psnNo, wallet: data.wallet, date: today(chinaTime), region: regionOf(data.person) });
}

/**
 * 确定额度: checked again by the core, then sent once; the account reloads (the quota and
 * its record in the history). `relative` is {certno, psn_name, relation, psnNo}.
 */
export async function submitQuota(ctx, relative, amountText) {
  const check = await checkQuota(ctx, amountText, relative.psnNo || '');
  if (!check.ok) return { ok: false, check, error: null };
  try {
    await ctx.session.client.setQuota({ certno: relative.certno, psn_name: relative.psn_name, relation: relative.relation, amount: check.payload.amount });
    await ctx.session.load({ force: true });
    return { ok: true, check, error: null };
  } catch (error) {
    return { ok: false, check, error: await ctx.session.describe(error) };
  }
}

/** What a release would do (the text of the confirmation the shell must ask first). */
export async function previewRelease({ port, session }, psnNo) {
  const data = await session.load();
  if (!data.wallet) return null;
  return port.quotaReleaseView({ wallet: data.wallet, psnNo });
}

/** 释放额度 (the shell has asked first: it cannot be undone): sent once, then reloads. */
export async function releaseQuota({ session }, psnNo) {
  try {
    await session.client.releaseQuota(psnNo);
    await session.load({ force: true });
    return { ok: true, error: null };
  } catch (error) {
    return { ok: false, error: await session.describe(error) };
  }
}
