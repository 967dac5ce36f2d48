// esbuild --inject for the jsc bench bundle: the `process` a bench file reads outside its
// timed code (process.argv at the bottom of bench/identity.mjs; process.hrtime in a size
// note) — inert in jsc, where there is no process.
export const process = {
  argv: [],
  env: {},
  hrtime: { bigint: () => { throw new Error('no process.hrtime in the jsc bench'); } },
};
