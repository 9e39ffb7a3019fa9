import { downloadMyData } from '../../../../portal/profile/routes'

export const dynamic = 'force-dynamic'
export const GET = downloadMyData
