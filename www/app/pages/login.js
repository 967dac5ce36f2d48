// 登录: ID number, phone and SMS code, each checked by the core as the user types; the
// login itself is the shared flow (shared/flows.js). The SMS field says the code is never to
// be told to anyone; 获取验证码 counts down to the next send.
import { t } from '/shared/labels.js';
import { checkLogin, requestSms, submitLogin } from '/shared/flows.js';
import { h, field, setError, showError } from '../dom.js';

const RESEND_SECONDS = 60;

export async function render(app) {
  const { port, session } = app;
  const certno = field({ id: 'certno', label: t('certno'), input: h('input', { autocomplete: 'off', inputmode: 'text', maxlength: '22', spellcheck: 'false' }) });
  const phone = field({ id: 'phone', label: t('phone'), input: h('input', { type: 'tel', autocomplete: 'tel', inputmode: 'tel', maxlength: '20' }) });
  const sms = field({ id: 'sms', label: t('smsCode'), hint: t('smsNeverTell'), input: h('input', { autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: '6' }) });
  const fields = { certno, phone, smsCode: sms };
  const noticeCode = session.takeNotice();
  const notice = h('p.notice#login-notice', { role: 'status', text: noticeCode ? await port.message({ code: noticeCode }) : '' });
  const submit = h('button#login-submit', { type: 'submit', text: t('submitLogin') });
  const sendSms = h('button.secondary#send-sms', { type: 'button', text: t('sendSms') });

  const values = () => ({ certno: certno.input.value, phone: phone.input.value, smsCode: sms.input.value });
  const showErrors = (errors, names = Object.keys(fields)) => { for (const name of names) setError(fields[name], errors[name]); };
  // Checks as typed; a slower answer to an older keystroke is not shown over a newer one.
  let typed = 0;
  async function check() {
    const mine = ++typed;
    const form = await checkLogin(app, values());
    if (mine === typed) showErrors(form.errors);
  }
  for (const f of Object.values(fields)) f.input.addEventListener('input', () => check());

  sendSms.addEventListener('click', async () => {
    const result = await requestSms(app, values());
    showErrors(result.errors, ['certno', 'phone']);
    if (result.notice) notice.textContent = result.notice.message;
    if (result.notice && result.notice.code === 'SHELL_SMS_SENT') countDown();
  });

  // After a code is sent, 获取验证码 waits 60 s (the usual wait between two codes) and says how
  // long is left, instead of a tap that would only be refused. The typed fields stay.
  function countDown(seconds = RESEND_SECONDS) {
    sendSms.disabled = true;
    const tick = () => {
      if (!sendSms.isConnected) return; // the page was left
      if (seconds <= 0) {
        sendSms.disabled = false;
        sendSms.textContent = t('sendSms');
        return;
      }
      sendSms.textContent = t('resendIn', { seconds });
      seconds -= 1;
      setTimeout(tick, 1000);
    };
    tick();
  }

  const form = h('form.card#login-form', { novalidate: true }, certno.el, phone.el, h('div.row', {}, sms.el, sendSms), submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      const result = await submitLogin(app, values());
      showErrors(result.errors);
      if (result.ok) app.go('home');
      else if (result.error) showError(notice, result.error);
    } finally {
      submit.disabled = false;
    }
  });

  // The demo server lists its sample logins (never a real endpoint): one tap fills the form.
  let demo = null;
  try {
    const meta = await session.client.request('GET', '/meta', { auth: false });
    if (meta?.demo) {
      const logins = await port.demoLogins({ logins: meta.demo.logins });
      demo = h('details.card.demo', {}, h('summary', { text: t('demoLogins', { code: meta.demo.sms_code }) }),
        ...logins.map((login) => h('button.link', {
          type: 'button',
          'data-certno': login.certno,
          text: login.label,
          on: { click: () => { certno.input.value = login.certno; phone.input.value = login.phone; sms.input.value = meta.demo.sms_code; check(); } },
        })));
    }
  } catch {
    // No meta, no demo block: the form works the same.
  }
  return h('section.login', {}, notice, form, demo);
}
