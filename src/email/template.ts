export type EmailTemplate<Data> = {
  name: string
  subject: (data: Data) => string
  text: (data: Data) => string
  html: (data: Data) => string
  /** The message holds a link that signs its holder in or sets a password (verification, reset). */
  carriesSignInLink?: boolean
}

const registry = new Map<string, EmailTemplate<never>>()

/** Every message the product sends is one of these: a name, a subject, a text part and an HTML part. */
export function defineEmailTemplate<Data>(template: EmailTemplate<Data>): EmailTemplate<Data> {
  if (registry.has(template.name) && registry.get(template.name) !== (template as never))
    throw new Error(`Two email templates are called ${template.name}`)
  registry.set(template.name, template as EmailTemplate<never>)
  return template
}

export function emailTemplateNamed(name: string | undefined): EmailTemplate<never> | undefined {
  return name ? registry.get(name) : undefined
}
