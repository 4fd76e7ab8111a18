/**
 * Luhn (mod 10, weights 1-2-1-2 from the right-most digit, doubled digits above 9 minus 9).
 * Used for the legacy NPWP check digit (domain-checks.md §2, R-NPWP-1/3).
 */
export function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum;
}

export function luhnValid(digits: string): boolean {
  return /^\d+$/.test(digits) && luhnSum(digits) % 10 === 0;
}

/** The digit that, appended to `payload`, makes it pass Luhn. */
export function luhnCheckDigit(payload: string): number {
  return (10 - (luhnSum(payload + '0') % 10)) % 10;
}
