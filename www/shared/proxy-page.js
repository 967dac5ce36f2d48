// 代办查看 in the WeChat and Alipay mini-programs: the Page() options of pages/proxy (the
// flow is shared/proxy.js, as in the portal), and what every page adds for 代办 — the banner
// data while another's account is on view and its 回到我的账户 handler. miniapp.js passes in
// its page helpers (page, guarded, askFirst), so this module owns only 代办.
import { t } from './labels.js';
import { loadConsents, requestConsentCode, submitConsent, viewAccountOf, viewOwnAccount, viewingBanner, withdrawConsent, withdrawQuestion } from './proxy.js';

const RESEND_SECONDS = 60;
const EMPTY_FORM = { certno: '', phone: '', smsCode: '' };
const value = (event) => (event && event.detail ? event.detail.value : '');

/** The banner data every page's template reads (`banner`: null on one's own account). */
export async function bannerData(shell) {
  return { banner: shell.session.isLoggedIn() ? await viewingBanner(shell) : null };
}

/** The handler every page has: 回到我的账户 from the banner. */
export const bannerHandlers = (getApp) => ({
  async onProxyBack() {
    const shell = getApp().shell;
    const result = await viewOwnAccount(shell);
    if (result.ok) shell.go('home');
    else this.setData({ error: { code: result.error.code, message: result.error.message, retry: false } });
  },
});

/**
 * Page() options of 代办查看.
 * @param {{page: Function, guarded: Function, askFirst: Function, getApp: Function}} helpers
 */
export function proxyPageOptions({ page, guarded, askFirst, getApp }) {
  const ctx = () => getApp().shell;
  const keys = ['proxy', 'proxyMine', 'proxyOnMine', 'proxyView', 'proxyAskTitle', 'holderCertno', 'holderPhone', 'holderSmsCode', 'holderSmsHint',
    'sendSms', 'giveConsent', 'withdrawConsent', 'none'];
  return page('proxy', getApp, keys, guarded(async function (shell) {
    const view = await loadConsents(shell);
    const code = shell.session.takeNotice();
    return {
      view,
      intro: t('proxyAskIntro', { days: view.validDays === null ? '—' : view.validDays }),
      notice: code ? await shell.port.message({ code }) : '',
      form: this.data.form || EMPTY_FORM,
      errors: {},
      formNotice: '',
      submitError: null,
      sendLabel: this.data.resendLeft > 0 ? t('resendIn', { seconds: this.data.resendLeft }) : t('sendSms'),
    };
  }), {
    async onInput(event) {
      const form = Object.assign({}, this.data.form, { [event.currentTarget.dataset.field]: value(event) });
      this.setData({ form });
      const checked = await ctx().port.loginForm({ values: form });
      this.setData({ errors: checked.errors });
    },
    async onSendCode() {
      if (this.data.resendLeft > 0) return;
      const result = await requestConsentCode(ctx(), this.data.form);
      this.setData({ errors: result.errors });
      if (result.notice) this.setData({ formNotice: result.notice.message, formNoticeCode: result.notice.code });
      if (result.notice && result.notice.code === 'SHELL_CONSENT_SMS_SENT') countDown(this);
    },
    async onSubmitConsent() {
      const shell = ctx();
      const result = await submitConsent(shell, this.data.form);
      this.setData({ errors: result.errors, submitError: result.error });
      if (!result.ok) return;
      const viewing = await viewAccountOf(shell, result.holderPsnNo);
      if (viewing.ok) shell.go('home');
      else this.setData({ submitError: viewing.error });
    },
    async onViewAccount(event) {
      const shell = ctx();
      const result = await viewAccountOf(shell, event.currentTarget.dataset.psn);
      if (result.ok) shell.go('home');
      else this.setData({ submitError: result.error });
    },
    // Irreversible: the platform's modal asks first, saying what ends from this moment.
    async onWithdraw(event) {
      const shell = ctx();
      const psn = event.currentTarget.dataset.psn;
      const consent = ((this.data.view && this.data.view.onMyAccount) || []).find((c) => c.psnNo === psn);
      const question = withdrawQuestion(consent ? consent.who : '');
      if (!(await askFirst(shell, { title: question.title, content: question.body, confirmText: question.confirmText, cancelText: question.cancelText }))) return undefined;
      const result = await withdrawConsent(shell, psn);
      if (!result.ok) return this.setData({ submitError: result.error });
      shell.session.say(result.notice.code);
      return this.refresh();
    },
    onUnload() {
      this.unloaded = true;
    },
  }, { view: null, intro: '', notice: '', form: EMPTY_FORM, errors: {}, formNotice: '', formNoticeCode: '', submitError: null, sendLabel: t('sendSms'), resendLeft: 0 });
}

/**
 * 获取验证码 waits 60 s after a code was sent and says how long is left (the login page does
 * the same), so an elderly user is not left tapping a button that would only be refused.
 */
export function countDown(instance, seconds = RESEND_SECONDS, setTimer = setTimeout) {
  const tick = () => {
    if (instance.unloaded) return;
    instance.setData({ resendLeft: seconds, sendLabel: seconds > 0 ? t('resendIn', { seconds }) : t('sendSms') });
    if (seconds <= 0) return;
    seconds -= 1;
    setTimer(tick, 1000);
  };
  tick();
}
