import { EditAddressPage } from '../../../../../portal/profile/pages'

export const metadata = { title: 'Change an address' }
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  return <EditAddressPage id={(await params).id} />
}
