// Reads typed choices out of a fuzz input's bytes (the role Jazzer.js's FuzzedDataProvider
// plays; Jazzer.js itself cannot run here, see tests/fuzz/run.mjs). Past the end every read
// gives zeros, so any byte string is a valid input.
'use strict';

class ByteReader {
  constructor(bytes) {
    this.bytes = bytes;
    this.at = 0;
    this.picked = [];
  }
  byte() {
    return this.at < this.bytes.length ? this.bytes[this.at++] : 0;
  }
  consumeIntegralInRange(min, max) {
    const span = max - min + 1;
    let n = 0;
    for (let i = 0; i < 4 && 256 ** i < span; i += 1) n = n * 256 + this.byte();
    return min + (n % span);
  }
  consumeBoolean() {
    return (this.byte() & 1) === 1;
  }
  consumeNumber() {
    const special = [0, -0, 1, -1, NaN, Infinity, -Infinity, 2 ** 53, Number.MIN_VALUE, 1e21, 0.1, 12.3];
    if (this.consumeBoolean()) return special[this.consumeIntegralInRange(0, special.length - 1)];
    const view = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < 8; i += 1) view.setUint8(i, this.byte());
    return view.getFloat64(0);
  }
  consumeString(maxLength) {
    const length = this.consumeIntegralInRange(0, maxLength);
    const end = Math.min(this.bytes.length, this.at + length);
    const text = Buffer.from(this.bytes.subarray(this.at, end)).toString('utf8');
    this.at = end;
    return text;
  }
  consumeRemainingAsString() {
    const text = Buffer.from(this.bytes.subarray(this.at)).toString('utf8');
    this.at = this.bytes.length;
    return text;
  }
  pickValue(list) {
    return list[this.consumeIntegralInRange(0, list.length - 1)];
  }
  /** pickValue, remembered: the picks name the export an input exercises. */
  pick(list) {
    const chosen = this.pickValue(list);
    this.picked.push(chosen);
    return chosen;
  }
}

module.exports = { ByteReader };
