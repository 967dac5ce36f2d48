// 代办查看: a relative (logged in as herself) asks a holder for his consent — his own SMS code,
// sent to his own phone, typed by him — and then views his account, read-only, with a banner
// on every page (main.js) until she goes back to her own. The same page shows the user who
// may view her own account, each consent withdrawable after asking first (confirm.js). The
// flow is shared with the mini-programs (shared/proxy.js); the forms are checked by the core.
import { t } from '/shared/labels.js';
import { checkLogin } from '/shared/flows.js';
import { loadConsents, requestConsentCode, submitConsent, viewAccountOf, withdrawConsent, withdrawQuestion } from '/shared/proxy.js';
import { h, field, setError, showError } from '../dom.js';
import { askFirst } from '../confirm.js';

const RESEND_SECONDS = 60;

export async function render(app) {
  const { port, session } = app;
  const view = await loadConsents(app);
  const noticeCode = session.takeNotice();
  const notice = h('p.notice#proxy-notice', { role: 'status', text: noticeCode ? await port.message({ code: noticeCode }) : '' });

  // The accounts she may view for someone, by their consent.
  const mine = h('div.card#proxy-mine', {}, h('h3', { text: t('proxyMine') }),
    view.mine.length ? h('ul.consents', {}, view.mine.map((c) => {
      const rowError = h('p.field-error.row-error', { role: 'alert' });
      return h(`li.consent.state-${c.state}`, { 'data-state': c.state },
        h('p', {}, h('span.name', { text: c.who }), ' ', h('span.state', { text: c.stateText })),
        c.canView ? h('button.view-account', { type: 'button', text: t('proxyView'), on: { click: async (event) => {
          event.currentTarget.disabled = true;
          const result = await viewAccountOf(app, c.psnNo);
          if (result.ok) app.go('home');
          else {
            showError(rowError, result.error);
            event.currentTarget.disabled = false;
          }
        } } }) : null,
        rowError);
    })) : h('p', { text: t('none') }));

  // Asking for a consent: the holder's ID number and phone, then his code.
  const certno = field({ id: 'consent-certno', label: t('holderCertno'), input: h('input', { autocomplete: 'off', maxlength: '22', spellcheck: 'false' }) });
  const phone = field({ id: 'consent-phone', label: t('holderPhone'), input: h('input', { type: 'tel', autocomplete: 'off', inputmode: 'tel', maxlength: '20' }) });
  const sms = field({ id: 'consent-sms', label: t('holderSmsCode'), hint: t('holderSmsHint'), input: h('input', { autocomplete: 'off', inputmode: 'numeric', maxlength: '6' }) });
  const fields = { certno, phone, smsCode: sms };
  const values = () => ({ certno: certno.input.value, phone: phone.input.value, smsCode: sms.input.value });
  const showErrors = (errors, names = Object.keys(fields)) => { for (const name of names) setError(fields[name], errors[name]); };
  let typed = 0;
  for (const f of Object.values(fields)) f.input.addEventListener('input', async () => {
    const mine = ++typed;
    const form = await checkLogin(app, values());
    if (mine === typed) showErrors(form.errors);
  });
  const formNotice = h('p.notice#consent-notice', { role: 'status' });
  const sendCode = h('button.secondary#consent-send', { type: 'button', text: t('sendSms') });
  sendCode.addEventListener('click', async () => {
    const result = await requestConsentCode(app, values());
    showErrors(result.errors, ['certno', 'phone']);
    if (result.notice) showError(formNotice, result.notice);
    if (result.notice && result.notice.code === 'SHELL_CONSENT_SMS_SENT') countDown(sendCode);
  });
  const submit = h('button#consent-submit', { type: 'submit', text: t('giveConsent') });
  const submitError = h('p.field-error#consent-error', { role: 'alert' });
  const form = h('form.card#consent-form', { novalidate: true },
    h('h3', { text: t('proxyAskTitle') }),
    h('p.hint', { text: t('proxyAskIntro', { days: view.validDays ?? '—' }) }),
    certno.el, phone.el, h('div.row', {}, sms.el, sendCode), formNotice, submit, submitError);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    submitError.textContent = '';
    try {
      const result = await submitConsent(app, values());
      showErrors(result.errors);
      if (result.error) return showError(submitError, result.error);
      if (!result.ok) return undefined;
      // Given: straight to his account, the banner saying whose it is.
      const viewing = await viewAccountOf(app, result.holderPsnNo);
      if (viewing.ok) app.go('home');
      else showError(submitError, viewing.error);
    } finally {
      submit.disabled = false;
    }
    return undefined;
  });

  // Who may view the user's own account; withdrawing is irreversible, so it asks first.
  const onMine = h('div.card#proxy-on-mine', {}, h('h3', { text: t('proxyOnMine') }),
    view.onMyAccount.length ? h('ul.consents', {}, view.onMyAccount.map((c) => {
      const rowError = h('p.field-error.row-error', { role: 'alert' });
      return h(`li.consent.state-${c.state}`, { 'data-state': c.state },
        h('p', {}, h('span.name', { text: c.who }), ' ', h('span.state', { text: c.stateText })),
        c.canWithdraw ? h('button.danger.withdraw', { type: 'button', text: t('withdrawConsent'), on: { click: async (event) => {
          const button = event.currentTarget;
          if (!(await askFirst({ ...withdrawQuestion(c.who), returnFocus: button }))) return;
          button.disabled = true;
          const result = await withdrawConsent(app, c.psnNo);
          if (result.ok) {
            session.say(result.notice.code);
            app.render();
          } else {
            showError(rowError, result.error);
            button.disabled = false;
          }
        } } }) : null,
        rowError);
    })) : h('p', { text: t('none') }));

  // Who may view one's own account comes before the form: a holder opening this page (to
  // withdraw) finds it without scrolling past a form meant for the helper.
  return h('section.proxy', {}, notice, mine, onMine, form);
}

/** 获取验证码 waits 60 s after a code was sent, saying how long is left (as on the login page). */
function countDown(button, seconds = RESEND_SECONDS) {
  button.disabled = true;
  const tick = () => {
    if (!button.isConnected) return;
    if (seconds <= 0) {
      button.disabled = false;
      button.textContent = t('sendSms');
      return;
    }
    button.textContent = t('resendIn', { seconds });
    seconds -= 1;
    setTimeout(tick, 1000);
  };
  tick();
}
