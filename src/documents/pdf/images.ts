import { createHash } from 'node:crypto'

import { PNG } from 'pngjs'

/**
 * An image ready to embed: its bytes, and the same as a data URI that react-pdf takes as the
 * key of its own image cache (so the image is parsed once per process, not once per document;
 * given as bytes, react-pdf would base64-encode them again for every document to find its key).
 */
export type PreparedImage = { data: Buffer; format: 'png' | 'jpg'; uri: string }

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

const cache = new Map<string, PreparedImage | null>()
const CACHE_LIMIT = 32
const warned = new Set<string>()

function pngNeedsFlattening(bytes: Buffer): boolean {
  // IHDR is always first: colour type at byte 25, interlace method at byte 28.
  const colourType = bytes[25]
  const interlaced = bytes[28] !== 0
  if (interlaced || colourType === 4 || colourType === 6) return true
  // Palette or grey/RGB with a tRNS chunk is transparent too.
  return bytes.includes(Buffer.from('tRNS', 'latin1'))
}

/**
 * A logo or signature ready to embed, cached by content. JPEG and opaque PNG pass through
 * untouched (the PDF embeds their compressed data as it is); a PNG with transparency is
 * flattened once onto white paper, because embedding an alpha channel means decoding and
 * re-compressing the whole image in every document. Anything else is left out (with one
 * warning) rather than stopping the document.
 */
export function prepareImage(bytes: Buffer | null | undefined, label: string): PreparedImage | null {
  if (!bytes || bytes.length < 32) return null
  const key = createHash('sha1').update(bytes).digest('hex')
  if (cache.has(key)) return cache.get(key) ?? null
  let prepared: PreparedImage | null = null
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xd8) prepared = withUri(Buffer.from(bytes), 'jpg')
    else if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) prepared = withUri(pngNeedsFlattening(bytes) ? flatten(bytes) : Buffer.from(bytes), 'png')
    else throw new Error('not a PNG or JPEG file')
  } catch (error) {
    if (!warned.has(key)) {
      warned.add(key)
      console.warn(`documents/pdf: the ${label} image is left out: ${error instanceof Error ? error.message : String(error)}`)
    }
    prepared = null
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!)
  cache.set(key, prepared)
  return prepared
}

function withUri(data: Buffer, format: 'png' | 'jpg'): PreparedImage {
  return { data, format, uri: `data:image/${format === 'jpg' ? 'jpeg' : 'png'};base64,${data.toString('base64')}` }
}

function flatten(bytes: Buffer): Buffer {
  const source = PNG.sync.read(bytes)
  const { width, height, data } = source
  const out = new PNG({ width, height, colorType: 2, inputHasAlpha: true })
  for (let i = 0; i < data.length; i += 4) {
    const alpha = data[i + 3]! / 255
    out.data[i] = Math.round(data[i]! * alpha + 255 * (1 - alpha))
    out.data[i + 1] = Math.round(data[i + 1]! * alpha + 255 * (1 - alpha))
    out.data[i + 2] = Math.round(data[i + 2]! * alpha + 255 * (1 - alpha))
    out.data[i + 3] = 255
  }
  return PNG.sync.write(out, { colorType: 2 })
}
