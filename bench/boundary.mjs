// The cost of one boundary crossing with a string result, beside the same lookup in JS: the
// floor under every other row.
import { gongji } from './lib.mjs';

const N = 100_000;
export const cases = [
  {
    name: `messageFor × ${N / 1000}k`,
    setup: () => {
      const codes = gongji.errorCodes();
      const table = Object.fromEntries(codes.map((c) => [c, gongji.messageFor(c)]));
      // What an app without the core calls for a message: a function over its own table (a
      // bare table read in the loop would be no call at all, which no function API can be).
      const messageOf = (code) => table[code];
      return { codes, messageOf };
    },
    gongji: ({ codes }) => {
      let total = 0;
      for (let i = 0; i < N; i++) total += gongji.messageFor(codes[i % codes.length]).length;
      return total;
    },
    peerName: 'plain-JS lookup function',
    peer: ({ codes, messageOf }) => {
      let total = 0;
      for (let i = 0; i < N; i++) total += messageOf(codes[i % codes.length]).length;
      return total;
    },
    check: (a, b) => { if (a !== b) throw new Error(`messageFor bench: ${a} != ${b}`); },
  },
];
