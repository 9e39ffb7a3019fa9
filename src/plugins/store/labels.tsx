import type { Order } from '../../payload-types'

/** Delivery labels for a batch's orders, as a PDF (filled in below). */
export async function renderLabels(orders: readonly Order[]): Promise<Buffer> {
  void orders
  throw new Error('not yet')
}
