//! Resident ID numbers for the sample families: GB 11643-1999 layout (address code, birth date,
//! order, check character) with the ISO 7064 MOD 11-2 check character computed, so every
//! sample number is valid. The address codes are real Gansu (and one Shaanxi) GB/T 2260 codes.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The MOD 11-2 check character of the first 17 digits. */
export function checkCharacter(first17) {
  if (!/^\d{17}$/.test(first17)) throw new Error('want 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/**
 * A valid 18-character number. `order` is the 3-digit sequence number; its parity carries the
 * sex (odd male, even female), so callers pass the sex and a serial and the order follows.
 */
export function residentId({ region, birth, sex, serial = 1 }) {
  const base = 2 * (serial % 499) + (sex === 'male' ? 1 : 0);
  const order = String(base === 0 ? 2 : base).padStart(3, '0');
  const first17 = `${region}${birth.replaceAll('-', '')}${order}`;
  return first17 + checkCharacter(first17);
}

/** psn_no as the national platform shows it: 26 digits starting with the region code. */
export function psnNo(region, serial) {
  return region + String(serial).padStart(20, '0');
}
