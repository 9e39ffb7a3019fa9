import { notFound } from 'next/navigation'

/** Any path no other route answers: the portal's own "Page not found" (404), inside the portal's frame. */
export const metadata = { title: 'Page not found' }
export default function Page() {
  notFound()
}
