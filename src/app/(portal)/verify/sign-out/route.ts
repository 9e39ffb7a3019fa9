import { signOutFromVerifyPage } from '../../../../portal/verify/signOut'

export const POST = signOutFromVerifyPage
