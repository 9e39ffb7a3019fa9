import readline from 'node:readline'
import { Writable } from 'node:stream'
import { parseArgs } from 'node:util'

import { checkNewPassword } from '../src/lib/passwords'
import { serverURL } from '../src/lib/env'

/**
 * npm run create-admin -- --email you@example.org --name "Your Name"
 *
 * Creates an administrator: the only way to make the first one (the admin's own sign-up page
 * and Payload's first-register route are closed). The password is read from standard input,
 * never from the command line (where other users and the shell history would see it); missing
 * options are asked for. Works on the embedded database and on DATABASE_URL, in production too.
 */
const USAGE = 'Usage: npm run create-admin -- --email you@example.org --name "Your Name", then type the password (or pipe it in).'

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

const { values: options } = (() => {
  try {
    return parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } }, strict: true })
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`)
  }
})()

// Typed answers are shown, except the password's; piped lines are read in the same order.
const interactive = Boolean(process.stdin.isTTY)
let hideTyping = false
const echo = new Writable({ write: (chunk, _encoding, done) => (hideTyping || process.stderr.write(chunk), done()) })
const input = readline.createInterface({ input: process.stdin, output: echo, terminal: interactive })
const lines = input[Symbol.asyncIterator]()

async function ask(question: string, { secret = false } = {}): Promise<string> {
  if (interactive) process.stderr.write(question)
  hideTyping = secret
  const { value, done } = await lines.next()
  hideTyping = false
  if (interactive && secret) process.stderr.write('\n')
  return done ? '' : String(value)
}

const email = (options.email ?? (await ask('Email address: '))).trim().toLowerCase()
const name = (options.name ?? (await ask('Name: '))).trim()
if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail(`"${email}" is not an email address. ${USAGE}`)
if (!name || name.length > 120) fail(`Give the administrator's name (1 to 120 characters). ${USAGE}`)
const password = await ask('Password: ', { secret: true })
if (interactive && (await ask('The same password again: ', { secret: true })) !== password) fail('The two passwords are not the same. Nothing was changed.')
input.close()
const rule = checkNewPassword(password, { email })
if (rule !== true) fail(`${rule} Nothing was changed.`)

// Payload (and the database) load only once the input is known good: a mistake is told at once.
const { bootPayload } = await import('../src/runtime/boot')
const { payload, shutdown } = await bootPayload((message) => console.error(message))
try {
  // System task: run by whoever holds the server, the one place staff are made without signing in.
  const existing = await payload.count({ collection: 'staff', where: { email: { equals: email } }, overrideAccess: true })
  if (existing.totalDocs > 0) {
    console.error(`A staff member with the email address ${email} already exists. Nothing was changed.`)
    process.exitCode = 1
  } else {
    await payload.create({ collection: 'staff', data: { email, name, role: 'administrator', password }, overrideAccess: true })
    console.log(`Administrator ${email} created. Sign in at ${serverURL()}/admin.`)
  }
} finally {
  await shutdown()
}
process.exit()
