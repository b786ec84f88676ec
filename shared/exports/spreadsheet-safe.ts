/**
 * A text cell that a spreadsheet will not run: a value starting with =, +, -, @ (or a tab or
 * carriage return before one) is a formula to Excel, so a name typed as "=HYPERLINK(…)" would
 * become a link in an officer's copy. Such a value is kept as text behind an apostrophe (OWASP's
 * advice against CSV injection).
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
