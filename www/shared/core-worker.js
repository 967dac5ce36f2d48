// The Worker end of the core port (port.js channelPort): loads the core on the first
// message, then answers each {id, method, args} with {id, ok, value} or {id, ok: false,
// error: {name, code, message, slots}}. Messages are answered in the order they came.
//
// `endpoint` is what the Worker's global offers: Alipay's and WeChat's `worker`
// ({onMessage(cb), postMessage(msg)}), or a stand-in. `load()` resolves to the initialised
// gongji module, `loadStart()` to its start module (core-service.js lazyService); a load
// that fails is reported to the calls waiting for it and tried again with the next message.

import { crossingError, lazyService } from './core-service.js';

/**
 * @param {{onMessage(cb: (message: any) => void): void, postMessage(message: any): void}} endpoint
 * @param {{load: () => Promise<any>, loadStart?: () => Promise<any>, path?: string, defer?: (run: () => void) => void}} options
 */
export function serveCore(endpoint, { load, loadStart, path = 'worker', defer }) {
  const core = lazyService({ load, loadStart, path, defer });
  // One queue: a call waits for the one before it, so a restored ledger is in place before
  // the calls that read it.
  let queue = Promise.resolve();
  endpoint.onMessage((message) => {
    const id = message && typeof message.id === 'number' ? message.id : -1;
    const method = message && typeof message.method === 'string' ? message.method : '';
    queue = queue.then(async () => {
      try {
        const answer = await core.run(method, message.args);
        endpoint.postMessage(answer.ok ? { id, ok: true, value: answer.value === undefined ? null : answer.value } : { id, ok: false, error: answer.error });
      } catch (error) {
        // A core that failed to load has no errors of its own to vouch for: a PortError.
        endpoint.postMessage({ id, ok: false, error: crossingError(error, null) });
      }
    });
  });
}
