// The portal's "ask first" for irreversible actions: a modal <dialog> (showModal gives the
// focus trap, Esc as cancel and the inert page behind it, natively) that says what will
// happen and offers the safe answer first. window.confirm is not used: it cannot be styled
// to 长辈模式 sizes, reads "localhost says…", and some in-app browsers suppress it.
import { h } from './dom.js';

/**
 * Asks; resolves true only for the confirming button. The focus starts on 取消 (an
 * accidental Enter must not unbind) and returns to `returnFocus` after.
 * @param {{title: string, body: string, confirmText: string, cancelText: string, returnFocus?: Element|null}} options
 * @returns {Promise<boolean>}
 */
export function askFirst({ title, body, confirmText, cancelText, returnFocus = null }) {
  return new Promise((resolve) => {
    const cancel = h('button.secondary#confirm-cancel', { type: 'button', text: cancelText });
    const confirm = h('button.danger#confirm-ok', { type: 'button', text: confirmText });
    const dialog = h('dialog.confirm#confirm-dialog', { 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-body' },
      h('h2#confirm-title', { text: title }),
      h('p#confirm-body', { text: body }),
      h('div.confirm-buttons', {}, cancel, confirm));
    let answered = false;
    const finish = (answer) => {
      if (answered) return;
      answered = true;
      if (dialog.open) dialog.close();
      dialog.remove();
      if (returnFocus && returnFocus.isConnected) returnFocus.focus();
      resolve(answer);
    };
    cancel.addEventListener('click', () => finish(false));
    confirm.addEventListener('click', () => finish(true));
    // Esc, or the dialog closed any other way: the answer is no.
    dialog.addEventListener('close', () => finish(false));
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
