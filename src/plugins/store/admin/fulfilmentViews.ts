/** The orders list filtered to one step of fulfilment: the list's own filter, in its address. */
export const FULFILMENT_VIEWS = [
  { label: 'Orders to fulfil', query: 'where[status][equals]=paid&where[printBatch][exists]=false' },
  { label: 'Printed, to dispatch', query: 'where[status][equals]=printed' },
  { label: 'Orders on hold', query: 'where[status][equals]=on-hold' },
  { label: 'Payments to check', query: 'where[paymentProblem][exists]=true' },
] as const
