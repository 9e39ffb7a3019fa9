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
  experimental: { globalNotFound: true },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
