import { renderBadgePng, renderDocumentPdf } from '../src/documents/pdf'
import { sampleBranding, sampleFacts, sampleUnits } from '../tests/helpers/pdf'

/**
 * npx tsx bench/pdf.ts [count]: renders certificates one after another in this process (the
 * way the portal's route does) and prints p50/p99 per document and documents per second.
 * Each certificate has its own name, reference and verification address, with the sample
 * logo and signature (transparent PNGs). Target: p50 < 150 ms on the 2-core machine.
 */
const COUNT = Number(process.argv[2] ?? 200)
const WARM_UP = 10

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
const ms = (value: number) => `${value.toFixed(1)} ms`

const branding = await sampleBranding()
const facts = (i: number) =>
  sampleFacts({
    reference: `CERT-2024-${String(100000 + i).padStart(6, '0')}`,
    fullName: ['Claire Elizabeth Hammond', 'Oluwaseun Adebayo-Williams', 'Łucja Wąsowska', 'Siobhán Ní Bhriain'][i % 4]!,
    candidateNumber: String(2956700 + i).padStart(8, '0'),
    verifyUrl: `https://portal.example.org/verify/${(i * 7919).toString(36).padStart(16, 'k')}`,
  })

async function time(task: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await task()
  return performance.now() - started
}

async function run(name: string, count: number, render: (i: number) => Promise<Buffer>): Promise<void> {
  const times: number[] = []
  let bytes = 0
  const started = performance.now()
  for (let i = 0; i < count; i++) {
    times.push(
      await time(async () => {
        bytes += (await render(i)).length
      }),
    )
  }
  const seconds = (performance.now() - started) / 1000
  times.sort((a, b) => a - b)
  console.log(
    `${name}: ${count} in ${seconds.toFixed(2)} s — p50 ${ms(percentile(times, 50))}, p99 ${ms(percentile(times, 99))}, max ${ms(times[times.length - 1]!)}, ` +
      `${(count / seconds).toFixed(1)} docs/s, ${(bytes / count / 1024).toFixed(0)} KiB each`,
  )
}

const cold = await time(() => renderDocumentPdf(facts(0), branding))
console.log(`first certificate in a fresh process (fonts parsed, glyph cache filled): ${ms(cold)}`)
for (let i = 0; i < WARM_UP; i++) await renderDocumentPdf(facts(i), branding)

await run('certificate', COUNT, (i) => renderDocumentPdf(facts(i), branding))
await run('transcript (12 units)', Math.min(COUNT, 50), (i) => renderDocumentPdf({ ...facts(i), type: 'transcript', units: sampleUnits(12) }, branding))
await run('transcript (60 units, 3 pages)', Math.min(COUNT, 20), (i) => renderDocumentPdf({ ...facts(i), type: 'transcript', units: sampleUnits(60) }, branding))
await run('proof letter', Math.min(COUNT, 50), (i) => renderDocumentPdf({ ...facts(i), type: 'proof-letter', recipientAddress: ['Human Resources', 'Northgate Engineering Ltd', 'Leeds LS1 4DL'] }, branding))
await run('badge PNG', Math.min(COUNT, 50), (i) => renderBadgePng(facts(i), branding))
const memory = process.memoryUsage()
console.log(`memory after the run: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`)
