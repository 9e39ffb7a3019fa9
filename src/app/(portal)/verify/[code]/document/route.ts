import { verifiedDocumentRoute } from '../../../../../portal/verify/document'

export const GET = verifiedDocumentRoute
