// 登录: ID number, phone and SMS code, each checked by the core as the user types; the
// login itself is the shared flow (shared/flows.js). The SMS field says the code is never to
// be told to anyone; 获取验证码 counts down to the next send. Beside it, the provincial
// portal's second way in (#14): 身份证号 + 社保卡号 + 图形验证码, the card number checked by
// the core, the image code with a text alternative (a sum in words) for whoever cannot read it.
import { t } from '/shared/labels.js';
import { checkCardLogin, checkLogin, requestSms, submitCardLogin, submitLogin } from '/shared/flows.js';
import { API_PREFIX } from '/shared/client.js';
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

  const byCard = cardLogin(app, notice);
  // Two ways in, one shown at a time; the choice is a pair of buttons that say which is on.
  const ways = [['sms', t('loginBySms'), form], ['card', t('loginByCard'), byCard.form]];
  const show = (which) => {
    for (const [key, , el] of ways) el.hidden = key !== which;
    for (const button of switcher.querySelectorAll('button')) button.setAttribute('aria-pressed', String(button.dataset.way === which));
    if (which === 'card') byCard.ensureCaptcha();
  };
  const switcher = h('div.row.login-ways#login-ways', {}, ways.map(([key, label]) => h('button.chip', { type: 'button', 'data-way': key, text: label, on: { click: () => show(key) } })));
  show('sms');

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
          on: { click: () => { certno.input.value = login.certno; phone.input.value = login.phone; sms.input.value = meta.demo.sms_code; byCard.fill(login); check(); } },
        })));
    }
  } catch {
    // No meta, no demo block: the form works the same.
  }
  return h('section.login', {}, notice, switcher, form, byCard.form, demo);
}

/** The second login's form: its fields checked by the core as typed, the image code (or its
 * text alternative) fetched when the form is first shown and again after every attempt. */
function cardLogin(app, notice) {
  const { port, session } = app;
  const certno = field({ id: 'card-certno', label: t('certno'), input: h('input', { autocomplete: 'off', maxlength: '22', spellcheck: 'false' }) });
  const cardNo = field({ id: 'card-no', label: t('cardNo'), hint: t('cardNoHint'), input: h('input', { autocomplete: 'off', maxlength: '20', spellcheck: 'false' }) });
  const captcha = field({ id: 'captcha', label: t('captcha'), input: h('input', { autocomplete: 'off', inputmode: 'numeric', maxlength: '6' }) });
  const fields = { certno, cardNo, captcha };
  const image = h('img.captcha#captcha-image', { alt: t('captchaImageAlt'), width: '130', height: '48', hidden: true });
  const question = h('p.captcha-question#captcha-question', { 'aria-live': 'polite', hidden: true });
  const refresh = h('button.secondary#captcha-refresh', { type: 'button', text: t('captchaRefresh') });
  const switchKind = h('button.link#captcha-switch', { type: 'button', text: t('captchaAsText') });
  const submit = h('button#card-submit', { type: 'submit', text: t('submitLogin') });
  let current = null; // {id, kind}
  let kind = 'image';
  async function newCaptcha() {
    try {
      const issued = await session.client.captcha(kind);
      current = { id: issued.id, kind: issued.kind };
      image.hidden = issued.kind !== 'image';
      question.hidden = issued.kind !== 'question';
      if (issued.kind === 'image') image.src = `${API_PREFIX}${issued.image_path}`;
      else question.textContent = issued.question;
      captcha.input.value = '';
    } catch (error) {
      showError(notice, await session.describe(error));
    }
  }
  refresh.addEventListener('click', () => newCaptcha());
  switchKind.addEventListener('click', () => {
    kind = kind === 'image' ? 'question' : 'image';
    switchKind.textContent = kind === 'image' ? t('captchaAsText') : t('captchaAsImage');
    newCaptcha();
  });
  const values = () => ({ certno: certno.input.value, cardNo: cardNo.input.value, captcha: captcha.input.value, captchaId: current ? current.id : '' });
  const showErrors = (errors) => { for (const [name, fieldObj] of Object.entries(fields)) setError(fieldObj, errors[name]); };
  let typed = 0;
  for (const f of Object.values(fields)) f.input.addEventListener('input', async () => {
    const mine = ++typed;
    const form = await checkCardLogin(app, values());
    if (mine === typed) showErrors(form.errors);
  });
  const form = h('form.card#card-login-form', { novalidate: true },
    certno.el, cardNo.el,
    h('div.captcha-box', {}, image, question, h('div.row', {}, refresh, switchKind)),
    captcha.el, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      const result = await submitCardLogin(app, values());
      showErrors(result.errors);
      if (result.ok) app.go('home');
      else if (result.error) showError(notice, result.error);
      if (result.refreshCaptcha) await newCaptcha();
    } finally {
      submit.disabled = false;
    }
  });
  return {
    form,
    ensureCaptcha: () => (current ? null : newCaptcha()),
    fill(login) {
      certno.input.value = login.certno;
      cardNo.input.value = login.card_no ?? '';
    },
  };
}
