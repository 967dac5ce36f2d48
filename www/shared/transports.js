// One transport per platform for shared/client.js. Each takes {method, url, headers, body,
// timeoutMs}, resolves to {status, text} for every HTTP answer (errors included: the client
// decides what a status means), and rejects with {code: 'SHELL_TIMEOUT' | 'SHELL_OFFLINE'}
// when no answer came. Bodies stay text, so the ledger reaches the core unparsed and its
// amounts stay exact.

const failure = (code, cause) => Object.assign(new Error(code), { code, cause });

/** Browsers (and Node ≥ 18): the standard fetch, aborted after timeoutMs. */
export function fetchTransport(fetchImpl) {
  return async function transport({ method, url, headers, body, timeoutMs }) {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const response = await (fetchImpl || fetch)(url, { method, headers, body, signal: controller.signal, credentials: 'omit', cache: 'no-store' });
      const text = await response.text();
      return { status: response.status, text };
    } catch (cause) {
      throw failure(timedOut ? 'SHELL_TIMEOUT' : 'SHELL_OFFLINE', cause);
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * WeChat: wx.request. dataType other than 'json' keeps the body as text; HTTP errors come
 * to `success` with their statusCode; `fail` means no answer (errMsg names a timeout).
 */
export function wxTransport(wx) {
  return function transport({ method, url, headers, body, timeoutMs }) {
    return new Promise((resolve, reject) => {
      wx.request({
        url,
        method,
        header: headers,
        data: body,
        dataType: 'text',
        responseType: 'text',
        timeout: timeoutMs,
        success: (res) => resolve({ status: res.statusCode, text: typeof res.data === 'string' ? res.data : JSON.stringify(res.data) }),
        fail: (err) => reject(failure(/timeout|超时/i.test(String(err && err.errMsg)) ? 'SHELL_TIMEOUT' : 'SHELL_OFFLINE', err)),
      });
    });
  };
}

/**
 * Alipay: my.request. dataType 'text' keeps the body as text. Alipay reports HTTP errors to
 * `fail` with error 19 and the status; error 13 is a timeout; anything else means no answer.
 */
export function myTransport(my) {
  return function transport({ method, url, headers, body, timeoutMs }) {
    return new Promise((resolve, reject) => {
      my.request({
        url,
        method,
        headers,
        data: body,
        dataType: 'text',
        timeout: timeoutMs,
        success: (res) => resolve({ status: res.status, text: typeof res.data === 'string' ? res.data : JSON.stringify(res.data) }),
        fail: (err) => {
          if (err && typeof err.status === 'number' && err.status > 0) {
            resolve({ status: err.status, text: typeof err.data === 'string' ? err.data : JSON.stringify(err.data ?? '') });
          } else {
            reject(failure(err && err.error === 13 ? 'SHELL_TIMEOUT' : 'SHELL_OFFLINE', err));
          }
        },
      });
    });
  };
}
