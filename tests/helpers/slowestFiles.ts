import path from 'node:path'

import type { Reporter, TestModule } from 'vitest/node'

/** Ends the run with the ten slowest test files (set-up and tests together), so the next person sees where the time goes; `SLOWEST_FILES=all` lists every file. */
export default class SlowestFiles implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const timed = testModules.map((module) => {
      const { duration, collectDuration, setupDuration, prepareDuration } = module.diagnostic()
      return { file: path.relative(process.cwd(), module.moduleId), seconds: (duration + collectDuration + setupDuration + prepareDuration) / 1000 }
    })
    const slowest = timed.sort((a, b) => b.seconds - a.seconds).slice(0, process.env.SLOWEST_FILES === 'all' ? undefined : 10)
    if (!slowest.length) return
    const lines = slowest.map(({ file, seconds }) => `  ${seconds.toFixed(1).padStart(7)} s  ${file}`)
    process.stdout.write(`\nThe ${slowest.length === 10 ? 'ten ' : ''}slowest test files:\n${lines.join('\n')}\n`)
  }
}
