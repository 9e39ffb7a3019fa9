import { ConnectionsPage } from '../../../portal/connections/pages'

export const metadata = { title: 'Connections' }
export default async function Page({ searchParams }: { searchParams: Promise<{ tab?: string; q?: string; page?: string; notice?: string }> }) {
  return <ConnectionsPage {...await searchParams} />
}
