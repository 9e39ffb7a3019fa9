import { notFound } from 'next/navigation'

import { addressFormValues, addressLines, type BookEntry } from '../../lib/addresses'
import { COUNTRY_OPTIONS, countryName } from '../../lib/countries'
import { displayPhone } from '../../lib/phone'
import { PHOTO_ERRORS, type PhotoErrorCode } from '../../lib/photos'
import { portalPayload } from '../payload'
import { ErrorSummary } from '../ui/Field'
import { makeDefaultAddressAction, removeAddressAction, removePhotoAction } from './actions'
import { addressBook } from './addresses'
import { learnerRecordDetails } from './details'
import { AddressForm, DeleteAccountForm, DetailsForm, PasswordForm } from './forms'
import { currentPhoto, type Photo } from './photo'
import { Done, ProfileFrame } from './ProfileFrame'
import { requireAccount } from './session'

const SUPPORT = '/help/contact-support'

function Avatar({ photo, name }: { photo: Photo | null; name: string }) {
  if (photo) return <img className="avatar" src={photo.src} alt="Your profile photo" width={96} height={96} />
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('')
  return (
    <span className="avatar avatar-initials" aria-hidden="true">
      {initials}
    </span>
  )
}

export async function ProfileDetailsPage({ done }: { done?: string }) {
  const account = await requireAccount('/profile')
  const payload = await portalPayload()
  const isLearner = account.kind === 'learner'
  const [photo, record] = await Promise.all([currentPhoto(payload, account), isLearner ? learnerRecordDetails(payload, account) : null])
  const name = `${account.firstName} ${account.lastName}`
  return (
    <ProfileFrame section="details" title="Personal details">
      <Done text={done === 'saved' ? 'Your details have been saved.' : undefined} />
      <div className="profile-summary">
        <Avatar photo={photo} name={name} />
        <div>
          <p className="profile-name">{record?.name ?? name}</p>
          <p className="profile-email">{account.email}</p>
          <p>
            <a href="/profile/photo">{photo ? 'Change your photo' : 'Add a photo'}</a>
          </p>
        </div>
      </div>

      {record ? (
        <section aria-labelledby="record-heading">
          <h2 id="record-heading">Your record details</h2>
          <dl className="details-list">
            <div>
              <dt>Name</dt>
              <dd>{record.name}</dd>
            </div>
            <div>
              <dt>Candidate or membership number</dt>
              <dd>{record.candidateNumber || 'Not given'}</dd>
            </div>
            <div>
              <dt>Date of birth</dt>
              <dd>{record.dateOfBirth || 'Not given'}</dd>
            </div>
          </dl>
          <div className="notice">
            <p>
              {record.fromRecord
                ? 'These details come from your learner record, so you cannot change them here.'
                : 'These are the details you gave when you registered. We are checking them against our records.'}{' '}
              Changing your details in the portal does not change your learner record. If any of them are wrong, please contact us using the details on
              the <a href={SUPPORT}>support page</a>.
            </p>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="contact-heading">
        <h2 id="contact-heading">{isLearner ? 'Contact details' : 'Your details'}</h2>
        <dl className="details-list">
          <div>
            <dt>Email address</dt>
            <dd>{account.email}</dd>
          </div>
        </dl>
        <p className="hint">
          You sign in with this email address. To change it, please contact our <a href={SUPPORT}>support team</a>.
        </p>
        <DetailsForm
          kind={account.kind}
          initial={{ phone: displayPhone(account.phone), firstName: account.firstName, lastName: account.lastName, companyName: account.companyName ?? '', jobTitle: account.jobTitle ?? '' }}
        />
      </section>
    </ProfileFrame>
  )
}

const ADDRESS_DONE: Record<string, string> = {
  added: 'The address has been added to your address book.',
  saved: 'The address has been saved.',
  removed: 'The address has been removed from your address book.',
  'default-billing': 'Your default billing address has been changed.',
  'default-delivery': 'Your default delivery address has been changed.',
}

function AddressCard({ entry }: { entry: BookEntry }) {
  const title = entry.label || entry.line1 || 'Address'
  const id = entry.id ?? ''
  return (
    <li className="card address-card">
      <h2 className="card-title">{title}</h2>
      <address>
        {addressLines(entry, countryName).map((line, i) => (
          <span key={i}>
            {line}
            <br />
          </span>
        ))}
      </address>
      {entry.defaultBilling || entry.defaultDelivery ? (
        <ul className="tags" aria-label="Used as">
          {entry.defaultBilling ? <li className="tag">Default billing address</li> : null}
          {entry.defaultDelivery ? <li className="tag">Default delivery address</li> : null}
        </ul>
      ) : null}
      <div className="card-actions">
        <a className="button small secondary" href={`/profile/addresses/${encodeURIComponent(id)}`}>
          Change<span className="visually-hidden"> {title}</span>
        </a>
        <form action={removeAddressAction}>
          <input type="hidden" name="id" value={id} />
          <button className="button small secondary" type="submit">
            Remove<span className="visually-hidden"> {title}</span>
          </button>
        </form>
      </div>
      {!entry.defaultBilling || !entry.defaultDelivery ? (
        <div className="card-actions">
          {(['billing', 'delivery'] as const)
            .filter((kind) => !(kind === 'billing' ? entry.defaultBilling : entry.defaultDelivery))
            .map((kind) => (
              <form key={kind} action={makeDefaultAddressAction}>
                <input type="hidden" name="id" value={id} />
                <input type="hidden" name="kind" value={kind} />
                <button className="link-action" type="submit">
                  Make default for {kind}
                  <span className="visually-hidden">: {title}</span>
                </button>
              </form>
            ))}
        </div>
      ) : null}
    </li>
  )
}

export async function AddressBookPage({ done, error }: { done?: string; error?: string }) {
  const account = await requireAccount('/profile/addresses')
  const book = await addressBook(await portalPayload(), account)
  return (
    <ProfileFrame section="addresses" title="Address book">
      <Done text={done ? ADDRESS_DONE[done] : undefined} />
      {error === 'gone' ? (
        <p className="notice notice-error" role="alert">
          That address is no longer in your address book. Nothing was changed.
        </p>
      ) : null}
      <p>Addresses you keep here can be used as your billing or delivery address when you order printed copies of your documents.</p>
      <div className="actions">
        <a className="button" href="/profile/addresses/new">
          Add an address
        </a>
      </div>
      {book.length ? (
        <ul className="cards address-list">
          {book.map((entry) => (
            <AddressCard key={entry.id} entry={entry} />
          ))}
        </ul>
      ) : (
        <p>You have no addresses yet.</p>
      )}
    </ProfileFrame>
  )
}

export async function NewAddressPage() {
  const account = await requireAccount('/profile/addresses/new')
  const book = await addressBook(await portalPayload(), account)
  const first = book.length === 0
  return (
    <ProfileFrame section="addresses" title="Add an address" crumbs={[{ href: '/profile/addresses', label: 'Address book' }]}>
      {first ? <p>Your first address becomes your default billing and delivery address.</p> : null}
      <AddressForm initial={{ country: 'GB', fullName: `${account.firstName} ${account.lastName}` }} isDefault={{ billing: false, delivery: false }} countries={COUNTRY_OPTIONS} />
    </ProfileFrame>
  )
}

export async function EditAddressPage({ id }: { id: string }) {
  const account = await requireAccount(`/profile/addresses/${id}`)
  const entry = (await addressBook(await portalPayload(), account)).find((e) => e.id === id)
  if (!entry) notFound()
  return (
    <ProfileFrame section="addresses" title="Change an address" crumbs={[{ href: '/profile/addresses', label: 'Address book' }]}>
      <AddressForm id={id} initial={addressFormValues(entry)} isDefault={{ billing: Boolean(entry.defaultBilling), delivery: Boolean(entry.defaultDelivery) }}
        countries={COUNTRY_OPTIONS}
      />
    </ProfileFrame>
  )
}

export async function ChangePasswordPage({ done }: { done?: string }) {
  await requireAccount('/profile/password')
  const text =
    done === 'changed-signed-out'
      ? 'Your password has been changed and you have been signed out of all other devices. We have emailed you to confirm it.'
      : done === 'changed'
        ? 'Your password has been changed. We have emailed you to confirm it.'
        : undefined
  return (
    <ProfileFrame section="password" title="Change password">
      <Done text={text} />
      <p>
        Forgotten your current password? Sign out and use <a href="/forgot-password">forgot my password</a> instead.
      </p>
      <PasswordForm />
    </ProfileFrame>
  )
}

export async function PhotoPage({ done, error }: { done?: string; error?: string }) {
  const account = await requireAccount('/profile/photo')
  const photo = await currentPhoto(await portalPayload(), account)
  const errorText = error && error in PHOTO_ERRORS ? PHOTO_ERRORS[error as PhotoErrorCode] : undefined
  const doneText = done === 'uploaded' ? 'Your photo has been saved.' : done === 'removed' ? 'Your photo has been removed.' : undefined
  return (
    <ProfileFrame section="photo" title="Profile photo">
      <Done text={doneText} />
      <ErrorSummary errors={errorText ? { photo: errorText } : undefined} />
      <div className="profile-summary">
        <Avatar photo={photo} name={`${account.firstName} ${account.lastName}`} />
        <p>{photo ? 'This is your photo.' : 'You have not added a photo.'} Only you and our support team can see it.</p>
      </div>
      <form className="form" method="post" action="/profile/photo/upload" encType="multipart/form-data">
        <div className={`field${errorText ? ' field-error' : ''}`}>
          <label htmlFor="photo">{photo ? 'Choose a new photo' : 'Choose a photo'}</label>
          <p className="hint" id="photo-hint">
            A JPEG, PNG or WebP image, up to 5 MB. A square photo of your face works best.
          </p>
          {errorText ? (
            <p className="error-message" id="photo-error">
              <span className="visually-hidden">Error: </span>
              {errorText}
            </p>
          ) : null}
          <input
            type="file"
            id="photo"
            name="photo"
            accept="image/jpeg,image/png,image/webp"
            aria-describedby={errorText ? 'photo-hint photo-error' : 'photo-hint'}
            aria-invalid={errorText ? true : undefined}
          />
        </div>
        <div className="actions">
          <button className="button" type="submit">
            Upload photo
          </button>
        </div>
      </form>
      {photo ? (
        <form action={removePhotoAction}>
          <button className="button secondary" type="submit">
            Remove photo
          </button>
        </form>
      ) : null}
    </ProfileFrame>
  )
}

export async function DeleteAccountPage() {
  const account = await requireAccount('/profile/delete')
  const isLearner = account.kind === 'learner'
  return (
    <ProfileFrame section="delete" title="Delete my account">
      <p>If you delete your account:</p>
      <ul className="plain-list">
        <li>you can no longer sign in, and you are signed out on every device;</li>
        <li>
          we delete your personal details, your address book and your photo
          {isLearner ? ', the connections you made (third parties lose access to the documents you shared)' : ''} and your messages to our support team;
        </li>
        {isLearner ? (
          <li>
            we keep the record of your orders for as long as the law requires us to keep sales records, no longer linked to you. An order still being printed or
            posted is sent as planned;
          </li>
        ) : null}
        <li>{isLearner ? 'your certificates and other official records stay with us as the awarding body. ' : ''}You can register again at any time.</li>
      </ul>
      <h2>Download your data first</h2>
      <p>A file (JSON) of everything we hold about your account: your details, addresses, connections, orders, messages and the history of your account.</p>
      <div className="actions">
        <a className="button secondary" href="/profile/export" download>
          Download my data
        </a>
      </div>
      <h2>Delete your account</h2>
      <DeleteAccountForm />
    </ProfileFrame>
  )
}

/** Shown on the home page after an account was deleted. */
export function AccountDeletedNotice() {
  return (
    <div className="notice" role="status">
      <p>
        <strong>Your account has been deleted.</strong> We have emailed you to confirm it. Thank you for using the portal.
      </p>
    </div>
  )
}
