/** Above the portal accounts list: the review queue, a filtered view of registrations waiting for staff. */
export function ReviewQueueLink() {
  return (
    <p style={{ margin: '0 0 16px' }}>
      <a href="/admin/collections/accounts?where[status][in][0]=awaiting-review&where[status][in][1]=information-requested&sort=createdAt">
        Open the review queue: registrations waiting for a decision
      </a>
    </p>
  )
}
