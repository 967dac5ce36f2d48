// 代办 (helper mode), the flow the portal and both mini-programs share: a relative, logged in
// with her own ID number and SMS code, asks for a holder's consent (his code goes to his own
// phone), the holder gives it by typing his code, and she views his account — read-only —
// until she goes back to her own, the consent expires, or the holder withdraws it (which he
// does from his own login, asked first by the shell). Each function returns plain data for
// the shell to draw; the forms are checked by the core (the login form's rules: ID number,
// phone, SMS code), the texts come from the core's catalog and labels.js.
//
// `ctx` is {port, session}: the core port (port.js) and the session (session.js).
import { t } from './labels.js';

const said = async (port, code) => ({ code, message: await port.message({ code }) });

/**
 * The 代办 page's data: the consents in both directions (consentsView) and whose account is on
 * view. The endpoint's word on the viewing is the one kept (it may have ended the viewing: a
 * consent withdrawn in the meantime).
 */
export async function loadConsents({ port, session }) {
  const answer = await session.client.consents();
  const viewing = answer && answer.viewing ? answer.viewing : null;
  if ((viewing && viewing.psn_no) !== (session.viewing && session.viewing.psn_no)) session.setViewing(viewing);
  return port.consentsView({ answer });
}

/** The banner every page shows while another's account is on view, or null. */
export function viewingBanner({ port, session }) {
  return session.viewing ? port.viewingBanner({ viewing: session.viewing }) : Promise.resolve(null);
}

/** 获取验证码 for the holder: his ID number and phone checked, then the code goes to his phone. */
export async function requestConsentCode({ port, session }, values) {
  const form = await port.loginForm({ values, smsOnly: true });
  if (!form.ok) return { errors: form.errors, notice: null };
  try {
    await session.client.sendConsentCode(form.payload);
    return { errors: {}, notice: await said(port, 'SHELL_CONSENT_SMS_SENT') };
  } catch (error) {
    return { errors: {}, notice: await session.describe(error) };
  }
}

/** 本人同意: every field checked by the core, then the consent is recorded by the endpoint. */
export async function submitConsent({ port, session }, values) {
  const form = await port.loginForm({ values: { ...values, submitted: true } });
  if (!form.ok) return { ok: false, errors: form.errors, error: null, notice: null };
  try {
    const answer = await session.client.giveConsent(form.payload);
    const holderPsnNo = (answer && answer.consent && answer.consent.holder_psn_no) || '';
    return { ok: true, errors: {}, error: null, notice: await said(port, 'SHELL_CONSENT_GIVEN'), holderPsnNo };
  } catch (error) {
    return { ok: false, errors: {}, error: await session.describe(error), notice: null };
  }
}

/** 查看他的账户: the session switches to the holder's account (his consent checked). */
export async function viewAccountOf({ session }, holderPsnNo) {
  try {
    const answer = await session.client.viewAccountOf(holderPsnNo);
    session.setViewing(answer && answer.viewing);
    return { ok: Boolean(session.viewing), error: null };
  } catch (error) {
    return { ok: false, error: await session.describe(error) };
  }
}

/**
 * 回到我的账户. Only once the endpoint agreed: were it not told, its reads would still be the
 * holder's while the banner had gone.
 */
export async function viewOwnAccount({ session }) {
  try {
    await session.client.viewOwnAccount();
    session.setViewing(null);
    session.say('SHELL_PROXY_BACK');
    return { ok: true, error: null };
  } catch (error) {
    return { ok: false, error: await session.describe(error) };
  }
}

/** What the shell asks before a holder withdraws a consent (irreversible: asked first). */
export function withdrawQuestion(who) {
  return { title: t('withdrawTitle'), body: t('withdrawBody', { who }), confirmText: t('withdrawConsent'), cancelText: t('cancel') };
}

/** 撤回同意 (the holder, after saying yes): from this moment the helper's reads are refused. */
export async function withdrawConsent({ port, session }, helperPsnNo) {
  try {
    await session.client.withdrawConsent(helperPsnNo);
    return { ok: true, error: null, notice: await said(port, 'SHELL_CONSENT_ENDED') };
  } catch (error) {
    return { ok: false, error: await session.describe(error), notice: null };
  }
}
