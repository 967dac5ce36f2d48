// 登录: ID number, phone and SMS code, each checked by the core as the user types.
import { t } from '/shared/labels.js';
import { loginErrors, messageText, errorView } from '/shared/views.js';
import { h, field, setError, showError } from '../dom.js';

export async function render(app) {
  const { core, client } = app;
  const certno = field({ id: 'certno', label: t('certno'), input: h('input', { autocomplete: 'off', inputmode: 'text', maxlength: '22', spellcheck: 'false' }) });
  const phone = field({ id: 'phone', label: t('phone'), input: h('input', { type: 'tel', autocomplete: 'tel', inputmode: 'tel', maxlength: '20' }) });
  const sms = field({ id: 'sms', label: t('smsCode'), input: h('input', { autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: '6' }) });
  const fields = { certno, phone, smsCode: sms };
  const notice = h('p.notice#login-notice', { role: 'status', text: app.notice });
  app.notice = '';
  const submit = h('button#login-submit', { type: 'submit', text: t('submitLogin') });
  const sendSms = h('button.secondary#send-sms', { type: 'button', text: t('sendSms') });

  const values = (submitted = false) => ({ certno: certno.input.value, phone: phone.input.value, smsCode: sms.input.value, submitted });
  function check(submitted = false) {
    const result = loginErrors(core, values(submitted));
    for (const [name, f] of Object.entries(fields)) setError(f, result.byField[name]);
    return result.ok;
  }
  for (const f of Object.values(fields)) f.input.addEventListener('input', () => check());

  sendSms.addEventListener('click', async () => {
    const result = loginErrors(core, { certno: certno.input.value, phone: phone.input.value, smsCode: '000000', submitted: true });
    setError(certno, result.byField.certno);
    setError(phone, result.byField.phone);
    if (result.byField.certno || result.byField.phone) return;
    try {
      await client.sendSmsCode({ certno: certno.input.value.trim(), phone: phone.input.value.trim() });
      notice.textContent = messageText(core, 'SHELL_SMS_SENT');
    } catch (error) {
      notice.textContent = errorView(core, error).message;
    }
  });

  const form = h('form.card#login-form', { novalidate: true }, certno.el, phone.el, h('div.row', {}, sms.el, sendSms), submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!check(true)) return;
    submit.disabled = true;
    try {
      await client.login({ certno: certno.input.value.trim(), phone: phone.input.value.trim(), smsCode: sms.input.value.trim() });
      app.go('home');
    } catch (error) {
      showError(notice, errorView(core, error));
    } finally {
      submit.disabled = false;
    }
  });

  // The demo server lists its sample logins (never a real endpoint): one tap fills the form.
  let demo = null;
  try {
    const meta = await client.request('GET', '/meta', { auth: false });
    if (meta?.demo) {
      demo = h('details.card.demo', {}, h('summary', { text: t('demoLogins', { code: meta.demo.sms_code }) }),
        ...meta.demo.logins.map((login) => h('button.link', {
          type: 'button',
          'data-certno': login.certno,
          text: `${login.label}：${core.maskResidentId(login.certno)} / ${core.maskPhone(login.phone)}`,
          on: { click: () => { certno.input.value = login.certno; phone.input.value = login.phone; sms.input.value = meta.demo.sms_code; check(); } },
        })));
    }
  } catch {
    // No meta, no demo block: the form works the same.
  }
  return h('section.login', {}, notice, form, demo);
}
