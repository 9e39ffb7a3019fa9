import { richText } from './richText'

const ORDERING_QUESTION = 'How do I order a printed copy of my certificate?'
const ORDERING_ANSWER =
  'Go to the [Store](/store), choose the document and the delivery, and pay by card. You can follow each order under [Orders](/orders); we email you when it is on its way. The prices and delivery options are shown in the Store.'

export const DEMO_PAGES = [
  {
    slug: 'getting-started',
    section: 'help',
    order: 1,
    title: 'Getting started',
    summary: 'How to register, sign in and find your documents.',
    content: richText([
      { paragraph: 'The Digital Achievement Portal is where you see and download your official certificates and transcripts, and where anyone can check one.' },
      { heading: 'Registering as a learner' },
      { list: [
        'Go to [Register as a learner](/register) and enter your candidate or membership number, your name and your date of birth exactly as they appear on your certificate.',
        'If you do not know your number, tick “I don’t know my candidate or membership number”. Our support team will check your details instead.',
        'Confirm your email address using the link we send you. The link works for 24 hours.',
      ] },
      { paragraph: 'When your details match our records your documents are ready at once. Otherwise we check them by hand and email you, usually within two working days. Then [sign in](/sign-in) and go to [My documents](/documents).' },
      { heading: 'Sharing and printed copies' },
      { paragraph: 'To let an employer or university see your documents, go to [Connections](/connections) and choose [Add connection](/connections/new). To order a printed copy, use the [Store](/store) and follow it under [Orders](/orders).' },
      { heading: 'Employers, universities and auditors' },
      { paragraph: 'You can [register as an employer, university or auditor](/register/third-party). To check a certificate or transcript someone gives you, you need no account: use [Check a document](/verify) with the code printed on it.' },
    ]),
  },
  {
    slug: 'checking-a-certificate',
    section: 'help',
    order: 2,
    title: 'Checking a certificate',
    summary: 'Use the QR code or verification address printed on every document.',
    content: richText([
      { paragraph: 'Every certificate, transcript and letter we issue carries a QR code and a verification address. Scan the code, type the address, or enter the verification code printed under the QR code on [Check a document](/verify), to see whether the document is valid, revoked or replaced by a reissue.' },
      { paragraph: 'You do not need an account to check a document.' },
    ]),
  },
  {
    slug: 'faq',
    section: 'faq',
    order: 1,
    title: 'Frequently asked questions',
    summary: 'Answers to the questions learners ask most.',
    content: richText([
      { heading: 'I did not receive the verification email' },
      { paragraph: 'Check your spam or junk folder, then go to [Send the link again](/register/check-email) and enter your email address. Each new link replaces the one before.' },
      { heading: 'My name on the certificate is wrong' },
      { paragraph: 'Go to [My documents](/documents) and choose “Report a problem” on that document. Our support team will reply by email, and you can read the replies under [My reports](/enquiries).' },
      { heading: ORDERING_QUESTION },
      { paragraph: ORDERING_ANSWER },
      { heading: 'How do I share my certificate with an employer?' },
      { paragraph: 'Go to [Connections](/connections) and choose [Add connection](/connections/new). Enter the email address of the person who will check them, choose the documents and the date their access ends. They are emailed an invitation; you can change the date or end the sharing at any time.' },
    ]),
  },
  {
    slug: 'contact-support',
    section: 'support',
    order: 1,
    title: 'Contact support',
    summary: 'How to reach our support team.',
    content: richText([
      { paragraph: 'Our support team works Monday to Friday, 9am to 5pm UK time, except bank holidays.' },
      { paragraph: 'For a problem with a document, go to [My documents](/documents) and use “Report a problem” on the document, so we can see which one you mean. For anything else, email or phone us: our address and number are at the foot of every page.' },
    ]),
  },
  {
    slug: 'privacy-policy',
    section: 'policy',
    order: 1,
    title: 'Privacy policy',
    summary: 'What we hold about you, why, and your rights.',
    content: richText([
      { paragraph: 'We are the data controller for the personal data in this portal. We use it to show you your documents, to let people you choose check them, and to post printed copies you order.' },
      { heading: 'What we hold' },
      { list: ['Your name, date of birth and candidate number, from your qualification records.', 'Your email address, password (stored only as a secure hash) and any contact details you add.', 'Which documents you share, with whom and until when.', 'Your orders and payment references (we never see your card number).'] },
      { heading: 'Your rights' },
      { paragraph: 'You can download everything we hold about your account, and delete your account, from [Delete my account](/profile/delete) in your profile. We keep order records for six years because the law requires it.' },
    ]),
  },
] as const

/**
 * Answers the demo once published that the product has since made untrue, each with what
 * replaces it. Seeding again (and a development start on existing demo data) replaces a
 * heading or paragraph only while its text is still exactly the old one, so an edit staff
 * made is kept.
 */
export const SUPERSEDED_DEMO_TEXT: ReadonlyArray<{ slug: string; was: string; now: { heading: string } | { paragraph: string } }> = [
  { slug: 'faq', was: 'How much does a duplicate certificate cost?', now: { heading: ORDERING_QUESTION } },
  {
    slug: 'faq',
    was: 'A duplicate qualification certificate costs £30.50 and a document reprint £25.88. Royal Mail Signed For 2nd Class delivery in the UK is free. Printed copies cannot be ordered in the portal yet: to order one, see Contact support.',
    now: { paragraph: ORDERING_ANSWER },
  },
]
