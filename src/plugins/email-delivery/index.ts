import { addDataAndFileToRequest, type CollectionConfig, type Config, type Endpoint, type Plugin } from 'payload'

import { supportStaff } from '../../access/rules'
import { EMAIL_QUEUE } from '../../email/queue'
import { deliverEmailTask } from './deliver'
import { deliveryFields } from './fields'
import { sendEmailAgain, SendAgainError } from './sendAgain'

export { deliverDueEmails, type DeliveryRun } from './deliver'
export { sendEmailAgain, SendAgainError } from './sendAgain'
export { closeSmtpPool } from './transport'

/** POST /api/email-outbox/:id/send-again */
const sendAgainEndpoint: Endpoint = {
  path: '/:id/send-again',
  method: 'post',
  handler: async (req) => {
    if (!(await supportStaff({ req } as never))) return Response.json({ error: 'Only support staff can send a message again.' }, { status: 403 })
    await addDataAndFileToRequest(req)
    try {
      return Response.json({ ok: true, ...(await sendEmailAgain(req, String(req.routeParams?.id))) })
    } catch (error) {
      if (error instanceof SendAgainError) return Response.json({ error: error.message }, { status: error.status })
      throw error
    }
  },
}

const withDelivery = (outbox: CollectionConfig): CollectionConfig => ({
  ...outbox,
  fields: [deliveryFields[0]!, ...outbox.fields, ...deliveryFields.slice(1)],
  endpoints: [...(outbox.endpoints || []), sendAgainEndpoint],
  admin: {
    ...outbox.admin,
    defaultColumns: ['createdAt', 'to', 'subject', 'template', 'status', 'attempts', 'sentAt'],
    components: { ...outbox.admin?.components, beforeListTable: ['/plugins/email-delivery/admin/OutboxStatusLinks#OutboxStatusLinks'] },
  },
})

/**
 * Email delivery: every queued message is sent by the jobs queue, retried with backoff, and
 * its state kept on its outbox row for staff to see and send again. Each app process works
 * the email queue every second (unless JOBS_AUTORUN=false), or a worker does.
 */
export const emailDeliveryPlugin =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map((collection) => (collection.slug === 'email-outbox' ? withDelivery(collection) : collection)),
    admin: {
      ...config.admin,
      components: { ...config.admin?.components, beforeDashboard: [...(config.admin?.components?.beforeDashboard ?? []), '/plugins/email-delivery/admin/FailedEmailsNotice#FailedEmailsNotice'] },
    },
    jobs: {
      ...config.jobs,
      tasks: [...(config.jobs?.tasks ?? []), deliverEmailTask as never],
      autoRun: [...((config.jobs?.autoRun as never[]) ?? []), { cron: '* * * * * *', queue: EMAIL_QUEUE, limit: 10, silent: { info: true } }],
    },
  })
