import { ProfileDetailsPage } from '../../../portal/profile/pages'

export const metadata = { title: 'Personal details' }
export default async function Page({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  return <ProfileDetailsPage done={(await searchParams).done} />
}
