import { HelpPage, helpPageTitle } from '../../../../portal/content/HelpPage'

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props) {
  return { title: await helpPageTitle((await params).slug) }
}

export default async function Page({ params }: Props) {
  return <HelpPage slug={(await params).slug} />
}
