'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'

import { recordId } from '../../lib/ids'
import { signInPath } from '../../lib/returnPath'
import { portalPayload, signedInUser } from '../payload'

/** The learner's switch: may the public verification page show this document itself? */
export async function setShowOnVerify(data: FormData): Promise<void> {
  const user = await signedInUser()
  if (!user || user.collection !== 'accounts') redirect(signInPath('/documents'))
  const id = recordId(data.get('document'))
  const payload = await portalPayload()
  // As the learner: the collection lets them change this field on their own documents only.
  const changed = id !== null
    ? await payload.update({ collection: 'documents', id, data: { showOnVerify: data.get('show') === 'on' }, overrideAccess: false, user }).then(
        () => true,
        (error: Error) => {
          payload.logger.warn({ document: id, account: user.id, error: error.message }, 'The "show on the verification page" switch failed')
          return false
        },
      )
    : false
  if (!changed) redirect('/documents?error=verify-switch')
  revalidatePath('/documents')
}
