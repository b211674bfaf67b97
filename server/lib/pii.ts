// DESIGN.md: phone numbers are visible to the hiring company and masked for everyone else.

/** 13812345678 → 138****5678 */
export const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****')

/** 王小明 → 王**; keeps the family name an organizer needs to tell rows apart, no more. */
export const maskName = (name: string) => {
  const chars = [...name]
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(Math.min(chars.length - 1, 3))
}
