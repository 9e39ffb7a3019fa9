import { uploadPhoto } from '../../../../../portal/profile/routes'

export const dynamic = 'force-dynamic'
export const POST = uploadPhoto
