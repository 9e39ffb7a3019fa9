import QRCode from 'qrcode'

/** Standard quiet zone: four modules of white on every side. */
export const QUIET_ZONE = 4

export type QrMatrix = {
  /** Modules across, quiet zone included: the viewBox is `0 0 size size`. */
  size: number
  /** One SVG path of the dark modules (each row's runs merged), offset by the quiet zone. */
  path: string
}

const cache = new Map<string, QrMatrix>()
const CACHE_LIMIT = 256

/**
 * The QR code of `text` as vector data (error correction M: survives a crease or a smudge
 * on paper and stays small enough to scan from a printed page).
 */
export function qrMatrix(text: string): QrMatrix {
  const hit = cache.get(text)
  if (hit) return hit
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = modules.size
  let path = ''
  for (let row = 0; row < n; row++) {
    let col = 0
    while (col < n) {
      if (!modules.get(row, col)) {
        col++
        continue
      }
      const start = col
      while (col < n && modules.get(row, col)) col++
      path += `M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h${start - col}z`
    }
  }
  const matrix = { size: n + 2 * QUIET_ZONE, path }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!)
  cache.set(text, matrix)
  return matrix
}

/** A standalone SVG of the QR code (white quiet zone included), for web pages and badges. */
export function qrSvg(text: string, { dark = '#000000', light = '#ffffff' }: { dark?: string; light?: string } = {}): string {
  const { size, path } = qrMatrix(text)
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="${light}"/><path d="${path}" fill="${dark}"/></svg>`
  )
}

/** The QR code the documents print for `url`, as an SVG document string. */
export async function qrCodeFor(url: string): Promise<string> {
  return qrSvg(url)
}
