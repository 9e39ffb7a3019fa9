type PageSummary = { id: number | string; slug?: string | null; title?: string | null; summary?: string | null }

export function HelpCards({ pages }: { pages: PageSummary[] }) {
  return (
    <ul className="cards">
      {pages.map((page) => (
        <li key={page.id} className="card">
          <h3>
            <a href={`/help/${page.slug}`}>{page.title}</a>
          </h3>
          {page.summary ? <p>{page.summary}</p> : null}
        </li>
      ))}
    </ul>
  )
}
