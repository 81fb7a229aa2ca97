/**
 * The FINESS number check the engine applies (main/incidents/model.ts), so
 * the form can say what is wrong before saving: nine characters — département
 * (2 digits, 2A/2B in Corsica), six digits, and a Luhn key on the first eight
 * (Corsican numbers: format only).
 */
function luhnKey(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** null when valid (or empty: the number is optional), else the i18n key of the problem. */
export function finessProblem(value: string): 'format' | 'key' | null {
  const finess = value.trim().toUpperCase();
  if (!finess) return null;
  if (/^2[AB]\d{7}$/.test(finess)) return null;
  if (!/^\d{9}$/.test(finess)) return 'format';
  return luhnKey(finess.slice(0, 8)) === Number(finess[8]) ? null : 'key';
}
