import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'

import { assertNode24 } from './src/lib/nodeVersion'

assertNode24()

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
    // The build's own cache on disk is for builds that come again; the tests' one build (TURBOPACK_BUILD_CACHE=false) would only write it.
    turbopackFileSystemCacheForBuild: process.env.TURBOPACK_BUILD_CACHE !== 'false',
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
