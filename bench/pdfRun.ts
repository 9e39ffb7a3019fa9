import { spawn } from 'node:child_process'

import { ROOT } from './startup'

const COUNT = 200

/** Runs bench/pdf.ts in its own process and returns what it printed. */
function renderRun(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/pdf.ts', String(COUNT)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    child.stdout!.on('data', (chunk) => (output += chunk))
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`bench/pdf.ts exited with ${code}`))))
  })
}

const certificateLine = (output: string) => {
  const match = /^certificate: (\d+) in ([\d.]+) s — p50 ([\d.]+) ms, p99 ([\d.]+) ms.*?([\d.]+) docs\/s/m.exec(output)
  if (!match) throw new Error(`bench/pdf.ts printed no certificate line:\n${output}`)
  return { p50: Number(match[3]), p99: Number(match[4]), perSecond: Number(match[5]) }
}

/**
 * npm run bench -- pdf: bench/pdf.ts (certificates, transcripts, letters, badges rendered one
 * after another, the way the portal's route does) in one process for the time per document,
 * then in two processes at once, one per core, for documents per second on the whole machine.
 * Target (issue 4): a certificate's p50 under 150 ms.
 */
export async function benchPdf(): Promise<Array<[string, string, string]>> {
  const single = await renderRun()
  process.stdout.write(single)
  const one = certificateLine(single)
  const both = (await Promise.all([renderRun(), renderRun()])).map(certificateLine)
  return [
    [`certificate PDF, one process, ${COUNT} in a row: time per document`, `p50 ${one.p50.toFixed(0)} ms, p99 ${one.p99.toFixed(0)} ms`, 'p50 < 150 ms'],
    ['certificate PDFs per second, one process', `${one.perSecond.toFixed(1)}/s`, 'none'],
    ['certificate PDFs per second, two processes at once (both cores)', `${both.reduce((sum, run) => sum + run.perSecond, 0).toFixed(1)}/s (p50 ${Math.max(...both.map((r) => r.p50)).toFixed(0)} ms)`, 'none'],
  ]
}
