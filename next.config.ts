import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'

import { assertNode24 } from './src/lib/nodeVersion'

assertNode24()

const forTests = process.env.NEXT_BUILD_FOR_TESTS === 'true'

const nextConfig: NextConfig = {
  // Tests run their own Next build folder so they never fight a developer's `npm run dev`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
  // Every page's <title> is in its <head> when the page arrives, not streamed in later by a script: screen
  // readers, browsers without scripts and the tab all get it at once.
  htmlLimitedBots: /.*/,
  // Unknown paths get the portal's own page (src/app/global-not-found.tsx): the app has two root layouts, portal and admin.
  experimental: {
    globalNotFound: true,
    // A production server loads every page's code as it starts; the test servers (NEXT_PRELOAD_PAGES=false) load a page when it is first asked for.
    preloadEntriesOnStart: process.env.NEXT_PRELOAD_PAGES !== 'false',
    // The tests' one build (NEXT_BUILD_FOR_TESTS=true) is read by test servers and browsers on this machine only: it skips
    // minifying and source maps (half its CPU time) and writes no build cache, which only a build that comes again reads.
    turbopackFileSystemCacheForBuild: !forTests,
    turbopackMinify: !forTests,
    turbopackSourceMaps: !forTests,
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
