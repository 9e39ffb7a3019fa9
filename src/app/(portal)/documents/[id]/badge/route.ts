import { documentFileRoute } from '../../../../../portal/documents/routes'

export const GET = documentFileRoute('badge')
