import { readFileSync } from 'node:fs'

import { BaseSequencer, type TestSpecification } from 'vitest/node'

/** A file that starts a portal server, so waits for the run's one Next build (tests/helpers/nextBuild.ts). */
const needsPages = (file: string) => /\bstartServer\(/.test(readFileSync(file, 'utf8'))

/**
 * Vitest's own order (slowest first, from the last run), except that the files that need no
 * server go first: they run while the pages are built, instead of every worker waiting for it.
 */
export class PagesLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const later = new Set(sorted.filter((spec) => needsPages(spec.moduleId)))
    return [...sorted.filter((spec) => !later.has(spec)), ...later]
  }
}
