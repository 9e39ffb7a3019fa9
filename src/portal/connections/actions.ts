'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'

import type { SignedInUser } from '../../access/users'
import type { ConnectionAction } from '../../lib/connections'
import { accessDateFrom, actOnConnection, requestConnection, shareWithThirdParty, type FieldErrors } from '../../plugins/connections'
import { signInPath } from '../../lib/returnPath'
import { portalPayload, signedInUser } from '../payload'

/** `confirming`: a delete or cancel asked for, not yet confirmed (the form asks once, with or without JavaScript). */
export type FormState = { errors?: FieldErrors; values?: Record<string, string>; checked?: number[]; confirming?: boolean }

async function account(returnTo: string): Promise<SignedInUser> {
  const user = await signedInUser()
  if (!user || user.collection !== 'accounts') redirect(signInPath(returnTo))
  return user as SignedInUser
}

const text = (data: FormData, name: string) => String(data.get(name) ?? '')
const chosenDocuments = (data: FormData) => data.getAll('documents').map((value) => Number(value))

/** Add connection, learner side: whom to share with, until when, and which documents. */
export async function shareDocuments(_previous: FormState, data: FormData): Promise<FormState> {
  const user = await account('/connections/new')
  const form = { name: text(data, 'name'), email: text(data, 'email'), company: text(data, 'company'), accessUntil: text(data, 'accessUntil'), documents: chosenDocuments(data) }
  const result = await shareWithThirdParty(await portalPayload(), user, form)
  if (!result.ok) return { errors: result.errors, values: { name: form.name, email: form.email, company: form.company, accessUntil: form.accessUntil }, checked: form.documents }
  revalidatePath('/connections')
  redirect(`/connections/${result.id}?notice=created`)
}

/** Add connection, third-party side: ask a learner, by email, to share. The answer is the same whoever the address belongs to. */
export async function askLearner(_previous: FormState, data: FormData): Promise<FormState> {
  const user = await account('/connections/new')
  const form = { email: text(data, 'email'), message: text(data, 'message') }
  const result = await requestConnection(await portalPayload(), user, form)
  if (!result.ok) return { errors: result.errors, values: form }
  revalidatePath('/connections')
  redirect('/connections?notice=requested')
}

async function act(id: string, action: ConnectionAction & { message?: string }, { back, done }: { back: string; done: string }): Promise<FormState> {
  const user = await account(back)
  const result = await actOnConnection(await portalPayload(), user, id, action)
  if (!result.ok) return { errors: { form: result.error } }
  revalidatePath('/connections')
  redirect(`${done}${done.includes('?') ? '&' : '?'}notice=${result.event}`)
}

/** What cannot be undone, so is asked once before it is done: the second submit carries `confirmed=yes`. */
const ASKED_FIRST = ['cancel', 'delete']

/** The button actions (accept, decline, delete, cancel, answer an extension): the button says which. */
export async function connectionButton(_previous: FormState, data: FormData): Promise<FormState> {
  const id = text(data, 'connection')
  const type = text(data, 'action')
  const allowed = ['accept', 'decline', 'cancel', 'delete', 'approve-extension', 'decline-extension'] as const
  if (!allowed.includes(type as never)) return { errors: { form: 'That is not something you can do to a connection.' } }
  if (ASKED_FIRST.includes(type) && text(data, 'confirmed') !== 'yes') return { confirming: true }
  const back = `/connections/${id}`
  return act(id, { type } as ConnectionAction, { back, done: type === 'delete' ? '/connections' : back })
}

/** The learner moves the access date (the clock icon). */
export async function changeAccessDate(_previous: FormState, data: FormData): Promise<FormState> {
  const id = text(data, 'connection')
  const date = accessDateFrom(text(data, 'accessUntil'), new Date())
  if (!text(data, 'accessUntil').trim()) return { errors: { accessUntil: 'Enter the new access date.' } }
  if ('error' in date) return { errors: { accessUntil: date.error }, values: { accessUntil: text(data, 'accessUntil') } }
  const state = await act(id, { type: 'change-access-date', until: date.until }, { back: `/connections/${id}`, done: `/connections/${id}` })
  return { ...state, errors: state.errors && { accessUntil: state.errors.form } }
}

/** The third party asks for a later access date, with a message. */
export async function askForExtension(_previous: FormState, data: FormData): Promise<FormState> {
  const id = text(data, 'connection')
  const values = { accessUntil: text(data, 'accessUntil'), message: text(data, 'message') }
  if (!values.accessUntil.trim()) return { errors: { accessUntil: 'Enter the access date you are asking for.' }, values }
  if (values.message.length > 1000) return { errors: { message: 'Keep your message to 1,000 characters.' }, values }
  const date = accessDateFrom(values.accessUntil, new Date())
  if ('error' in date) return { errors: { accessUntil: date.error }, values }
  const state = await act(id, { type: 'request-extension', until: date.until, message: values.message }, { back: `/connections/${id}`, done: `/connections/${id}` })
  return { errors: state.errors && { accessUntil: state.errors.form }, values }
}

/** The learner chooses the documents: when changing them, or when accepting a third party's request. */
export async function chooseDocuments(_previous: FormState, data: FormData): Promise<FormState> {
  const id = text(data, 'connection')
  const documents = chosenDocuments(data)
  if (!documents.length) return { errors: { documents: 'Choose at least one document to share.' }, checked: [] }
  const type = text(data, 'accepting') === 'yes' ? 'accept' : 'change-documents'
  const state = await act(id, { type, documents } as ConnectionAction, { back: `/connections/${id}/documents`, done: `/connections/${id}` })
  return { errors: state.errors && { documents: state.errors.form }, checked: documents }
}
