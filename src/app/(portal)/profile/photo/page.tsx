import { PhotoPage } from '../../../../portal/profile/pages'

export const metadata = { title: 'Profile photo' }
export default async function Page({ searchParams }: { searchParams: Promise<{ done?: string; error?: string }> }) {
  const { done, error } = await searchParams
  return <PhotoPage done={done} error={error} />
}
