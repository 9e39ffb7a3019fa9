import { receiptRoute } from '../../../../../portal/store/receipt'

export const GET = receiptRoute
