/** Session cookies: Secure in production, never readable by scripts (Payload sets HttpOnly). */
export const authCookies = {
  sameSite: 'Lax' as const,
  secure: process.env.NODE_ENV === 'production',
}
