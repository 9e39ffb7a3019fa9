/**
 * Replaces Payload's create-first-user view, which the admin opens while the staff table is
 * empty: nobody creates the first administrator in a browser (whoever came first would be
 * it); it is created on the server with `npm run create-admin`.
 */
export function CreateFirstAdministrator() {
  return (
    <div>
      <h1>No administrator yet</h1>
      <p>The first administrator is created on the server, not in the browser. On the machine that runs the portal, in its folder, run:</p>
      <pre style={{ whiteSpace: 'pre-wrap' }}>npm run create-admin -- --email you@example.org --name &quot;Your Name&quot;</pre>
      <p>and type the new password when asked (it reads it from standard input). Then reload this page and sign in.</p>
    </div>
  )
}
