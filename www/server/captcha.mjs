//! The image code of the portal's second login (身份证号 + 社保卡号 + 图形验证码, #14), with the
//! text alternative the 工信部 适老化 norm asks for beside any non-text captcha: a short sum in
//! words ("七加五等于几？"), read aloud by a screen reader and answerable without seeing the
//! image. Each code is used once and lapses after five minutes; a wrong answer spends it, so
//! the shell fetches a new one. The image is an SVG served by the endpoint itself (the
//! portal's CSP allows images from 'self' only, never data: URLs).

import crypto from 'node:crypto';

export const CAPTCHA_SECONDS = 5 * 60;
const WORDS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 4 digits drawn as an SVG, each a little turned, over a few lines of noise. */
function imageOf(digits, random) {
  const turn = () => Math.round((random() - 0.5) * 30);
  const glyphs = [...digits].map((d, i) => `<text x="${18 + i * 26}" y="38" transform="rotate(${turn()} ${18 + i * 26} 30)">${d}</text>`).join('');
  const lines = [0, 1, 2].map(() => `<line x1="${Math.round(random() * 20)}" y1="${Math.round(random() * 48)}" x2="${110 + Math.round(random() * 20)}" y2="${Math.round(random() * 48)}"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="130" height="48" viewBox="0 0 130 48" role="img" aria-label="图形验证码">`
    + `<rect width="130" height="48" fill="#f4f6f8"/><g stroke="#8a95a0" stroke-width="1.5">${lines}</g>`
    + `<g font-family="DejaVu Sans Mono, monospace" font-size="30" font-weight="700" fill="#1a1a1a">${glyphs}</g></svg>`;
}

/**
 * @param {() => number} now  ms
 * @param {() => number} [random]  in [0, 1)
 */
export function createCaptchas(now, random = Math.random) {
  const issued = new Map(); // id → {answer, svg, expires}

  const sweep = () => {
    for (const [id, entry] of issued) if (entry.expires <= now()) issued.delete(id);
  };

  return {
    /** A new code: "image" (4 digits in an SVG) or "question" (a sum in words). */
    issue(kind) {
      sweep();
      const id = crypto.randomBytes(12).toString('base64url');
      const expires = now() + CAPTCHA_SECONDS * 1000;
      if (kind === 'question') {
        const a = 1 + Math.floor(random() * 9);
        const b = 1 + Math.floor(random() * 9);
        issued.set(id, { answer: String(a + b), svg: null, expires });
        return { id, kind, question: `${WORDS[a]}加${WORDS[b]}等于几？请填数字。`, expires_in: CAPTCHA_SECONDS };
      }
      const digits = Array.from({ length: 4 }, () => String(Math.floor(random() * 10))).join('');
      issued.set(id, { answer: digits, svg: imageOf(digits, random), expires });
      return { id, kind: 'image', image_path: `/captcha/${id}.svg`, expires_in: CAPTCHA_SECONDS };
    },
    /** The SVG of an image code still in force, or null. */
    svg(id) {
      const entry = issued.get(id);
      return entry && entry.svg && entry.expires > now() ? entry.svg : null;
    },
    /** 'ok', 'wrong' or 'expired' (unknown or lapsed); the code is spent either way. */
    check(id, answer) {
      const entry = issued.get(id);
      issued.delete(id);
      if (!entry || entry.expires <= now()) return 'expired';
      return String(answer).trim() === entry.answer ? 'ok' : 'wrong';
    },
    reset() {
      issued.clear();
    },
  };
}
