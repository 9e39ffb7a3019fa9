export default function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        If you typed the web address, check it is correct. <a href="/">Go to the home page</a> or <a href="/help">get help</a>.
      </p>
    </>
  )
}
